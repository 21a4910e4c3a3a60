package com.tanfang.survey.intake;

import com.tanfang.MutableClock;
import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import com.tanfang.survey.campaign.SurveyQuestion;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A phone on a bad connection re-posts the same form (same submission id) many times, often before the first copy
 * has committed. Every copy gets the thank-you redirect, never 429, the response is stored once, and the copies
 * count once against the limits. Real concurrency: 64 requests released at once.
 */
@MicronautTest(transactional = false)
@Property(name = "tanfang.survey.limit.per-address-per-minute", value = "5")
@Property(name = "tanfang.survey.limit.per-point-per-minute", value = "5")
class RetryRaceTest {
    static final int COPIES = 64;
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void startOfAWindow() {
        long minute = 60_000;
        clock.freeze(Instant.ofEpochMilli((clock.millis() / minute + 1) * minute + 1_000));
    }

    private static String form(SurveyFixture f, String submissionId) {
        StringBuilder b = new StringBuilder("submissionId=" + submissionId + "&lang=en");
        for (SurveyQuestion q : f.questions) {
            b.append("&a").append(q.id()).append("=4");
        }
        return b.toString();
    }

    private static TestApi.Res post(TestApi api, SurveyFixture f, String submissionId) {
        return api.send("POST", "/s/" + f.token(0), null, form(f, submissionId),
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
    }

    /** The outcomes of {@code COPIES} posts of one submission id released together: "303 /thanks" or the status. */
    private static Map<String, Integer> race(TestApi api, SurveyFixture f, String submissionId) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(COPIES);
        try {
            CountDownLatch ready = new CountDownLatch(COPIES);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < COPIES; i++) {
                outcomes.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    TestApi.Res r = post(api, f, submissionId);
                    String location = r.header("Location");
                    return r.status() + (location != null && location.contains("/thanks") ? " thanks" : " " + location);
                }));
            }
            ready.await();
            go.countDown();
            Map<String, Integer> counts = new TreeMap<>();
            for (Future<String> o : outcomes) {
                counts.merge(o.get(), 1, Integer::sum);
            }
            return counts;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentRetriesOfAStoredSubmissionAllGetTheThankYouPage() throws Exception {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.openNow(api);
        startOfAWindow();
        String id = UUID.randomUUID().toString();
        assertEquals(303, post(api, f, id).status());
        assertEquals(Map.of("303 thanks", COPIES), race(api, f, id));
        assertEquals(1, f.online());
        // The retries were not counted: four more new submissions fit in the limit of five, the sixth does not.
        for (int i = 0; i < 4; i++) {
            assertEquals(303, post(api, f, UUID.randomUUID().toString()).status());
        }
        assertEquals(429, post(api, f, UUID.randomUUID().toString()).status());
    }

    @Test
    void aFirstSubmissionRacingItsOwnRetriesIsStoredOnceAndNoCopyIsRefused() throws Exception {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.openNow(api);
        startOfAWindow();
        String id = UUID.randomUUID().toString();
        assertEquals(Map.of("303 thanks", COPIES), race(api, f, id));
        assertEquals(1, f.online(), "stored exactly once");
        // The 64 copies counted once against the limit of five.
        for (int i = 0; i < 4; i++) {
            assertEquals(303, post(api, f, UUID.randomUUID().toString()).status());
        }
        assertEquals(429, post(api, f, UUID.randomUUID().toString()).status());
    }
}
