package com.tanfang.project;

import com.tanfang.MutableClock;
import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** English project titles, and the project page data: all a CLIENT reads of its own projects. */
@MicronautTest
class ProjectOverviewApiTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    MutableClock clock;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(server.getURL(), json);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> project(TestApi.Res created) {
        return (Map<String, Object>) created.map().get("project");
    }

    private Map<String, Object> newProject(String lead, Object titleEn) {
        Map<String, Object> org = api.get("/api/v1/organizations", lead).list().stream()
                .filter(o -> "锦绣花园物业服务有限公司".equals(o.get("name"))).findFirst().orElseThrow();
        long orgId = ((Number) org.get("id")).longValue();
        long siteId = ((Number) api.get("/api/v1/organizations/" + orgId + "/sites", lead).list().get(0).get("id"))
                .longValue();
        Map<String, Object> body = new HashMap<>(Map.of("organizationId", orgId, "siteId", siteId,
                "schemeVersionId", SurveyFixture.propertySchemeVersion(api, lead), "evaluationType", "INITIAL",
                "title", "  双语项目 " + System.nanoTime()));
        body.put("titleEn", titleEn);
        TestApi.Res r = api.post("/api/v1/projects", lead, body);
        assertEquals(201, r.status(), r.raw());
        return project(r);
    }

    @Test
    void aProjectHasAnOptionalEnglishTitle() {
        String lead = api.demo("lead");
        Map<String, Object> both = newProject(lead, "  Bilingual project ");
        assertEquals("Bilingual project", both.get("titleEn"));
        assertTrue(((String) both.get("title")).startsWith("双语项目"), "trimmed: " + both);
        long id = ((Number) both.get("id")).longValue();
        assertTrue(api.get("/api/v1/projects", lead).list().stream()
                .anyMatch(p -> ((Number) p.get("id")).longValue() == id && "Bilingual project".equals(p.get("titleEn"))));
        assertNull(newProject(lead, "   ").get("titleEn"), "a blank English title is no title");
        assertNull(newProject(lead, null).get("titleEn"));

        TestApi.Res tooLong = api.post("/api/v1/projects", lead, Map.of("organizationId", 1, "siteId", 1,
                "schemeVersionId", 1, "evaluationType", "INITIAL", "title", "t", "titleEn", "x".repeat(201)));
        assertEquals(400, tooLong.status());
        assertEquals(List.of("titleEn"), tooLong.problemFields());
    }

    @Test
    void theDemoProjectsHaveBothTitles() {
        List<Map<String, Object>> demo = api.get("/api/v1/projects", api.demo("client")).list().stream()
                .filter(p -> p.get("title").toString().startsWith("锦绣花园物业服务认证")).toList();
        assertTrue(demo.size() >= 2, demo.toString());
        assertTrue(demo.stream().allMatch(p -> p.get("title") != null && p.get("titleEn") != null), demo.toString());
    }

    @Test
    void aClientReadsItsProjectsPageDataAndNothingOfTheTeamsWork() {
        SurveyFixture f = SurveyFixture.openNow(api);
        String client = api.demo("client");
        TestApi.Res r = api.get("/api/v1/projects/" + f.projectId + "/overview", client);
        assertEquals(200, r.status(), r.raw());
        Map<String, Object> o = r.map();
        // Exactly the page's facts: no lead, team, campaigns, call-backs or responses.
        assertEquals(Set.of("id", "title", "titleEn", "evaluationType", "sites", "schemeCode", "schemeTitleZh",
                "schemeTitleEn", "status"), o.keySet());
        assertNull(o.get("titleEn"));
        assertEquals("FIELDWORK", o.get("status"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sites = (List<Map<String, Object>>) o.get("sites");
        assertEquals(1, sites.size());
        assertTrue(sites.get(0).get("name").toString().contains("锦绣花园"), sites.toString());
        assertTrue(Set.of("id", "name", "nameEn", "address").containsAll(sites.get(0).keySet()), sites.toString());

        f.closeNow(clock);
        assertEquals("FIELDWORK_DONE", api.get("/api/v1/projects/" + f.projectId + "/overview", client).map().get("status"));
        long planned = ((Number) newProject(f.lead, "Planned").get("id")).longValue();
        Map<String, Object> p = api.get("/api/v1/projects/" + planned + "/overview", client).map();
        assertEquals("PLANNED", p.get("status"));
        assertEquals("Planned", p.get("titleEn"));

        // The team's own routes stay closed to a client.
        assertEquals(403, api.get("/api/v1/projects/" + f.projectId + "/campaigns", client).status());
        assertEquals(403, api.get("/api/v1/projects/" + f.projectId + "/members", client).status());
    }

    @Test
    void aClientOfAnotherOrganisationFindsNoSuchProject() {
        SurveyFixture f = SurveyFixture.openNow(api);
        long otherOrg = ((Number) api.post("/api/v1/organizations", api.admin(),
                Map.of("name", "别家 " + System.nanoTime())).map().get("id")).longValue();
        String foreign = api.newUser("foreign-overview-" + System.nanoTime(), "CLIENT", otherOrg);
        TestApi.Res r = api.get("/api/v1/projects/" + f.projectId + "/overview", foreign);
        assertEquals(404, r.status(), r.raw());
        assertEquals(404, api.get("/api/v1/projects/99999999/overview", foreign).status(), "the same as a missing one");
    }
}
