package com.tanfang.demo;

import com.tanfang.TestApi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's reconciliation (DemoReconciliation) through the API as the demo lead: 2025 has two approved two-rater
 * plans with P2 reconciled to 4 and nothing left to reconcile; 2026 has items to reconcile; the client sees nothing.
 */
@MicronautTest(transactional = false)
class DemoReconciliationTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    private long project(TestApi api, String lead, String titleEn) {
        return api.get("/api/v1/projects", lead).list().stream().filter(p -> titleEn.equals(p.get("titleEn")))
                .map(p -> ((Number) p.get("id")).longValue()).findFirst().orElseThrow();
    }

    @Test
    @SuppressWarnings("unchecked")
    void lastYearHasAReconciledItemAndThisYearItemsToReconcile() {
        TestApi api = new TestApi(server.getURL(), json);
        String lead = api.demo("lead");
        long lastYear = project(api, lead, "Jinxiu Garden property service certification: 2025 surveillance evaluation");
        long current = project(api, lead, "Jinxiu Garden property service certification: 2026 surveillance evaluation");

        Map<String, Object> sheet = api.get("/api/v1/projects/" + lastYear + "/evaluation", lead).map();
        // the four copies of the two two-rater plans, and DemoAudit's approved management audit
        assertEquals(5, ((Number) sheet.get("approvedVisits")).intValue());
        List<Map<String, Object>> items = (List<Map<String, Object>>) sheet.get("items");
        assertTrue(items.stream().noneMatch(i -> Boolean.TRUE.equals(i.get("toReconcile"))), "2025: all reconciled");
        Map<String, Object> p2 = items.stream().filter(i -> DemoReconciliation.RECONCILED_ITEM.equals(i.get("name")))
                .findFirst().orElseThrow();
        Map<String, Object> pair = ((List<Map<String, Object>>) p2.get("differences")).get(0);
        Map<String, Object> confirmed = (Map<String, Object>) pair.get("reconciliation");
        assertNotNull(confirmed);
        assertEquals(DemoReconciliation.REASON, confirmed.get("reason"));
        // every COVERT and OPEN item has the two raters' ratings
        for (Map<String, Object> i : items) {
            List<String> methods = (List<String>) i.get("methods");
            if (methods.contains("COVERT_VISIT") || methods.contains("OPEN_INSPECTION")) {
                assertFalse(((List<?>) i.get("ratings")).isEmpty(), (String) i.get("name"));
            }
        }
        Map<String, Object> agreement = api.get("/api/v1/projects/" + lastYear + "/evaluation/agreement", lead).map();
        assertEquals(2, ((Number) agreement.get("twoRaterPlans")).intValue());
        assertEquals(1, ((Number) agreement.get("reconciled")).intValue());
        assertEquals(1, ((Number) agreement.get("beyondTolerance")).intValue());

        Map<String, Object> now = api.get("/api/v1/projects/" + current + "/evaluation", lead).map();
        assertTrue(((List<Map<String, Object>>) now.get("items")).stream()
                .anyMatch(i -> Boolean.TRUE.equals(i.get("toReconcile"))), "2026: something to reconcile");

        assertEquals(404, api.get("/api/v1/projects/" + lastYear + "/evaluation/agreement", api.demo("client")).status());
    }
}
