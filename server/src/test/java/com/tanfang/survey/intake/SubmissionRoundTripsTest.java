package com.tanfang.survey.intake;

import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An online submission makes three round trips to PostgreSQL before its commit, a retry one (issue 14: this test
 * counted 11 for a submission on the code before 2026-12-03, each a write and a read on the socket and a wake-up of
 * both processes). Counted as PgJDBC's own trace
 * sees them: each round trip of the extended protocol ends with one Sync message, logged at FINEST.
 */
@MicronautTest(transactional = false)
class SubmissionRoundTripsTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    /** PgJDBC's protocol trace, by thread (the request's statements all run on its one thread). */
    static final class Trace extends Handler {
        final Map<Long, List<String>> byThread = new ConcurrentHashMap<>();
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord r) {
            byThread.computeIfAbsent(r.getLongThreadID(), k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(format.formatMessage(r));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        /** Round trips (Syncs) of the thread that took the submission's lock. */
        long roundTripsOfTheSubmission() {
            List<List<String>> submitting = byThread.values().stream()
                    .filter(m -> m.stream().anyMatch(s -> s.contains("'submission:") || s.contains("pg_advisory_xact_lock")))
                    .toList();
            assertEquals(1, submitting.size(), "one thread ran the submission: " + byThread);
            return submitting.get(0).stream().filter(s -> s.contains("FE=> Sync")).count();
        }
    }

    private long roundTrips(Runnable request) {
        Logger protocol = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
        Level before = protocol.getLevel();
        Trace trace = new Trace();
        protocol.setLevel(Level.FINEST);
        protocol.addHandler(trace);
        try {
            request.run();
        } finally {
            protocol.removeHandler(trace);
            protocol.setLevel(before);
        }
        return trace.roundTripsOfTheSubmission();
    }

    @Test
    void aSubmissionMakesThreeRoundTripsAndItsCommitARetryOne() {
        SurveyFixture f = SurveyFixture.openNow(new TestApi(server.getURL(), json));
        String path = "/api/v1/public/surveys/" + f.token(0) + "/responses";
        f.submitOnline(0, 4, null); // the point, its campaign and the questionnaire are cached from here on
        String id = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("submissionId", id, "answers", f.answers(3));
        long fresh = roundTrips(() -> assertEquals(201, f.api.post(path, null, body).status()));
        long retry = roundTrips(() -> assertEquals(200, f.api.post(path, null, body).status()));
        assertEquals(4, fresh, "claim, checks, insert, commit");
        assertEquals(2, retry, "claim, commit");
    }
}
