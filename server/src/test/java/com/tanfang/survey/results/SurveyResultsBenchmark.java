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
 * flags), read as an audit team reads them. The results read the kept tallies (V26); the reference is what
 * recounting the answers in SQL takes (how the results were read before). Prints the median of 9 after 3 warm-ups
 * of the results service (the controller's path: access checks, the two queries, the statistics), of the whole GET
 * at n and at n / 10 responses (flat?), with 5 s of one-by-one submissions not folded yet (the worst steady case),
 * and the recount, then the plans. Nothing is asserted about time; the numbers go into performance.md.
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
    @Inject
    SurveyTallyFolding folding;

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

    /** A campaign of {@code n} responses generated in SQL (one statement per table, as a bulk import would). */
    private SurveyFixture generate(TestApi api, int n) throws Exception {
        SurveyFixture f = SurveyFixture.openNow(api);
        long generateStart = System.nanoTime();
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
            try (PreparedStatement ps = c.prepareStatement(ANSWERS)) {
                ps.setLong(1, f.campaignId);
                ps.setLong(2, 0);
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
            // vacuumed and analyzed now, so that autovacuum's pass over the bulk insert does not run during the timing
            try (var st = c.createStatement()) {
                st.execute("vacuum (analyze) survey_response, survey_answer, response_flag, survey_answer_tally_change,"
                        + " survey_response_tally_change");
            }
            System.out.printf("survey results: generated %,d responses (%,d counted) × %d questions in %.1f s%n", n,
                    counted(c, f.campaignId), f.questions.size(), (System.nanoTime() - generateStart) / 1e9);
        }
        return f;
    }

    /** Every question answered (some don't-knows and N/As) for the campaign's responses with an id above the second. */
    private static final String ANSWERS = """
            insert into survey_answer (response_id, question_id, value, not_applicable)
            select r.id, q.id,
                   case when (r.id + q.position) % 29 = 0
                          or (q.not_applicable_allowed and (r.id + q.position) % 17 = 0) then null
                        else 1 + (r.id * 7 + q.position * 3) % 5 end,
                   q.not_applicable_allowed and (r.id + q.position) % 17 = 0
              from survey_response r join survey_question q on q.campaign_id = r.campaign_id
             where r.campaign_id = ? and r.id > ?""";

    /**
     * {@code k} responses as the intake writes them: one transaction each (response, answers, a flag on every
     * hundredth), each leaving its own tally changes.
     */
    private void submitOneByOne(SurveyFixture f, int k) throws Exception {
        try (Connection c = connection();
             PreparedStatement response = c.prepareStatement("""
                     insert into survey_response (campaign_id, point_id, channel, submission_id, submitted_at)
                     select ?, ids[1 + ? % array_length(ids, 1)], 'ONLINE', 'one-' || ?, now()
                       from (select array_agg(id order by id) ids from survey_point
                              where campaign_id = ? and revoked_at is null) pts returning id""");
             PreparedStatement answers = c.prepareStatement(ANSWERS);
             PreparedStatement flag = c.prepareStatement("""
                     insert into response_flag (response_id, kind, reason, reason_code)
                     values (?, 'BURST', 'bench', 'survey.flag.burst.general')""")) {
            c.setAutoCommit(false);
            for (int i = 0; i < k; i++) {
                response.setLong(1, f.campaignId);
                response.setInt(2, i);
                response.setInt(3, i);
                response.setLong(4, f.campaignId);
                long id;
                try (ResultSet rs = response.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
                answers.setLong(1, f.campaignId);
                answers.setLong(2, id - 1);
                answers.executeUpdate();
                if (i % 100 == 0) {
                    flag.setLong(1, id);
                    flag.executeUpdate();
                }
                c.commit();
            }
        }
    }

    @Test
    void aHundredThousandResponses() throws Exception {
        int n = Integer.getInteger("bench.responses", 100_000);
        int small = n / 10;
        TestApi api = new TestApi(server.getURL(), json);
        long leadId = ((Number) api.get("/api/v1/me", api.demo("lead")).map().get("id")).longValue();
        Caller lead = new Caller(leadId, "lead", Set.of(Role.LEAD), null);

        // A campaign a tenth the size first: the tallies' read should not grow with the responses.
        SurveyFixture tenth = generate(api, small);
        Tallies.foldAll(folding);
        BenchTimes tenthGet = BenchTimes.wholeGet(server.getURL(), "/api/v1/campaigns/" + tenth.campaignId + "/results",
                tenth.lead).times();
        BenchTimes tenthService = BenchTimes.standard(() -> controller.results(tenth.campaignId, lead), r -> { });
        System.out.printf("survey results, %,d responses, folded: whole GET %s; service %s%n", small,
                tenthGet.describe(), tenthService.describe());

        SurveyFixture f = generate(api, n);
        Tallies.foldAll(folding);
        long counted;
        try (Connection c = connection()) {
            counted = counted(c, f.campaignId);
        }
        // (1) the reference: recounting the answers in SQL, as the service did before the tallies (V26), in one
        // read-only transaction with custom plans (its fastest form); beside it, the two tally queries now used
        BenchTimes recount = BenchTimes.standard(() -> tx.executeRead(status -> {
            responses.customPlansForThisTransaction();
            return responses.recountAnswers(f.campaignId, false).size()
                    + responses.recountResponses(f.campaignId, false).size();
        }), rows -> { });
        BenchTimes tallies = BenchTimes.standard(() -> responses.answerCounts(f.campaignId, false).size()
                + responses.responseCounts(f.campaignId, false).size(), rows -> { });
        System.out.println("survey results queries: recounting the answers (the reference) " + recount.describe()
                + "; reading the folded tallies " + tallies.describe());
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
        // (5) the worst steady case: 5 s of submissions at the submission benchmark's peak (≈ 700/s) not folded yet
        int unfoldedResponses = 3_500;
        long submitStart = System.nanoTime();
        submitOneByOne(f, unfoldedResponses);
        long changes = Tallies.changeRows(dataSource, f.campaignId);
        BenchTimes unfolded = BenchTimes.wholeGet(server.getURL(), "/api/v1/campaigns/" + f.campaignId + "/results",
                f.lead).times();
        System.out.printf("survey results: +%,d responses one transaction each (%.1f s), %,d change rows not folded:"
                + " whole GET %s; folding them took %.1f ms%n", unfoldedResponses, (System.nanoTime() - submitStart) / 1e9,
                changes, unfolded.describe(), timeFold());
        for (String sql : new String[] {ANSWER_COUNTS_FOR_EXPLAIN, RESPONSE_COUNTS_FOR_EXPLAIN}) {
            try (Connection c = connection(); PreparedStatement ps = c.prepareStatement("explain (analyze, buffers) " + sql)) {
                for (int i = 1; i <= ps.getParameterMetaData().getParameterCount(); i++) {
                    ps.setLong(i, f.campaignId);
                }
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
        System.out.println(BenchTimes.ratioLines(name, whole.medianMs(), "recounting its answers in SQL",
                recount.medianMs(), 200));
        System.out.println(BenchTimes.ratioLine(name + "-vs-tenth", whole.medianMs(), "the same GET at " + small
                + " responses", tenthGet.medianMs()));
        System.out.println(BenchTimes.ratioLine(name + "-service-vs-tenth", service.medianMs(), "the service at " + small
                + " responses", tenthService.medianMs()));
        System.out.println(BenchTimes.ratioLines(name + "-unfolded", unfolded.medianMs(), "recounting its answers in SQL",
                recount.medianMs(), 200));
    }

    private double timeFold() {
        long start = System.nanoTime();
        Tallies.foldAll(folding);
        return (System.nanoTime() - start) / 1e6;
    }

    /** The repository's tally queries with the campaign as the one parameter (withDenied false), for EXPLAIN. */
    static final String ANSWER_COUNTS_FOR_EXPLAIN = "select question_id, channel, point_id, nullif(value, 0) as value,"
            + " not_applicable, sum(n)::bigint as n from "
            + SurveyRepositories.Responses.ANSWER_TALLIES.replace(":campaignId", "?")
            + " where state = 'C' group by question_id, channel, point_id, value, not_applicable having sum(n) <> 0";
    static final String RESPONSE_COUNTS_FOR_EXPLAIN = "select point_id, channel, sum(n) filter (where state = 'C'),"
            + " sum(n) filter (where flagged) from "
            + SurveyRepositories.Responses.RESPONSE_TALLIES.replace(":campaignId", "?")
            + " group by point_id, channel having sum(n) <> 0";
}
