package com.tanfang.visit;

import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import com.tanfang.VisitFixture;
import com.tanfang.scheme.BuiltInSchemes;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Item codes are optional (an item without one is named by its clause): a scheme whose visitable and survey items
 * have no code can be pinned by a project, its checklist edited, visits planned, answered and submitted, and a
 * survey on it shows results.
 */
@MicronautTest(transactional = false)
class CodelessItemApiTest {
    /** Property-management items whose code the test removes: visitable P2, P4 and survey S1, S7. */
    static final Set<String> CODELESS = Set.of("P2", "P4", "S1", "S7");

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    @SuppressWarnings("unchecked")
    private long codelessPropertyScheme(TestApi api, String lead) throws IOException {
        Map<String, Object> summary = api.get("/api/v1/schemes", lead).list().stream()
                .filter(s -> BuiltInSchemes.PROPERTY.equals(s.get("code"))).findFirst().orElseThrow();
        Map<String, Object> full = api.get("/api/v1/schemes/" + summary.get("id"), lead).map();
        Map<String, Object> published = ((List<Map<String, Object>>) full.get("versions")).stream()
                .filter(v -> "PUBLISHED".equals(v.get("status"))).findFirst().orElseThrow();
        String raw = api.get("/api/v1/schemes/" + summary.get("id") + "/versions/" + published.get("version"), lead).raw();
        Map<String, Object> doc = (Map<String, Object>) json.readValue(raw, Argument.of(Object.class));
        doc.put("code", "codeless-" + System.nanoTime());
        int removed = 0;
        for (Object p : (List<Object>) doc.get("parts")) {
            for (Object g : (List<Object>) ((Map<String, Object>) p).get("groups")) {
                for (Map<String, Object> item : (List<Map<String, Object>>) ((Map<String, Object>) g).get("items")) {
                    if (CODELESS.contains(item.get("code"))) {
                        item.remove("code");
                        removed++;
                    }
                }
            }
        }
        assertEquals(CODELESS.size(), removed);
        TestApi.Res created = api.post("/api/v1/schemes", lead, doc);
        assertEquals(201, created.status(), created.raw());
        long id = ((Number) created.map().get("id")).longValue();
        TestApi.Res pub = api.post("/api/v1/schemes/" + id + "/publish", lead, null);
        assertEquals(200, pub.status(), pub.raw());
        return ((Number) pub.map().get("id")).longValue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSchemeWithCodelessItemsCanBeVisitedAndSurveyed() throws IOException {
        TestApi api = new TestApi(server.getURL(), json);
        long versionId = codelessPropertyScheme(api, api.demo("lead"));
        SurveyFixture f = SurveyFixture.create(api, Duration.ofMinutes(-1), Duration.ofDays(1), Map.of(), versionId);
        VisitFixture v = new VisitFixture(api, server.getURL().toString(), json, f);

        // The lead's checklist lists the codeless items by clause and takes a choice on one by that name.
        TestApi.Res checklist = api.get("/api/v1/projects/" + v.projectId + "/visit-checklist", v.lead);
        assertEquals(200, checklist.status(), checklist.raw());
        TestApi.Res chosen = api.put("/api/v1/projects/" + v.projectId + "/visit-checklist", v.lead, Map.of("items",
                List.of(Map.of("itemCode", "2.1", "mode", "COVERT", "evidence", "NOTE"))));
        assertEquals(200, chosen.status(), chosen.raw());
        assertTrue(chosen.raw().contains("\"NOTE\""), chosen.raw());

        long visitId = v.visitInProgress(v.shopper, v.shopperId);
        List<String> script = v.scriptItems(visitId, v.shopper);
        assertTrue(script.containsAll(List.of("1.2", "2.1")), script.toString());
        int version = v.version(visitId, v.shopper);
        TestApi.Res noNote = v.answer(visitId, v.shopper, "2.1", 3, null, version);
        assertEquals(200, noNote.status(), noNote.raw());
        TestApi.Res incomplete = api.post("/api/v1/visits/" + visitId + "/submit", v.shopper, Map.of("visitVersion", version));
        assertEquals(400, incomplete.status(), incomplete.raw());
        assertTrue(incomplete.problemFields().contains("items[2.1].note"), incomplete.raw());
        v.answerAll(visitId, v.shopper);
        TestApi.Res submitted = api.post("/api/v1/visits/" + visitId + "/submit", v.shopper,
                Map.of("visitVersion", v.version(visitId, v.shopper)));
        assertEquals(200, submitted.status(), submitted.raw());
        assertEquals("SUBMITTED", ((Map<String, Object>) submitted.map().get("visit")).get("state"));

        // The survey asks the codeless survey items as item questions, not as the overall question.
        assertTrue(f.questions.stream().allMatch(q -> q.itemCode() != null), f.questions.toString());
        f.submitOnline(0, 5, null);
        f.submitOnline(1, 4, null);
        TestApi.Res results = api.get("/api/v1/campaigns/" + f.campaignId + "/results", f.lead);
        assertEquals(200, results.status(), results.raw());
        assertNotNull(results.map().get("online"));
    }
}
