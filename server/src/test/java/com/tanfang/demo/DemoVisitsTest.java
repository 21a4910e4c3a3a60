package com.tanfang.demo;

import com.tanfang.MutableClock;
import com.tanfang.TestApi;
import com.tanfang.account.FirstStartEvent;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo visits as the demo shopper, lead and client see them through the API (issue 10, "Demo"). */
@MicronautTest(transactional = false)
class DemoVisitsTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    DemoFirstStart firstStart;
    @Inject
    MutableClock clock;
    TestApi api;
    String lead;

    @BeforeEach
    void setUp() {
        api = new TestApi(server.getURL(), json);
        lead = api.demo("lead");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private long demoProject() {
        return api.get("/api/v1/projects", lead).list().stream()
                .filter(p -> "Jinxiu Garden property service certification: 2026 surveillance evaluation".equals(p.get("titleEn")))
                .map(p -> ((Number) p.get("id")).longValue()).findFirst().orElseThrow();
    }

    private List<Map<String, Object>> visits(long projectId) {
        TestApi.Res r = api.get("/api/v1/projects/" + projectId + "/visits", lead);
        assertEquals(200, r.status(), r.raw());
        return r.list();
    }

    private static long id(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyStateIsThereForTheLeadWithPhotosCommentsGuidanceAndRules() throws Exception {
        long projectId = demoProject();
        List<Map<String, Object>> all = visits(projectId);
        Map<String, Long> byState = all.stream().collect(Collectors.groupingBy(v -> v.get("mode") + "/" + v.get("state"),
                Collectors.counting()));
        assertEquals(Map.of("COVERT/ASSIGNED", 1L, "OPEN/APPROVED", 3L, "OPEN/RETURNED", 1L, "OPEN/SUBMITTED", 2L,
                "MANAGEMENT_AUDIT/IN_PROGRESS", 1L),
                byState, all.toString());
        Map<String, Object> covert = all.stream().filter(v -> "COVERT".equals(v.get("mode"))).findFirst().orElseThrow();
        assertEquals("物业服务中心", covert.get("locationName"));
        assertTrue(((String) covert.get("raterName")).contains("Shopper"), covert.toString());
        assertEquals(Set.of(2), all.stream().filter(v -> "OPEN".equals(v.get("mode")))
                .map(v -> ((Number) v.get("raters")).intValue()).collect(Collectors.toSet()));
        assertEquals(Set.of("张审查员 Auditor Zhang", "孙审查员 Auditor Sun"), all.stream()
                .filter(v -> "OPEN".equals(v.get("mode"))).map(v -> (String) v.get("raterName")).collect(Collectors.toSet()));

        // photos of a submitted visit download for the lead: real JPEGs of a few KB, each with its own hash
        Set<String> hashes = new HashSet<>();
        int photos = 0;
        HttpClient http = HttpClient.newHttpClient();
        for (Map<String, Object> v : all.stream().filter(v -> "OPEN".equals(v.get("mode"))).toList()) {
            TestApi.Res detail = api.get("/api/v1/visits/" + id(v, "visitId"), lead);
            assertEquals(200, detail.status(), detail.raw());
            for (Map<String, Object> p : (List<Map<String, Object>>) detail.map().get("photos")) {
                HttpResponse<byte[]> bytes = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/visits/"
                        + id(v, "visitId") + "/photos/" + id(p, "id"))).header("Authorization", "Bearer " + lead).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, bytes.statusCode());
                byte[] b = bytes.body();
                assertTrue(b.length > 500 && b.length < 30_000, "a few KB: " + b.length);
                assertEquals((byte) 0xFF, b[0]);
                assertEquals((byte) 0xD8, b[1]);
                String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
                assertEquals(p.get("sha256"), sha);
                hashes.add(sha);
                photos++;
            }
            if ("SUBMITTED".equals(v.get("state"))) {
                assertFalse(((List<?>) detail.map().get("photos")).isEmpty(), "submitted with photos");
            }
            if ("RETURNED".equals(v.get("state"))) {
                assertEquals(3, ((List<?>) detail.map().get("comments")).size(), detail.raw());
            }
        }
        assertTrue(photos >= 12, "two photo items per visit, six visits: " + photos);
        assertEquals(photos, hashes.size(), "every photo has its own bytes");

        Map<String, Object> settings = api.get("/api/v1/projects/" + projectId + "/visit-settings", lead).map();
        LocalDate audit = LocalDate.parse((String) settings.get("onSiteAuditDate"));
        assertTrue(audit.isAfter(LocalDate.parse(((String) covert.get("windowTo")).substring(0, 10))), settings.toString());
        List<Map<String, Object>> items = new ArrayList<>();
        for (Map<String, Object> t : (List<Map<String, Object>>) api.get("/api/v1/projects/" + projectId
                + "/visit-checklist", lead).map().get("touchpoints")) {
            items.addAll((List<Map<String, Object>>) t.get("items"));
        }
        Map<String, Object> p4 = items.stream().filter(i -> "P4".equals(i.get("code"))).findFirst().orElseThrow();
        assertEquals("PHOTO", p4.get("evidence"));
        assertFalse(((String) p4.get("guidanceZh")).isBlank());
        assertFalse(((String) p4.get("guidanceEn")).isBlank());
        assertTrue(api.get("/api/v1/projects/" + projectId + "/visit-comments", lead).list().size() >= 3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theShopperHasTheServiceCentreTodayAndTheBusRide() {
        String shopper = api.demo("shopper");
        // "Today" is the Beijing day the demo was loaded; the suite may cross Beijing midnight (16:00 UTC) after
        // that (it did: loaded 23:57, checked 00:01), so look on the day of the covert visit's window.
        TestApi.Res all = api.get("/api/v1/visits/mine", shopper);
        assertEquals(200, all.status(), all.raw());
        List<Map<String, Object>> listed = new ArrayList<>();
        for (String part : List.of("today", "upcoming", "other")) {
            listed.addAll((List<Map<String, Object>>) all.map().get(part));
        }
        Map<String, Object> covert = listed.stream().filter(v -> "COVERT".equals(v.get("mode"))
                        && "物业服务中心".equals(v.get("locationName")) && "ASSIGNED".equals(v.get("state")))
                .findFirst().orElseThrow(() -> new AssertionError(listed.toString()));
        clock.freeze(Instant.parse((String) covert.get("windowFrom")).plus(Duration.ofHours(1)));
        shopper = api.demo("shopper");
        TestApi.Res r = api.get("/api/v1/visits/mine", shopper);
        assertEquals(200, r.status(), r.raw());
        List<Map<String, Object>> today = (List<Map<String, Object>>) r.map().get("today");
        assertTrue(today.stream().anyMatch(v -> "COVERT".equals(v.get("mode")) && "ASSIGNED".equals(v.get("state"))
                && "物业服务中心".equals(v.get("locationName"))), today.toString());
        List<Map<String, Object>> every = new ArrayList<>(today);
        every.addAll((List<Map<String, Object>>) r.map().get("upcoming"));
        every.addAll((List<Map<String, Object>>) r.map().get("other"));
        Map<String, Object> ride = every.stream().filter(v -> DemoVisits.BUS_LINE_NAME.equals(v.get("siteName")))
                .findFirst().orElseThrow(() -> new AssertionError(every.toString()));
        assertEquals("COVERT", ride.get("mode"));
        assertEquals("Bus line 12", ride.get("siteNameEn"));
        TestApi.Res script = api.get("/api/v1/visits/" + id(ride, "visitId"), shopper);
        assertEquals(200, script.status(), script.raw());
    }

    @Test
    void theClientSeesNoneOfTheVisits() {
        String client = api.demo("client");
        long projectId = demoProject();
        for (Map<String, Object> v : visits(projectId)) {
            assertEquals(404, api.get("/api/v1/visits/" + id(v, "visitId"), client).status());
        }
        int listStatus = api.get("/api/v1/projects/" + projectId + "/visits", client).status();
        assertTrue(listStatus == 403 || listStatus == 404, "status " + listStatus);
        TestApi.Res mine = api.get("/api/v1/visits/mine", client);
        assertTrue(mine.status() == 403 || mine.list().isEmpty(), mine.raw());
    }

    @Test
    void aSecondStartDoesNotAddTheDemoAgain() {
        long projectId = demoProject();
        int before = visits(projectId).size();
        firstStart.onFirstStart(new FirstStartEvent(new ArrayList<>()));
        assertEquals(before, visits(projectId).size());
        assertEquals(1, api.get("/api/v1/projects", lead).list().stream()
                .filter(p -> "Xingcheng Bus line 12 service certification: 2026 covert rides".equals(p.get("titleEn"))).count());
    }
}
