package com.tanfang.survey;

import com.tanfang.MutableClock;
import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-point limits (in PostgreSQL, shared by instances) answer 429 and store nothing beyond the limit. */
@MicronautTest
@Property(name = "tanfang.survey.limit.per-point-per-minute", value = "3")
class SurveyLimitsTest {
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

    @Test
    void submissionsOverThePointLimitAreRefusedUntilTheNextWindow() {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.create(api, Duration.ofMinutes(-1), Duration.ofDays(1), Map.of());
        String path = "/api/v1/public/surveys/" + f.token(2) + "/responses";
        // Ten seconds into a one-minute window, with time stopped: exactly 3 pass, the rest wait 50 s.
        long minute = 60_000;
        clock.freeze(Instant.ofEpochMilli((clock.millis() / minute + 1) * minute + 10_000));
        assertEquals(List.of(201, 201, 201, 429, 429), submit(api, path, f, 5));
        TestApi.Res refused = api.post(path, null, Map.of("submissionId", UUID.randomUUID().toString(), "answers", f.answers(4)));
        assertEquals(429, refused.status());
        assertEquals(List.of("token"), refused.problemFields());
        // The wait is stated in the reader's language; its code and number are the same in both.
        assertTrue(refused.raw().contains("\"code\":\"problem.rate_limited\",\"args\":[\"50\"]"), refused.raw());

        // 49.999 s later the window is the same one; a millisecond after that a new window starts.
        clock.advance(Duration.ofMillis(49_999));
        assertEquals(List.of(429), submit(api, path, f, 1));
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of(201, 201, 201, 429), submit(api, path, f, 4));
        assertEquals(6, f.online(), "every refused request stored nothing");
    }

    @Test
    void aRetryOfAStoredSubmissionGetsItsReceiptEvenWhenThePointIsOverItsLimit() {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.create(api, Duration.ofMinutes(-1), Duration.ofDays(1), Map.of());
        String path = "/api/v1/public/surveys/" + f.token(1) + "/responses";
        long minute = 60_000;
        clock.freeze(Instant.ofEpochMilli((clock.millis() / minute + 1) * minute + 10_000));
        String first = UUID.randomUUID().toString();
        TestApi.Res stored = api.post(path, null, Map.of("submissionId", first, "answers", f.answers(4)));
        assertEquals(201, stored.status(), stored.raw());
        assertEquals(List.of(201, 201, 429), submit(api, path, f, 3));
        for (int i = 0; i < 5; i++) {
            TestApi.Res retry = api.post(path, null, Map.of("submissionId", first, "answers", f.answers(4)));
            assertEquals(200, retry.status(), retry.raw());
            assertEquals(stored.map().get("responseId"), retry.map().get("responseId"));
        }
        // The retries were not counted: the window still holds only the four requests above.
        clock.advance(Duration.ofSeconds(49));
        assertEquals(List.of(429), submit(api, path, f, 1));
        assertEquals(3, f.online());
    }

    private static List<Integer> submit(TestApi api, String path, SurveyFixture f, int times) {
        return java.util.stream.IntStream.range(0, times).mapToObj(i -> api.post(path, null,
                Map.of("submissionId", UUID.randomUUID().toString(), "answers", f.answers(4))).status()).toList();
    }
}
