package com.tanfang.survey;

import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Per-point limits (in PostgreSQL, shared by instances) answer 429 and store nothing beyond the limit. */
@MicronautTest
@Property(name = "tanfang.survey.limit.per-point-per-minute", value = "3")
class SurveyLimitsTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    @Test
    void submissionsOverThePointLimitAreRefused() {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.create(api, Duration.ofMinutes(-1), Duration.ofDays(1), Map.of());
        String path = "/api/v1/public/surveys/" + f.token(2) + "/responses";
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 7; i++) {
            TestApi.Res r = api.post(path, null, Map.of("submissionId", UUID.randomUUID().toString(), "answers", f.answers(4)));
            if (r.status() == 201) {
                accepted++;
            } else {
                assertEquals(429, r.status(), r.raw());
                assertEquals(List.of("token"), r.problemFields());
                refused++;
            }
        }
        // Seven requests span at most two one-minute windows of 3 each, so at least one is refused.
        org.junit.jupiter.api.Assertions.assertTrue(refused >= 1 && accepted <= 6, accepted + " accepted");
        assertEquals(accepted, f.online(), "every refused request stored nothing");
    }
}
