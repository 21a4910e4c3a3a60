package com.tanfang.survey.results;

import com.tanfang.BenchTimes;
import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import com.tanfang.access.Caller;
import com.tanfang.access.Role;
import com.tanfang.survey.campaign.SurveyRepositories;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A benchmark, not part of the suite (the name does not end in Test; run it with server/bench/survey-results.sh):
 * the results of a campaign with {@code bench.responses} (100,000) responses, generated in SQL through the real
 * schema (every question answered, some don't-knows and N/As, offline responses, exclusions, amendments, fraud
 * flags), read as an audit team reads them. Prints the median of 9 after 3 warm-ups of the results service (the
 * controller's path: access checks, the two queries, the statistics), of the whole GET, and of the SQL queries the
 * service needs (the reference), then the plans. Nothing is asserted about time; the numbers go into performance.md.
 */
@MicronautTest(transactional = false)
class SurveyResultsBenchmark {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    DataSource dataSource;
    @Inject
    ResultsController controller;
    @Inject
    SurveyRepositories.Responses responses;
    @Inject
    com.tanfang.evaluation.Evaluations evaluations;
    @Inject
    io.micronaut.transaction.TransactionOperations<Connection> tx;

    private Connection connection() throws Exception {
        return io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
    }

    /** What the data generation below leaves counted: responses neither excluded nor superseded. */
    private long counted(Connection c, long campaignId) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from survey_response where campaign_id = ?"
                + " and not excluded and superseded_by is null")) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aHundredThousandResponses() throws Exception {
        int n = Integer.getInteger("bench.responses", 100_000);
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.openNow(api);
        long generateStart = System.nanoTime();
        long counted;
        try (Connection c = connection()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into survey_response (campaign_id, point_id, channel, submission_id, submitted_at,
                                                 staff_absent_attested, phone_cipher, excluded, excluded_reason,
                                                 excluded_cause)
                    select ?, pts.ids[1 + g % array_length(pts.ids, 1)],
                           case when g % 10 = 0 then 'OFFLINE' else 'ONLINE' end, 'bench-' || g,
                           now() - interval '50 seconds' + g * interval '0.1 ms', g % 10 = 0,
                           case when g % 3 = 0 then 'v1:bench-not-a-real-cipher' end,
                           g % 97 = 0 or g % 211 = 0, case when g % 97 = 0 or g % 211 = 0 then 'bench' end,
                           case when g % 97 = 0 then 'LEAD_REVIEW' when g % 211 = 0 then 'CALLBACK_DENIED' end
                      from generate_series(1, ?) g,
                           (select array_agg(id order by id) ids from survey_point
                             where campaign_id = ? and revoked_at is null) pts""")) {
                ps.setLong(1, f.campaignId);
                ps.setInt(2, n);
                ps.setLong(3, f.campaignId);
                assertEquals(n, ps.executeUpdate());
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into survey_answer (response_id, question_id, value, not_applicable)
                    select r.id, q.id,
                           case when (r.id + q.position) % 29 = 0
                                  or (q.not_applicable_allowed and (r.id + q.position) % 17 = 0) then null
                                else 1 + (r.id * 7 + q.position * 3) % 5 end,
                           q.not_applicable_allowed and (r.id + q.position) % 17 = 0
                      from survey_response r join survey_question q on q.campaign_id = r.campaign_id
                     where r.campaign_id = ?""")) {
                ps.setLong(1, f.campaignId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into response_flag (response_id, kind, reason, reason_code)
                    select id, 'BURST', 'bench', 'survey.flag.burst.general' from survey_response
                     where campaign_id = ? and id % 100 = 0""")) {
                ps.setLong(1, f.campaignId);
                ps.executeUpdate();
            }
            // An amendment: the earlier response stays, superseded by the next one from the same point.
            try (PreparedStatement ps = c.prepareStatement("""
                    update survey_response r set superseded_by = later.id, superseded_at = later.submitted_at
                      from survey_response later
                     where r.campaign_id = ? and later.campaign_id = r.campaign_id and later.point_id = r.point_id
                       and later.submission_id = 'bench-' || (substr(r.submission_id, 7)::int + 30)
                       and substr(r.submission_id, 7)::int % 503 = 0""")) {
                ps.setLong(1, f.campaignId);
                ps.executeUpdate();
            }
            try (var st = c.createStatement()) {
                st.execute("analyze survey_response; analyze survey_answer; analyze response_flag");
            }
            counted = counted(c, f.campaignId);
        }
        System.out.printf("survey results: generated %,d responses (%,d counted) × %d questions in %.1f s%n", n,
                counted, f.questions.size(), (System.nanoTime() - generateStart) / 1e9);
        long leadId = ((Number) api.get("/api/v1/me", f.lead).map().get("id")).longValue();
        Caller lead = new Caller(leadId, "lead", Set.of(Role.LEAD), null);

        // (1) the reference: the two queries the service needs, as the repository runs and maps them, in one read-only
        // transaction planned for this campaign (as SurveyResults runs them); beside it, interleaved, the same outside
        // a transaction, where the driver's prepared statement soon gets PostgreSQL's generic plan (before 18:20 UTC
        // the service ran them so)
        BenchTimes answerQuery = BenchTimes.standard(() -> tx.executeRead(status -> {
            responses.customPlansForThisTransaction();
            return responses.answerCounts(f.campaignId, false);
        }), rows -> { });
        BenchTimes countQuery = BenchTimes.standard(() -> responses.responseCounts(f.campaignId, false), rows -> { });
        BenchTimes[] plans = BenchTimes.interleaved(3, 9, () -> tx.executeRead(status -> {
            responses.customPlansForThisTransaction();
            return responses.answerCounts(f.campaignId, false).size()
                    + responses.responseCounts(f.campaignId, false).size();
        }), () -> responses.answerCounts(f.campaignId, false).size()
                + responses.responseCounts(f.campaignId, false).size());
        BenchTimes bothQueries = plans[0];
        System.out.println("survey results queries: answer tallies " + answerQuery.describe() + "; response counts "
                + countQuery.describe() + "; both (custom plans, the reference) " + bothQueries.describe()
                + "; both outside a transaction (generic plan after five runs), interleaved " + plans[1].describe());
        // (2) the service as the controller calls it: access, campaign, questions, points, scheme, queries, statistics
        BenchTimes service = BenchTimes.standard(() -> controller.results(f.campaignId, lead),
                r -> assertEquals(counted, r.online() + r.offline()));
        // (3) the whole GET as a client receives it (HTTP, session, JSON), bytes unparsed
        BenchTimes.WholeGet get = BenchTimes.wholeGet(server.getURL(), "/api/v1/campaigns/" + f.campaignId + "/results", f.lead);
        BenchTimes whole = get.times();
        // (4) the project's evaluation sheet, which computes the counted campaign's results on every read
        BenchTimes sheet = BenchTimes.standard(() -> evaluations.sheet(f.projectId, lead), s -> { });
        System.out.println("survey results: the project's evaluation sheet (no visits; this campaign's results inside) "
                + sheet.describe());
        for (String sql : new String[] {ANSWER_COUNTS_FOR_EXPLAIN, RESPONSE_COUNTS_FOR_EXPLAIN}) {
            try (Connection c = connection(); PreparedStatement ps = c.prepareStatement("explain (analyze, buffers) " + sql)) {
                ps.setLong(1, f.campaignId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        System.out.println("  plan: " + rs.getString(1));
                    }
                }
            }
        }
        System.out.printf("survey results, %,d responses: service %s; whole GET %s, %,d bytes%n", n, service.describe(),
                whole.describe(), get.bytes());
        String name = n == 100_000 ? "survey-results-100k" : "survey-results-" + n;
        System.out.println(BenchTimes.ratioLines(name, whole.medianMs(), "its SQL queries", bothQueries.medianMs(), 200));
        System.out.println(BenchTimes.ratioLine(name + "-service", service.medianMs(), "its SQL queries",
                bothQueries.medianMs()));
    }

    /** The repository's queries with the campaign as the one parameter (withDenied false), for EXPLAIN. */
    static final String ANSWER_COUNTS_FOR_EXPLAIN = """
            select a.question_id, r.channel, r.point_id, a.value, a.not_applicable, count(*) as n
            from survey_answer a join survey_response r on r.id = a.response_id
            where r.campaign_id = ? and r.superseded_by is null and (not r.excluded or (false and r.excluded_cause = 'CALLBACK_DENIED'))
            group by a.question_id, r.channel, r.point_id, a.value, a.not_applicable""";
    static final String RESPONSE_COUNTS_FOR_EXPLAIN = """
            select r.point_id, r.channel, count(*) filter (where (not r.excluded)) as responses,
              count(*) filter (where not (not r.excluded)) as excluded,
              count(*) filter (where exists (select 1 from response_flag f where f.response_id = r.id)) as flagged
            from survey_response r where r.campaign_id = ? and r.superseded_by is null group by r.point_id, r.channel""";
}
