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
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Behind a trusted proxy, residents are told apart by X-Forwarded-For; a forged hop in front is not believed. */
@MicronautTest
@Property(name = "tanfang.trusted-proxies", value = "127.0.0.1")
class TrustedProxyTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    private int post(TestApi api, SurveyFixture f, int i, String forwardedFor) {
        Map<String, Integer> answers = f.answers(4);
        answers.put(f.questionId(0), 2 + i % 2);
        return api.send("POST", "/api/v1/public/surveys/" + f.token(i % 3) + "/responses", null,
                Map.of("submissionId", UUID.randomUUID().toString(), "answers", answers),
                Map.of("X-Forwarded-For", forwardedFor)).status();
    }

    @Test
    void residentsBehindTheProxyAreToldApartButOneAddressStillBursts() {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.create(api, Duration.ofMinutes(-1), Duration.ofDays(1), Map.of());
        for (int i = 0; i < 6; i++) {
            assertEquals(201, post(api, f, i, "198.51.100." + (10 + i)));
        }
        assertEquals(0, api.get("/api/v1/campaigns/" + f.campaignId + "/responses?flagged=true", f.lead).list().size(),
                "six different residents: no burst");
        for (int i = 0; i < 6; i++) {
            // A client may put anything in front; the proxy appends the address it saw last.
            assertEquals(201, post(api, f, i, "10.0.0." + i + ", 203.0.113.9"));
        }
        assertEquals(1, api.get("/api/v1/campaigns/" + f.campaignId + "/responses?flagged=true", f.lead).list().size(),
                "the sixth from 203.0.113.9 within ten minutes is flagged");
    }
}
