package com.tanfang.demo;

import com.tanfang.TestApi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's findings on the 2025 project as the lead and the client see them (issue 12, "Demo"). */
@MicronautTest(transactional = false)
class DemoFindingsTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    private long project2025(TestApi api, String token) {
        return api.get("/api/v1/projects", token).list().stream()
                .filter(p -> DemoSignOff.PROJECT_2025_EN.equals(p.get("titleEn")))
                .map(p -> ((Number) p.get("id")).longValue()).findFirst().orElseThrow();
    }

    @Test
    @SuppressWarnings("unchecked")
    void the2025ProjectHasItsNaDeductionAndFindingsAndTheClientSeesItsOwn() {
        TestApi api = new TestApi(server.getURL(), json);
        String lead = api.demo("lead");
        long id = project2025(api, lead);
        Map<String, Object> page = api.get("/api/v1/projects/" + id + "/findings", lead).map();
        List<Map<String, Object>> na = (List<Map<String, Object>>) page.get("notApplicableDecisions");
        assertEquals(List.of("P17"), na.stream().map(n -> n.get("itemCode")).toList());
        List<Map<String, Object>> adjustments = (List<Map<String, Object>>) page.get("adjustments");
        assertEquals(1, adjustments.size());
        assertEquals("DEDUCTION", adjustments.get(0).get("kind"));
        assertEquals(1, ((List<?>) adjustments.get(0).get("attachments")).size());
        List<Map<String, Object>> findings = (List<Map<String, Object>>) page.get("findings");
        assertEquals(Map.of("NONCONFORMITY/MINOR/CLOSED", 1L, "NONCONFORMITY/MAJOR/ISSUED", 1L, "IMPROVEMENT/null/ISSUED", 1L),
                findings.stream().collect(Collectors.groupingBy(f -> f.get("kind") + "/" + f.get("severity") + "/"
                        + f.get("state"), Collectors.counting())));
        assertTrue(findings.stream().noneMatch(f -> Boolean.TRUE.equals(f.get("overdue"))));

        // the sheet takes them: P17 N/A, the deduction in the explanation
        Map<String, Object> sheet = api.get("/api/v1/projects/" + id + "/evaluation", lead).map();
        assertEquals(1, ((List<?>) sheet.get("notApplicableDecisions")).size());
        assertTrue(((Map<String, Object>) sheet.get("result")).get("explanation").toString().contains("fire lane"));

        String client = api.demo("client");
        List<Map<String, Object>> mine = (List<Map<String, Object>>) api.get("/api/v1/projects/" + id
                + "/client-findings", client).map().get("findings");
        assertEquals(3, mine.size());
        Map<String, Object> closed = mine.stream().filter(f -> "CLOSED".equals(f.get("state"))).findFirst().orElseThrow();
        List<Map<String, Object>> answerPhotos = (List<Map<String, Object>>) closed.get("answerAttachments");
        assertEquals(1, answerPhotos.size());
        assertEquals(200, api.get((String) answerPhotos.get(0).get("url"), client).status());
        Map<String, Object> open = mine.stream().filter(f -> "MAJOR".equals(f.get("severity"))).findFirst().orElseThrow();
        assertEquals("ISSUED", open.get("state"));
        assertFalse((Boolean) open.get("overdue"));
    }
}
