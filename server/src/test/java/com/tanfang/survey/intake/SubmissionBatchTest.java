package com.tanfang.survey.intake;

import com.tanfang.MutableClock;
import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import com.tanfang.message.DomainException;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Group commit (issue 14): a batch of submissions stored in one transaction decides each one exactly as storing them
 * one after another would (receipts, refusals, limits, fraud flags, amendments), makes the round trips of one
 * submission whatever its size, and under concurrent load stores every acknowledged submission once.
 */
@MicronautTest(transactional = false)
@Property(name = "tanfang.survey.limit.per-point-per-minute", value = "9")
@Property(name = "tanfang.survey.limit.per-address-per-minute", value = "1000")
class SubmissionBatchTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    DataSource dataSource;
    @Inject
    Submissions submissions;
    @Inject
    IntakeWriter writer;
    @Inject
    MutableClock clock;

    @AfterEach
    void thaw() {
        clock.reset();
    }

    private String row(String sql) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** One submission of the script: at which point, from which browser and address, with what. */
    private record Step(String name, int point, String browser, String address, String submissionId, boolean valid) {
    }

    private Submissions.Pending pending(SurveyFixture f, Step s) {
        Map<String, Integer> answers = f.answers(4);
        if (!s.valid()) {
            answers.remove(f.questionId(0));
        }
        return submissions.pending(f.token(s.point()), new Submission(s.submissionId(), null, null, answers, null,
                null, null, "en"), new Submission.Origin(s.browser(), s.address(), "batch-test"));
    }

    /**
     * What became of a step, as comparable across two campaigns: refused (status and fields), a retry (of which
     * step), or stored with its flags and whether something later amended it.
     */
    private String describe(IntakeWriter.Outcome o, Map<Long, String> stepOfResponse) throws SQLException {
        if (o.refusal() != null) {
            DomainException e = o.refusal();
            return e.getClass().getSimpleName() + e.problems().stream().map(p -> p.field().replaceAll("\\d+", "N"))
                    .collect(Collectors.joining(",", "[", "]"));
        }
        long id = o.receipt().responseId();
        if (o.receipt().duplicate()) {
            return "retry of " + stepOfResponse.get(id);
        }
        String flags = row("select coalesce(string_agg(kind || ' ' || reason_code || case when kind = 'BURST_FROM_ADDRESS'"
                + " then ' ' || reason_args::text else '' end, '; ' order by kind), '') from response_flag where response_id = " + id);
        String supersededBy = row("select superseded_by from survey_response where id = " + id);
        return "stored [" + flags + "]" + (supersededBy == null ? "" : " amended by " + stepOfResponse.get(Long.parseLong(supersededBy)));
    }

    private List<String> describeAll(List<IntakeWriter.Outcome> outcomes, List<Step> steps, Map<Long, String> earlier)
            throws SQLException {
        Map<Long, String> stepOfResponse = new HashMap<>(earlier);
        for (int i = 0; i < steps.size(); i++) {
            if (outcomes.get(i).receipt() != null && !outcomes.get(i).receipt().duplicate()) {
                stepOfResponse.put(outcomes.get(i).receipt().responseId(), steps.get(i).name());
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            out.add(steps.get(i).name() + ": " + describe(outcomes.get(i), stepOfResponse));
        }
        for (Map.Entry<Long, String> e : earlier.entrySet().stream().sorted(Map.Entry.comparingByValue()).toList()) {
            String by = row("select superseded_by from survey_response where id = " + e.getKey());
            out.add(e.getValue() + (by == null ? " current" : " amended by " + stepOfResponse.get(Long.parseLong(by))));
        }
        return out;
    }

    private IntakeWriter.Outcome alone(Submissions.Pending p) {
        try {
            return new IntakeWriter.Outcome(writer.writeOne(p), null);
        } catch (DomainException e) {
            return new IntakeWriter.Outcome(null, e);
        }
    }

    /** What both campaigns hold before the script: two stored submissions, keyed by response id. */
    private Map<Long, String> before(SurveyFixture f, String run) {
        Map<Long, String> earlier = new HashMap<>();
        earlier.put(alone(pending(f, new Step("prior", 0, "prior-" + run, "10.7.0.1", "prior-" + run, true)))
                .receipt().responseId(), "prior");
        earlier.put(alone(pending(f, new Step("copied", 1, null, "10.7.0.2", "copied-" + run, true)))
                .receipt().responseId(), "copied");
        earlier.put(alone(pending(f, new Step("third", 1, "third-" + run, "10.7.0.1", "third-" + run, true)))
                .receipt().responseId(), "third");
        earlier.put(alone(pending(f, new Step("elsewhere", 1, "elsewhere-" + run, "10.7.0.5", "elsewhere-" + run, true)))
                .receipt().responseId(), "elsewhere");
        return earlier;
    }

    /*
     * The script, the same for both campaigns: ten submissions from one address (the burst rule's sixth and later
     * are flagged, and the prior one it amends leaves the history), a retry of a stored one, the prior browser amending
     * at its point, an amendment refused (what it would amend stays in the others' history), another browser answering at a second point, invalid answers, and enough at point 0 to pass its
     * limit of 9 a minute.
     */
    private static List<Step> script(String run) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("retry", 1, null, "10.7.0.2", "copied-" + run, true));
        steps.add(new Step("amend", 0, "prior-" + run, "10.7.0.1", "amend-" + run, true));
        steps.add(new Step("invalid", 1, "other-" + run, "10.7.0.1", "invalid-" + run, false));
        steps.add(new Step("badAmend", 1, "third-" + run, "10.7.0.1", "badAmend-" + run, false));
        for (int i = 0; i < 9; i++) {
            steps.add(new Step("burst" + i, i % 2 == 0 ? 0 : 1, i == 4 ? "fourth-" + run : null, "10.7.0.1",
                    "burst" + i + "-" + run, true));
        }
        steps.add(new Step("late", 0, null, "10.7.0.3", "late-" + run, true));
        steps.add(new Step("twice", 0, "elsewhere-" + run, "10.7.0.5", "twice-" + run, true));
        for (int i = 0; i < 3; i++) {
            steps.add(new Step("over" + i, 0, null, "10.7.0.4", "over" + i + "-" + run, true));
        }
        return steps;
    }

    @Test
    void aBatchDecidesEverySubmissionAsStoringThemOneAfterAnotherWould() throws Exception {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture oneByOne = SurveyFixture.openNow(api);
        SurveyFixture together = SurveyFixture.openNow(api);
        clock.freeze(Instant.now()); // both runs in one rate window, at the same instants
        String a = UUID.randomUUID().toString().substring(0, 8);
        String b = UUID.randomUUID().toString().substring(0, 8);
        Map<Long, String> earlierA = before(oneByOne, a);
        Map<Long, String> earlierB = before(together, b);

        List<Step> stepsA = script(a);
        List<IntakeWriter.Outcome> alone = new ArrayList<>();
        for (Step s : stepsA) {
            alone.add(alone(pending(oneByOne, s)));
        }
        List<Step> stepsB = script(b);
        List<IntakeWriter.Outcome> batched = writer.writeBatch(stepsB.stream().map(s -> pending(together, s)).toList());

        List<String> expected = describeAll(alone, stepsA, earlierA);
        List<String> actual = describeAll(batched, stepsB, earlierB);
        assertEquals(expected, actual);
        // The script does reach every decision it is meant to compare.
        String all = String.join("\n", expected);
        for (String seen : List.of("retry: retry of copied", "prior amended by amend", "third current", "badAmend: InvalidException", "invalid: InvalidException[answers.",
                "BURST_FROM_ADDRESS", "SAME_BROWSER_TWICE", "TooManyRequestsException[token]")) {
            assertTrue(all.contains(seen), seen + " in\n" + all);
        }
        assertEquals(row("select count(*) from evidence_log where action = 'response.amended' and detail->>'campaignId' = '"
                        + oneByOne.campaignId + "'"),
                row("select count(*) from evidence_log where action = 'response.amended' and detail->>'campaignId' = '"
                        + together.campaignId + "'"), "the amendment is logged as evidence in both");
    }

    @Test
    void aBatchThatAmendsMoreOfAnAddressHistoryThanItReadIsSentBackWhole() throws Exception {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.openNow(api);
        String run = UUID.randomUUID().toString().substring(0, 8);
        clock.freeze(Instant.now());
        for (int i = 0; i < 10; i++) { // five at each point, within its limit of 9 with the amendments
            alone(pending(f, new Step("prior" + i, i / 5, "b" + i + "-" + run, "10.6.0.1", "prior" + i + "-" + run, true)));
        }
        String hits = "select coalesce(sum(hits), 0) from rate_shard where key = 'survey-point:" + f.pointId(0) + "'";
        String counted = row(hits);
        List<Submissions.Pending> batch = new ArrayList<>();
        for (int i : new int[] {0, 1, 2, 5, 6}) { // five of the ten amended: the last one's history needs rows not read
            batch.add(pending(f, new Step("amend" + i, i / 5, "b" + i + "-" + run, "10.6.0.1", "amend" + i + "-" + run, true)));
        }
        batch.add(pending(f, new Step("after", 1, null, "10.6.0.1", "after-" + run, true)));
        assertThrows(IntakeWriter.Inexact.class, () -> writer.writeBatch(batch));
        assertEquals("10", row("select count(*) from survey_response where campaign_id = " + f.campaignId),
                "nothing of the batch stored");
        assertEquals(counted, row(hits), "nor any of its hits counted");
    }

    @Test
    void aBatchMakesTheRoundTripsOfOneSubmissionWhateverItsSize() {
        SurveyFixture f = SurveyFixture.openNow(new TestApi(server.getURL(), json));
        for (int point = 0; point < 2; point++) { // the points and their campaign cached, as under load
            writer.writeOne(pending(f, new Step("warm", point, null, "10.8.0.1", "warm-" + UUID.randomUUID(), true)));
        }
        List<Submissions.Pending> batch = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            batch.add(pending(f, new Step("s" + i, i % 2, i % 3 == 0 ? "browser-" + UUID.randomUUID() : null,
                    "10.8.0." + (i % 3), UUID.randomUUID().toString(), true)));
        }
        Logger protocol = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
        Level level = protocol.getLevel();
        SubmissionRoundTripsTest.Trace trace = new SubmissionRoundTripsTest.Trace();
        protocol.setLevel(Level.FINEST);
        protocol.addHandler(trace);
        List<IntakeWriter.Outcome> outcomes;
        try {
            outcomes = writer.writeBatch(batch);
        } finally {
            protocol.removeHandler(trace);
            protocol.setLevel(level);
        }
        assertTrue(outcomes.stream().allMatch(o -> o.receipt() != null && !o.receipt().duplicate()), outcomes.toString());
        assertEquals(4, trace.roundTripsOfTheSubmission(), "claim, checks, insert, commit: for 8 as for 1");
    }
}
