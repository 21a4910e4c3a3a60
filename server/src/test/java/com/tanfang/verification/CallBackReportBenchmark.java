package com.tanfang.verification;

import com.tanfang.BenchTimes;
import com.tanfang.MutableClock;
import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import com.tanfang.access.Caller;
import com.tanfang.access.Role;
import com.tanfang.project.Projects;
import com.tanfang.survey.campaign.Campaigns;
import com.tanfang.survey.campaign.SurveyCampaign;
import com.tanfang.survey.campaign.SurveyRepositories;
import com.tanfang.survey.results.SurveyResults;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A benchmark, not part of the suite (the name does not end in Test; run it with server/bench/callback-report.sh):
 * the call-back report of a campaign with {@code bench.responses} (10,000) responses generated in SQL through the
 * real schema (90 % online, two in three of those with a phone number), its sample drawn through the API at the
 * campaign's rate (10 %) and the calls' outcomes written in SQL as the queue would leave them (confirmed, denied and
 * excluded, differing, unreachable and replaced, pending). Prints the median of 9 after 3 warm-ups of the report
 * service, the whole GET, and the SQL queries the report needs (the reference). Nothing is asserted about time.
 */
@MicronautTest(transactional = false)
class CallBackReportBenchmark {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    DataSource dataSource;
    @Inject
    MutableClock clock;
    @Inject
    CallBacks callBacks;
    @Inject
    CallBackRecords.Items items;
    @Inject
    CallBackRecords.Draws draws;
    @Inject
    SurveyRepositories.Responses responses;
    @Inject
    com.tanfang.phone.PhoneCipher cipher;
    @Inject
    SurveyResults results;
    @Inject
    Campaigns campaigns;
    @Inject
    Projects projects;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Connection connection() throws Exception {
        return io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
    }

    private static int update(Connection c, String sql, long... params) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setLong(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void tenThousandResponses() throws Exception {
        int n = Integer.getInteger("bench.responses", 10_000);
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.openNow(api);
        try (Connection c = connection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into survey_response (campaign_id, point_id, channel, submission_id, submitted_at,
                                                 staff_absent_attested, phone_cipher)
                    select ?, pts.ids[1 + g % array_length(pts.ids, 1)],
                           case when g % 10 = 0 then 'OFFLINE' else 'ONLINE' end, 'bench-' || g,
                           now() - interval '50 seconds' + g * interval '1 ms', g % 10 = 0,
                           case when g % 3 <> 0 then phones.c[1 + g % array_length(phones.c, 1)] end
                      from generate_series(1, ?) g, (select ?::text[] c) phones,
                           (select array_agg(id order by id) ids from survey_point
                             where campaign_id = ? and revoked_at is null) pts""")) {
                // real ciphers of 100 numbers: the draw's answer shows the called numbers masked
                String[] ciphers = new String[100];
                for (int i = 0; i < ciphers.length; i++) {
                    ciphers[i] = cipher.encrypt("139" + (10_000_000 + i));
                }
                ps.setLong(1, f.campaignId);
                ps.setInt(2, n);
                ps.setArray(3, c.createArrayOf("text", ciphers));
                ps.setLong(4, f.campaignId);
                assertEquals(n, ps.executeUpdate());
            }
            update(c, """
                    insert into survey_answer (response_id, question_id, value, not_applicable)
                    select r.id, q.id,
                           case when (r.id + q.position) % 29 = 0
                                  or (q.not_applicable_allowed and (r.id + q.position) % 17 = 0) then null
                                else 1 + (r.id * 7 + q.position * 3) % 5 end,
                           q.not_applicable_allowed and (r.id + q.position) % 17 = 0
                      from survey_response r join survey_question q on q.campaign_id = r.campaign_id
                     where r.campaign_id = ?""", f.campaignId);
            try (var st = c.createStatement()) {
                st.execute("analyze survey_response; analyze survey_answer");
            }
        }
        f.closeNow(clock);
        TestApi.Res drawn = api.post("/api/v1/campaigns/" + f.campaignId + "/callback/draws", f.lead, Map.of());
        assertTrue(drawn.status() / 100 == 2, drawn.raw());
        long drawId = draws.active(f.campaignId).orElseThrow().id();
        long verifierId = ((Number) api.get("/api/v1/me", api.demo("verifier")).map().get("id")).longValue();
        long firstQuestion = f.questions.get(0).id();
        int denied;
        try (Connection c = connection()) {
            // Outcomes by the item's id: 70 % confirmed, 5 % denied (which excludes the response), 5 % differing on
            // the first question, 5 % unreachable after three attempts, the rest pending; all assigned to the verifier.
            update(c, """
                    update callback_item set assigned_to = ?,
                      outcome = case when id % 20 < 14 then 'CONFIRMED' when id % 20 = 14 then 'DENIED'
                                     when id % 20 = 15 then 'DIFFERS' when id % 20 = 16 then 'UNREACHABLE' end,
                      differs_question_id = case when id % 20 = 15 then ? end,
                      failed_attempts = case when id % 20 = 16 then 3 else 0 end,
                      caused_exclusion = id % 20 = 14,
                      closed_at = case when id % 20 < 17 then now() end
                    where draw_id = ? and called""", verifierId, firstQuestion, drawId);
            denied = update(c, """
                    update survey_response r set excluded = true, excluded_cause = 'CALLBACK_DENIED',
                      excluded_reason = ?::text, excluded_at = now()
                    from callback_item i where i.draw_id = ? and i.response_id = r.id and i.outcome = 'DENIED'"""
                    .replace("?::text", "'" + CallBacks.DENIAL_REASON.replace("'", "''") + "'"), drawId);
            // Each point with an unreachable respondent calls its next reserve response in its place.
            update(c, """
                    update callback_item i set called = true, added_as = 'REPLACEMENT', assigned_to = ?
                    where i.id in (select distinct on (r.point_id) r.id from callback_item r
                                   where r.draw_id = ? and not r.called
                                     and r.point_id in (select point_id from callback_item where draw_id = ?
                                                        and outcome = 'UNREACHABLE')
                                   order by r.point_id, r.position)""", verifierId, drawId, drawId);
            try (var st = c.createStatement()) {
                st.execute("analyze survey_response; analyze callback_item");
            }
        }
        long leadId = ((Number) api.get("/api/v1/me", f.lead).map().get("id")).longValue();
        Caller lead = new Caller(leadId, "lead", Set.of(Role.LEAD), null);
        int eligible = items.ofDraw(drawId).size();
        int called = items.calledRows(drawId).size();
        System.out.printf("call-back report: %,d responses, %,d eligible, %,d called, %d denied and excluded%n", n,
                eligible, called, denied);

        // (1) the reference: the SQL the report needs (the draw's items, the called rows with their locations, the
        // draw history, and the survey results' answers and responses, each scanned once for both views)
        BenchTimes queries = BenchTimes.standard(() -> items.ofDraw(drawId).size() + items.calledRows(drawId).size()
                + draws.history(f.campaignId).size() + responses.answerCountsBothViews(f.campaignId).size()
                + responses.responseCountsBothViews(f.campaignId).size(), rows -> { });
        // what the report read before 2026-12-02 (issue 14): the items twice and both results' queries twice
        BenchTimes previousQueries = BenchTimes.standard(() -> 2 * items.ofDraw(drawId).size()
                + items.calledRows(drawId).size() + draws.history(f.campaignId).size()
                + responses.answerCounts(f.campaignId, true).size() + responses.responseCounts(f.campaignId, true).size()
                + responses.answerCounts(f.campaignId, false).size() + responses.responseCounts(f.campaignId, false).size(),
                rows -> { });
        System.out.println("call-back report queries: now " + queries.describe() + "; as before issue 14 "
                + previousQueries.describe());
        // the changed part side by side in this JVM, under the same load: the results before and after the denials
        // as two computations (before) and from one scan (now)
        SurveyCampaign campaign = campaigns.get(f.campaignId, lead);
        var questions = campaigns.questions(f.campaignId);
        var points = campaigns.activePoints(f.campaignId);
        var scheme = projects.scheme(projects.get(campaign.projectId(), lead));
        BenchTimes[] ab = BenchTimes.interleaved(3, 9, () -> List.of(
                results.compute(campaign, questions, points, scheme, true),
                results.compute(campaign, questions, points, scheme, false)),
                () -> results.beforeAndAfterCallBacks(campaign, questions, points, scheme));
        BenchTimes twoComputations = ab[0];
        BenchTimes oneScan = ab[1];
        System.out.println("call-back report results before/after the denials (interleaved): two computations "
                + twoComputations.describe() + "; one scan " + oneScan.describe());
        // (2) the report as the controller calls it
        BenchTimes service = BenchTimes.standard(() -> callBacks.report(f.campaignId, lead), r -> {
            assertEquals(eligible, r.total().eligible());
            assertEquals(denied, r.excluded().size());
        });
        // (3) the whole GET
        BenchTimes.WholeGet get = BenchTimes.wholeGet(server.getURL(), "/api/v1/campaigns/" + f.campaignId + "/callback/report", f.lead);
        BenchTimes whole = get.times();
        System.out.printf("call-back report, %,d responses: service %s; whole GET %s, %,d bytes%n", n,
                service.describe(), whole.describe(), get.bytes());
        String name = n == 10_000 ? "callback-report-10k" : "callback-report-" + n;
        System.out.println(BenchTimes.ratioLines(name, whole.medianMs(), "its SQL queries", queries.medianMs(), 200));
        System.out.println(BenchTimes.ratioLine(name + "-service", service.medianMs(), "its SQL queries",
                queries.medianMs()));
    }
}
