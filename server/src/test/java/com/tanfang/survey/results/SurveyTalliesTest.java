package com.tanfang.survey.results;

import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import com.tanfang.survey.campaign.SurveyRepositories;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The survey results read kept tallies (V26) instead of recounting the answers; after every kind of write (new
 * responses online and in SQL, don't-knows, N/As, offline, exclusions of both causes, restores, a changed cause,
 * flags first and second, flags removed, amendments, a deleted response, a rolled-back write), folded or not,
 * every tally read equals the recount from the answers, in both call-back views.
 */
@MicronautTest(transactional = false)
class SurveyTalliesTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    DataSource dataSource;
    @Inject
    SurveyRepositories.Responses responses;
    @Inject
    SurveyTallyFolding folding;
    @Inject
    io.micronaut.transaction.TransactionOperations<Connection> tx;

    @Test
    void talliesEqualTheRecountAfterEveryKindOfWrite() throws Exception {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.openNow(api);
        long campaign = f.campaignId;
        assertSameAsRecount(campaign, "empty campaign");

        MixedResponses.insert(dataSource, campaign);
        // (the scheduled fold runs every 5 s: these reads almost always find the changes unfolded, and are right
        // either way)
        assertSameAsRecount(campaign, "160 responses, changes not folded");
        Tallies.foldAll(folding);
        assertEquals(0, Tallies.changeRows(dataSource, campaign), "folded");
        assertSameAsRecount(campaign, "160 responses, folded");

        MixedResponses.execute(dataSource, campaign,
                // a lead excludes counted responses
                """
                update survey_response set excluded = true, excluded_cause = 'LEAD_REVIEW', excluded_reason = 'test'
                 where campaign_id = ? and campaign_id = ? and not excluded and id % 10 = 1""",
                // call-back denials taken back (restored)
                """
                update survey_response set excluded = false, excluded_cause = null, excluded_reason = null
                 where campaign_id = ? and campaign_id = ? and excluded_cause = 'CALLBACK_DENIED' and id % 2 = 0""",
                // a cause changed: a denial turned into a lead's exclusion
                """
                update survey_response set excluded_cause = 'LEAD_REVIEW'
                 where campaign_id = ? and campaign_id = ? and excluded_cause = 'CALLBACK_DENIED' and id % 3 = 0""",
                // a second flag on flagged responses, a first one on unflagged ones
                """
                insert into response_flag (response_id, kind, reason, reason_code)
                select id, 'SPEED', 'test', 'survey.flag.speed' from survey_response
                 where campaign_id = ? and campaign_id = ? and id % 4 = 0""",
                // every flag of some responses removed
                """
                delete from response_flag where response_id in (
                  select id from survey_response where campaign_id = ? and campaign_id = ? and id % 9 = 0)""");
        assertSameAsRecount(campaign, "exclusions, restores, flags; not folded");

        // Online through the API: a response, its amendment from the same browser (superseding it), a don't-know.
        String browser = "tally-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            TestApi.Res stored = api.send("POST", "/api/v1/public/surveys/" + f.token(0) + "/responses", null,
                    Map.of("submissionId", UUID.randomUUID().toString(), "answers", f.answers(2 + i)),
                    Map.of("Cookie", "tf_b=" + browser));
            assertEquals(201, stored.status(), stored.raw());
        }
        assertSameAsRecount(campaign, "an online response and its amendment");
        Tallies.foldAll(folding);
        assertSameAsRecount(campaign, "folded again");

        // A rolled-back write leaves nothing; a deleted response (answers, flags, then itself) leaves entirely.
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    update survey_response set excluded = true, excluded_cause = 'LEAD_REVIEW', excluded_reason = 'x'
                     where campaign_id = ? and not excluded""")) {
                ps.setLong(1, campaign);
                assertTrue(ps.executeUpdate() > 0);
            }
            c.rollback();
        }
        MixedResponses.execute(dataSource, campaign, """
                with victim as (select min(id) as id from survey_response
                                 where campaign_id = ? and campaign_id = ? and superseded_by is null
                                   and id not in (select superseded_by from survey_response where superseded_by is not null)
                                   and exists (select 1 from response_flag f where f.response_id = survey_response.id)),
                     flags as (delete from response_flag where response_id = (select id from victim))
                delete from survey_answer where response_id = (select id from victim)""");
        MixedResponses.execute(dataSource, campaign, """
                delete from survey_response where id = (select min(r.id) from survey_response r
                  where r.campaign_id = ? and r.campaign_id = ? and r.superseded_by is null
                    and not exists (select 1 from survey_answer a where a.response_id = r.id)
                    and not exists (select 1 from survey_response s where s.superseded_by = r.id)
                    and not exists (select 1 from callback_item i where i.response_id = r.id))""");
        assertSameAsRecount(campaign, "a rolled-back exclusion, a deleted response");
        Tallies.foldAll(folding);
        assertSameAsRecount(campaign, "all folded");
    }

    /**
     * Submissions one transaction each and folds run while the results are read: each read, tallies and recount in one
     * repeatable-read snapshot, sees the same numbers (a fold moves changes into the tallies in one statement, so a
     * snapshot has each change once, unfolded or folded).
     */
    @Test
    void aReadDuringWritesAndFoldsEqualsTheRecountOfItsSnapshot() throws Exception {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.openNow(api);
        long campaign = f.campaignId;
        MixedResponses.insert(dataSource, campaign);
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        // The writer goes on until three reads have overlapped it (at least 300 submissions): on a busy machine 300
        // inserts once finished before the second read, and the test failed without having tested anything.
        java.util.concurrent.atomic.AtomicInteger readsSoFar = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var writer = pool.submit(() -> {
                try {
                    for (int i = 0; i < 300 || readsSoFar.get() < 3 && i < 30_000; i++) {
                        MixedResponses.execute(dataSource, campaign, """
                                with r as (insert into survey_response (campaign_id, point_id, channel, submission_id,
                                                                     submitted_at, excluded, excluded_reason, excluded_cause)
                                           select ?, min(p.id), 'ONLINE', gen_random_uuid()::text, now(), x.e,
                                                  case when x.e then 'test' end, case when x.e then 'LEAD_REVIEW' end
                                             from survey_point p, (select random() < 0.1 as e) x
                                            where p.campaign_id = ? group by x.e returning id, campaign_id)
                                insert into survey_answer (response_id, question_id, value, not_applicable)
                                select r.id, q.id, 1 + (random() * 4)::int, false
                                  from r join survey_question q on q.campaign_id = r.campaign_id""");
                    }
                } finally {
                    writing.set(false);
                }
                return null;
            });
            var folder = pool.submit(() -> {
                while (writing.get()) {
                    folding.fold();
                }
                return null;
            });
            int reads = 0;
            while (writing.get() || reads == 0) {
                tx.executeRead(status -> {
                    try (var st = status.getConnection().createStatement()) {
                        st.execute("set transaction isolation level repeatable read");
                    }
                    assertSameAsRecount(campaign, "a read during writes and folds");
                    return null;
                });
                reads = readsSoFar.incrementAndGet();
            }
            writer.get();
            folder.get();
            assertTrue(reads >= 3, "reads while writing: " + reads);
        } finally {
            pool.shutdownNow();
        }
    }

    private void assertSameAsRecount(long campaign, String after) {
        for (boolean withDenied : new boolean[] {true, false}) {
            assertSame(responses.recountAnswers(campaign, withDenied), responses.answerCounts(campaign, withDenied),
                    "answers, withDenied=" + withDenied + ", after " + after);
            assertSame(responses.recountResponses(campaign, withDenied), responses.responseCounts(campaign, withDenied),
                    "responses, withDenied=" + withDenied + ", after " + after);
        }
        assertSame(responses.recountAnswersBothViews(campaign), responses.answerCountsBothViews(campaign),
                "answers, both views, after " + after);
        assertSame(responses.recountResponsesBothViews(campaign), responses.responseCountsBothViews(campaign),
                "responses, both views, after " + after);
    }

    private static <T> void assertSame(List<T> recount, List<T> tallies, String what) {
        assertEquals(recount.size(), tallies.size(), what + ": rows");
        assertEquals(new HashSet<>(recount), new HashSet<>(tallies), what);
    }
}
