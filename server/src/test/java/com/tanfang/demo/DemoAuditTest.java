package com.tanfang.demo;

import com.tanfang.TestApi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo management audits and survey-review decision (DemoAudit) as the lead, the auditor and the client see them. */
@MicronautTest(transactional = false)
class DemoAuditTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    TestApi api;
    String lead;

    @BeforeEach
    void setUp() {
        api = new TestApi(server.getURL(), json);
        lead = api.demo("lead");
    }

    private long project(String year) {
        return api.get("/api/v1/projects", lead).list().stream()
                .filter(p -> ("Jinxiu Garden property service certification: " + year + " surveillance evaluation")
                        .equals(p.get("titleEn")))
                .map(p -> ((Number) p.get("id")).longValue()).findFirst().orElseThrow();
    }

    @Test
    @SuppressWarnings("unchecked")
    void lastYearsAuditIsApprovedAndOnTheSheetThisYearsIsInProgressForTheAuditor() {
        long lastYear = project("2025");
        Map<String, Object> sheet = api.get("/api/v1/projects/" + lastYear + "/evaluation", lead).map();
        int photos = 0;
        for (Map<String, Object> row : (List<Map<String, Object>>) sheet.get("items")) {
            if (DemoAudit.AUDITED.contains(row.get("name"))) {
                assertFalse((Boolean) row.get("missing"), row.toString());
                List<Map<String, Object>> audit = ((List<Map<String, Object>>) row.get("ratings")).stream()
                        .filter(r -> "MANAGEMENT_AUDIT".equals(r.get("mode"))).toList();
                assertEquals(1, audit.size(), row.toString());
                assertFalse(((String) audit.get(0).get("note")).isBlank());
                photos += ((List<?>) audit.get(0).get("photoIds")).size();
            }
        }
        assertEquals(1, photos);
        Map<String, Object> review = api.get("/api/v1/projects/" + lastYear + "/evaluation/survey-review", lead).map();
        List<Map<String, Object>> decided = ((List<Map<String, Object>>) review.get("items")).stream()
                .filter(i -> i.get("decision") != null).toList();
        assertEquals(1, decided.size(), review.toString());
        assertEquals("CHECK_ON_SITE", ((Map<String, Object>) decided.get(0).get("decision")).get("decision"));

        long current = project("2026");
        String auditor = api.demo("auditor");
        Map<String, Object> mine = api.get("/api/v1/visits/mine", auditor).map();
        List<Map<String, Object>> audits = ((List<Map<String, Object>>) mine.get("today")).stream()
                .filter(v -> "MANAGEMENT_AUDIT".equals(v.get("mode")))
                .filter(v -> ((Number) v.get("projectId")).longValue() == current).toList(); // other tests add their own
        assertEquals(1, audits.size(), mine.toString());
        assertEquals(false, audits.get(0).get("outsideWindow"));
        assertEquals("IN_PROGRESS", audits.get(0).get("state"));
        long visitId = ((Number) audits.get(0).get("visitId")).longValue();
        Map<String, Object> detail = api.get("/api/v1/visits/" + visitId, auditor).map();
        assertEquals(2, ((List<?>) detail.get("answers")).size());
        assertNotNull(detail.get("checkIn"));

        String client = api.demo("client");
        assertEquals(404, api.get("/api/v1/visits/" + visitId, client).status());
        assertEquals(404, api.get("/api/v1/projects/" + lastYear + "/evaluation/survey-review", client).status());
        assertTrue(api.get("/api/v1/visits/mine", api.demo("shopper")).map().toString().indexOf("MANAGEMENT_AUDIT") < 0);
    }
}
