package com.tanfang.site;

import com.tanfang.TestApi;
import com.tanfang.demo.DemoData;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class SiteApiTest {
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

    private long create(String path, Map<String, Object> body) {
        TestApi.Res r = api.post(path, lead, body);
        assertEquals(201, r.status(), r.raw());
        return ((Number) r.map().get("id")).longValue();
    }

    @Test
    void leadBuildsAnEstateWithBulkBuildingsAndStairwells() {
        long org = create("/api/v1/organizations", Map.of("name", "Sunrise Property " + System.nanoTime()));
        long site = create("/api/v1/organizations/" + org + "/sites",
                Map.of("name", "Sunrise Estate", "kind", "ESTATE", "address", "1 Sunrise Rd", "latitude", 30.1, "longitude", 120.2));
        String locations = "/api/v1/organizations/" + org + "/sites/" + site + "/locations";
        Map<String, Object> bulk = Map.of("kind", "BUILDING", "from", 1, "to", 15, "nameTemplate", "{n}号楼",
                "children", Map.of("kind", "STAIRWELL", "labels", List.of("A", "B"), "nameTemplate", "{parent}{label}单元"));
        TestApi.Res created = api.post(locations + "/bulk", lead, bulk);
        assertEquals(201, created.status(), created.raw());
        assertEquals(45, created.list().size());
        List<Map<String, Object>> all = api.get(locations, lead).list();
        assertEquals(45, all.size());
        Map<String, Object> b15a = all.stream().filter(l -> "15-A".equals(l.get("code"))).findFirst().orElseThrow();
        assertEquals("15号楼A单元", b15a.get("name"));
        assertEquals("STAIRWELL", b15a.get("kind"));
        Map<String, Object> b15 = all.stream().filter(l -> "15".equals(l.get("code"))).findFirst().orElseThrow();
        assertEquals(b15.get("id"), b15a.get("parentId"));

        // Again: every code clashes, nothing is created.
        TestApi.Res again = api.post(locations + "/bulk", lead, bulk);
        assertEquals(409, again.status());
        assertEquals(45, api.get(locations, lead).list().size());

        Map<String, Object> backwards = new HashMap<>(bulk);
        backwards.put("from", 9);
        backwards.put("to", 3);
        TestApi.Res bad = api.post(locations + "/bulk", lead, backwards);
        assertEquals(400, bad.status());
        assertEquals(List.of("to"), bad.problemFields());

        TestApi.Res one = api.post(locations, lead, Map.of("kind", "COUNTER", "code", "svc", "name", "服务台", "households", -1));
        assertEquals(400, one.status());
        assertEquals(List.of("households"), one.problemFields());
        long counter = create(locations, Map.of("kind", "COUNTER", "code", "svc", "name", "服务台"));
        TestApi.Res renamed = api.patch(locations + "/" + counter, lead, Map.of("name", "物业服务中心", "households", 0));
        assertEquals(200, renamed.status());
        assertEquals("物业服务中心", renamed.map().get("name"));
        TestApi.Res dupCode = api.post(locations, lead, Map.of("kind", "COUNTER", "code", "SVC", "name", "x"));
        assertEquals(409, dupCode.status());
        assertEquals(List.of("code"), dupCode.problemFields());
    }

    @Test
    void invalidSitesAreRefusedFieldByField() {
        long org = create("/api/v1/organizations", Map.of("name", "Field Check Org " + System.nanoTime()));
        TestApi.Res r = api.post("/api/v1/organizations/" + org + "/sites", lead,
                Map.of("name", "", "kind", "CASTLE", "latitude", 123));
        assertEquals(400, r.status(), r.raw());
        TestApi.Res r2 = api.post("/api/v1/organizations/" + org + "/sites", lead, Map.of("name", "", "latitude", 123));
        assertEquals(400, r2.status());
        assertTrue(r2.problemFields().containsAll(List.of("name", "kind", "latitude")), r2.raw());
        TestApi.Res dupOrg = api.post("/api/v1/organizations", lead, Map.of("name", DemoData.ORGANIZATION_NAME));
        assertEquals(409, dupOrg.status());
        assertEquals(404, api.get("/api/v1/organizations/999999", lead).status());
        assertEquals(404, api.get("/api/v1/organizations/" + org + "/sites/999999", lead).status());
    }

    @Test
    void aClientSeesOnlyItsOwnOrganizationAndAnAuditorOnlyReads() {
        String client = api.demo("client");
        List<Map<String, Object>> visible = api.get("/api/v1/organizations", client).list();
        assertEquals(1, visible.size());
        assertEquals(DemoData.ORGANIZATION_NAME, visible.get(0).get("name"));
        long own = ((Number) visible.get(0).get("id")).longValue();
        List<Map<String, Object>> sites = api.get("/api/v1/organizations/" + own + "/sites", client).list();
        assertEquals(1, sites.size());
        long other = create("/api/v1/organizations", Map.of("name", "Other Org " + System.nanoTime()));
        assertEquals(404, api.get("/api/v1/organizations/" + other, client).status());
        assertEquals(404, api.get("/api/v1/organizations/" + other + "/sites", client).status());

        String auditor = api.demo("auditor");
        assertTrue(api.get("/api/v1/organizations", auditor).list().size() >= 2);
        assertEquals(403, api.post("/api/v1/organizations", auditor, Map.of("name", "Nope")).status());
    }

    @Test
    void demoEstateHasFifteenBuildingsWithTwoStairwellsEach() {
        String admin = api.admin();
        Map<String, Object> org = api.get("/api/v1/organizations", admin).list().stream()
                .filter(o -> DemoData.ORGANIZATION_NAME.equals(o.get("name"))).findFirst().orElseThrow();
        Map<String, Object> site = api.get("/api/v1/organizations/" + org.get("id") + "/sites", admin).list().get(0);
        List<Map<String, Object>> locs = api.get("/api/v1/organizations/" + org.get("id") + "/sites/" + site.get("id")
                + "/locations", admin).list();
        assertEquals(15, locs.stream().filter(l -> "BUILDING".equals(l.get("kind"))).count());
        assertEquals(30, locs.stream().filter(l -> "STAIRWELL".equals(l.get("kind"))).count());
    }
}
