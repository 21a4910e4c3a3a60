package com.tanfang.survey.intake;

import com.tanfang.MutableClock;
import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Was: a face-to-face sheet was stored with an interview time a day before the campaign opened, after it closed,
 * and into a campaign closed a year ago whose call-back sample was already drawn.
 */
@MicronautTest
class FaceToFaceRulesTest {
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
    void interviewsFallInsideTheWindowAndNoNewSheetAfterTheDraw() {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.openNow(api);
        String auditor = api.demo("auditor");
        long leadId = ((Number) api.get("/api/v1/me", f.lead).map().get("id")).longValue();
        String path = "/api/v1/campaigns/" + f.campaignId + "/offline-responses";
        Map<String, Object> sheet = new HashMap<>(Map.of("submissionId", UUID.randomUUID().toString(),
                "pointId", f.pointId(1), "secondAuditorId", leadId, "staffAbsent", true, "answers", f.answers(4)));

        sheet.put("interviewedAt", Instant.now().minus(Duration.ofHours(2)).toString()); // before the campaign opened
        TestApi.Res early = api.post(path, auditor, sheet);
        assertEquals(400, early.status(), early.raw());
        assertEquals(List.of("interviewedAt"), early.problemFields());

        sheet.put("interviewedAt", Instant.now().plusSeconds(5).toString());
        TestApi.Res stored = api.post(path, auditor, sheet);
        assertEquals(201, stored.status(), stored.raw());
        for (int i = 0; i < 4; i++) {
            f.submitOnline(i, 4, "1390000" + (2000 + i));
        }
        f.closeNow(clock);

        Map<String, Object> late = new HashMap<>(sheet);
        late.put("submissionId", UUID.randomUUID().toString());
        late.put("interviewedAt", clock.instant().toString()); // after the close
        TestApi.Res afterClose = api.post(path, auditor, late);
        assertEquals(400, afterClose.status(), afterClose.raw());
        assertEquals(List.of("interviewedAt"), afterClose.problemFields());

        TestApi.Res draw = api.post("/api/v1/campaigns/" + f.campaignId + "/callback/draws", f.lead, Map.of());
        assertEquals(201, draw.status(), draw.raw());
        late.put("interviewedAt", Instant.now().plusSeconds(10).toString()); // inside the window, entered after the draw
        TestApi.Res afterDraw = api.post(path, auditor, late);
        assertEquals(409, afterDraw.status(), afterDraw.raw());
        assertEquals(List.of("submissionId"), afterDraw.problemFields());
        assertEquals(200, api.post(path, auditor, sheet).status(), "a retry of a stored sheet still gets its receipt");
    }
}
