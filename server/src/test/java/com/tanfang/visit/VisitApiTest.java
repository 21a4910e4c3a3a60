package com.tanfang.visit;

import com.tanfang.MutableClock;
import com.tanfang.TestApi;
import com.tanfang.VisitFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Visits end to end through HTTP on the real (embedded) PostgreSQL. */
@MicronautTest(transactional = false)
class VisitApiTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    DataSource dataSource;
    @Inject
    MutableClock clock;
    TestApi api;
    VisitFixture v;

    @BeforeEach
    void setUp() {
        api = new TestApi(server.getURL(), json);
        v = new VisitFixture(api, server.getURL().toString(), json);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> visitOf(TestApi.Res r) {
        return (Map<String, Object>) r.map().get("visit");
    }

    private long count(String sql, Object... args) throws Exception {
        try (Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void coverVisitFromPlanToApprovalWithReturnStaleEditAndWithdrawal() throws Exception {
        TestApi.Res chosen = api.put("/api/v1/projects/" + v.projectId + "/visit-checklist", v.lead, Map.of("items", List.of(
                Map.of("itemCode", "P2", "mode", "COVERT", "guidanceZh", "报修后看是否登记", "guidanceEn",
                        "Report a repair; see whether it is logged", "evidence", "PHOTO"),
                Map.of("itemCode", "P4", "mode", "COVERT", "evidence", "NOTE_BELOW_BEST"))));
        assertEquals(200, chosen.status(), chosen.raw());
        TestApi.Res refused = api.put("/api/v1/projects/" + v.projectId + "/visit-checklist", v.lead,
                Map.of("items", List.of(Map.of("itemCode", "P1", "mode", "COVERT"))));
        assertEquals(400, refused.status(), refused.raw());
        assertEquals(List.of("items[0].mode"), refused.problemFields());

        long visitId = VisitFixture.visitId(v.plan("COVERT", Map.of("raterIds", List.of(v.shopperId))), 1);
        Map<String, Object> mine = api.get("/api/v1/visits/mine", v.shopper).map();
        assertTrue(((List<Map<String, Object>>) mine.get("today")).stream()
                .anyMatch(s -> ((Number) s.get("visitId")).longValue() == visitId), mine.toString());
        TestApi.Res script = api.get("/api/v1/visits/" + visitId, v.shopper);
        assertEquals(200, script.status(), script.raw());
        assertEquals("ASSIGNED", visitOf(script).get("state"));
        assertEquals(List.of("P2", "P4", "P5", "P9", "P10", "P11", "P14", "P18"), v.scriptItems(visitId, v.shopper));

        // an answer before check-in: the visit is not in progress yet
        assertEquals(409, v.answer(visitId, v.shopper, "P2", 5, null, v.version(visitId, v.shopper)).status());
        TestApi.Res in = api.post("/api/v1/visits/" + visitId + "/check-in", v.shopper,
                Map.of("deviceAt", Instant.now().minusSeconds(30).toString(),
                        "deviceSentAt", Instant.now().plusSeconds(90).toString(),
                        "latitude", 30.2841, "longitude", 120.1551, "accuracyMeters", 40));
        assertEquals(200, in.status(), in.raw());
        Map<String, Object> checkIn = (Map<String, Object>) in.map().get("checkIn");
        assertEquals("WGS84", checkIn.get("coordinateSystem"));
        double distance = ((Number) checkIn.get("distanceToSiteMeters")).doubleValue();
        assertEquals(1112, distance, 15, "0.01 degree of latitude north of the estate");
        assertEquals(Boolean.TRUE, checkIn.get("far"));
        assertTrue(((Number) checkIn.get("skewMs")).longValue() > 60_000, checkIn.toString());

        int version = v.version(visitId, v.shopper);
        for (String code : v.scriptItems(visitId, v.shopper)) {
            TestApi.Res a = v.answer(visitId, v.shopper, code, code.equals("P10") ? 1 : code.equals("P4") ? 3 : 5,
                    null, version);
            assertEquals(200, a.status(), a.raw());
        }
        TestApi.Res incomplete = api.post("/api/v1/visits/" + visitId + "/submit", v.shopper, Map.of("visitVersion", version));
        assertEquals(400, incomplete.status(), incomplete.raw());
        assertEquals(List.of("items[P2].photos", "items[P4].note"), incomplete.problemFields());
        byte[] photo = VisitFixture.jpeg("desk");
        TestApi.Res up = v.photo(visitId, v.shopper, UUID.randomUUID(), photo, VisitFixture.sha256(photo), version,
                "P2", "image/jpeg");
        assertEquals(200, up.status(), up.raw());
        assertEquals(200, v.answer(visitId, v.shopper, "P4", 3, "楼道有杂物 / clutter in stairwell 3-A", version).status());
        TestApi.Res submitted = api.post("/api/v1/visits/" + visitId + "/submit", v.shopper, Map.of("visitVersion", version));
        assertEquals(200, submitted.status(), submitted.raw());
        assertEquals("SUBMITTED", visitOf(submitted).get("state"));
        assertEquals(Boolean.TRUE, submitted.map().get("readOnly"));
        assertEquals(409, v.answer(visitId, v.shopper, "P4", 4, "x", version + 1).status(), "read-only once submitted");

        TestApi.Res template = api.post("/api/v1/projects/" + v.projectId + "/visit-comments", v.lead,
                Map.of("text", "请补充照片 / please add a photo"));
        assertEquals(201, template.status(), template.raw());
        TestApi.Res returned = api.post("/api/v1/visits/" + visitId + "/return", v.lead, Map.of("comments", List.of(
                Map.of("itemCode", "P4", "text", "哪个楼道？/ which stairwell?"),
                Map.of("itemCode", "P2", "templateId", template.map().get("id")))));
        assertEquals(200, returned.status(), returned.raw());
        assertEquals("RETURNED", visitOf(returned).get("state"));
        TestApi.Res seen = api.get("/api/v1/visits/" + visitId, v.shopper);
        List<Map<String, Object>> comments = (List<Map<String, Object>>) seen.map().get("comments");
        assertEquals(List.of("P4", "P2"), comments.stream().map(c -> c.get("itemCode")).toList());
        assertEquals("请补充照片 / please add a photo", comments.get(1).get("text"));

        // the phone still holds the version from before the return: 409, never a silent overwrite
        TestApi.Res stale = v.answer(visitId, v.shopper, "P4", 3, "3号楼A单元", version);
        assertEquals(409, stale.status(), stale.raw());
        assertEquals("visit.stale", stale.map().get("code"));
        int fresh = v.version(visitId, v.shopper);
        assertEquals(200, v.answer(visitId, v.shopper, "P4", 3, "3号楼A单元 / stairwell 3-A", fresh).status());
        TestApi.Res versions = api.get("/api/v1/visits/" + visitId + "/answer-versions?itemCode=P4", v.lead);
        List<Map<String, Object>> history = (List<Map<String, Object>>) versions.map().get("versions");
        assertEquals(3, history.size(), versions.raw());
        assertNotNull(history.get(0).get("supersededAt"));
        assertEquals("3号楼A单元 / stairwell 3-A", history.get(2).get("note"));

        assertEquals(200, api.post("/api/v1/visits/" + visitId + "/submit", v.shopper, Map.of("visitVersion", fresh)).status());
        TestApi.Res approved = api.post("/api/v1/visits/" + visitId + "/approve", v.lead, Map.of());
        assertEquals("APPROVED", visitOf(approved).get("state"), approved.raw());
        TestApi.Res again = api.post("/api/v1/visits/" + visitId + "/approve", v.lead, Map.of());
        assertEquals(409, again.status());
        assertEquals("visit.illegal_transition", again.map().get("code"));
        TestApi.Res noReason = api.post("/api/v1/visits/" + visitId + "/approval-withdrawal", v.lead, Map.of());
        assertEquals(400, noReason.status());
        TestApi.Res withdrawn = api.post("/api/v1/visits/" + visitId + "/approval-withdrawal", v.lead,
                Map.of("reason", "照片与其他探访重复 / photo duplicates another visit"));
        assertEquals("SUBMITTED", visitOf(withdrawn).get("state"), withdrawn.raw());
        TestApi.Res rejected = api.post("/api/v1/visits/" + visitId + "/reject", v.lead, Map.of("reason", "重复照片"));
        assertEquals("REJECTED", visitOf(rejected).get("state"));
        assertEquals("重复照片", rejected.map().get("decisionReason"), "the phone shows the reason of a rejection");

        // every state change and edit is in the evidence log
        try (Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection(); PreparedStatement ps = c.prepareStatement(
                "select action from evidence_log where subject_type = 'VISIT' and subject_id = ? order by seq")) {
            ps.setLong(1, visitId);
            List<String> actions = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    actions.add(rs.getString(1));
                }
            }
            assertEquals("visit.planned", actions.get(0));
            for (String a : List.of("visit.assign", "visit.check_in", "visit.answer_saved", "visit.photo_added",
                    "visit.submit", "visit.return", "visit.approve", "visit.withdraw_approval", "visit.reject")) {
                assertTrue(actions.contains(a), a + " in " + actions);
            }
            assertEquals(8 + 1 + 1, actions.stream().filter("visit.answer_saved"::equals).count());
        }
    }

    @Test
    void identicalConcurrentUploadsStoreOneAnswerAndOnePhoto() throws Exception {
        long visitId = v.visitInProgress(v.shopper, v.shopperId);
        int version = v.version(visitId, v.shopper);
        String clientId = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("clientId", clientId, "visitVersion", version, "itemCode", "P5", "value", 4,
                "note", "same upload", "secondsSpent", 12);
        byte[] photo = VisitFixture.jpeg("bins");
        String sha = VisitFixture.sha256(photo);
        UUID photoClientId = UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                calls.add(() -> api.put("/api/v1/visits/" + visitId + "/answers", v.shopper, body).status());
                calls.add(() -> v.photo(visitId, v.shopper, photoClientId, photo, sha, version, "P5", "image/jpeg").status());
            }
            for (Future<Integer> f : pool.invokeAll(calls)) {
                assertEquals(200, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, count("select count(*) from visit_answer where client_id = ?::uuid", clientId));
        assertEquals(1, count("select count(*) from visit_answer where visit_id = ? and item_code = 'P5'", visitId));
        assertEquals(1, count("select count(*) from visit_photo where client_id = ?::uuid", photoClientId.toString()));
        assertEquals(1, count("select count(*) from blob where sha256 = ?", sha));
        assertEquals(1, count("select count(*) from evidence_log where subject_type = 'VISIT' and subject_id = ?"
                + " and action = 'visit.answer_saved'", visitId));

        // the same bytes in a second visit: stored once, flagged in both
        long other = v.visitInProgress(v.shopper, v.shopperId);
        TestApi.Res dup = v.photo(other, v.shopper, UUID.randomUUID(), photo, sha, v.version(other, v.shopper), null,
                "image/jpeg");
        assertEquals(200, dup.status(), dup.raw());
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) dup.map().get("photo");
        assertEquals(List.of(visitId), ((List<?>) p.get("alsoInVisits")).stream().map(x -> ((Number) x).longValue()).toList());
        assertEquals(1, count("select count(*) from blob where sha256 = ?", sha));
    }

    @Test
    void photosAreHashCheckedSizeLimitedAndServedPrivately() throws Exception {
        long visitId = v.visitInProgress(v.shopper, v.shopperId);
        int version = v.version(visitId, v.shopper);
        byte[] photo = VisitFixture.jpeg("gate");
        byte[] truncated = java.util.Arrays.copyOf(photo, photo.length - 3);
        TestApi.Res mismatch = v.photo(visitId, v.shopper, UUID.randomUUID(), truncated, VisitFixture.sha256(photo),
                version, null, "image/jpeg");
        assertEquals(400, mismatch.status(), mismatch.raw());
        assertEquals(List.of("sha256"), mismatch.problemFields());
        assertEquals(0, count("select count(*) from blob where sha256 = ?", VisitFixture.sha256(truncated)));
        assertEquals(0, count("select count(*) from visit_photo where visit_id = ?", visitId));
        TestApi.Res wrongType = v.photo(visitId, v.shopper, UUID.randomUUID(), photo, VisitFixture.sha256(photo),
                version, null, "text/html");
        assertEquals(400, wrongType.status(), wrongType.raw());

        byte[] huge = new byte[15 * 1024 * 1024 + 1];
        TestApi.Res tooBig = v.photo(visitId, v.shopper, UUID.randomUUID(), huge, VisitFixture.sha256(huge), version,
                null, "image/jpeg");
        assertEquals(413, tooBig.status(), tooBig.raw());
        assertTrue(tooBig.header("Content-Type").startsWith("application/problem+json"), tooBig.header("Content-Type"));
        // an ordinary JSON route still refuses a body over 1 MB
        TestApi.Res bigJson = api.put("/api/v1/visits/" + visitId + "/answers", v.shopper,
                "{\"note\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}");
        assertEquals(413, bigJson.status());

        TestApi.Res ok = v.photo(visitId, v.shopper, UUID.randomUUID(), photo, VisitFixture.sha256(photo), version,
                "P9", "image/jpeg");
        assertEquals(200, ok.status(), ok.raw());
        @SuppressWarnings("unchecked")
        String url = (String) ((Map<String, Object>) ok.map().get("photo")).get("url");
        TestApi.Res served = api.send("GET", url, v.lead, null, Map.of("Accept", "*/*"));
        assertEquals(200, served.status());
        assertEquals("image/jpeg", served.header("Content-Type"));
        assertTrue(served.header("Cache-Control").startsWith("private"), served.header("Cache-Control"));
        assertEquals(404, api.send("GET", url, api.demo("client"), null, Map.of("Accept", "*/*")).status(),
                "a CLIENT never learns that the visit exists (404 on every visit id route)");
        assertEquals(403, api.send("GET", url, api.demo("verifier"), null, Map.of("Accept", "*/*")).status());
    }

    @Test
    @SuppressWarnings("unchecked")
    void twoRatersAreBlindToEachOtherUntilBothSubmitted() {
        v.f.addMember(v.auditor);
        Map<String, Object> plan = v.plan("OPEN", Map.of("raters", 2, "raterIds", List.of(v.auditorId, v.shopperId)));
        long a = VisitFixture.visitId(plan, 1);
        long b = VisitFixture.visitId(plan, 2);
        for (long[] pair : new long[][]{{a, 0}, {b, 1}}) {
            String token = pair[1] == 0 ? v.auditor : v.shopper;
            assertEquals(200, api.post("/api/v1/visits/" + pair[0] + "/check-in", token,
                    Map.of("deviceAt", Instant.now().toString())).status());
            v.answerAll(pair[0], token);
        }
        TestApi.Res peek = api.get("/api/v1/visits/" + b, v.auditor);
        assertEquals(200, peek.status(), peek.raw());
        assertEquals(Boolean.TRUE, peek.map().get("ratingsHidden"));
        assertTrue(((List<?>) peek.map().get("answers")).isEmpty());
        assertEquals(403, api.get("/api/v1/visits/" + b + "/answer-versions?itemCode=P1", v.auditor).status());
        // the lead, who rates neither copy, sees both
        assertFalse((Boolean) api.get("/api/v1/visits/" + b, v.lead).map().get("ratingsHidden"));

        assertEquals(200, api.post("/api/v1/visits/" + a + "/submit", v.auditor,
                Map.of("visitVersion", v.version(a, v.auditor))).status());
        assertEquals(Boolean.TRUE, api.get("/api/v1/visits/" + b, v.auditor).map().get("ratingsHidden"),
                "one submission is not enough");
        // a SHOPPER sees only its own visits, the partner's copy not at all
        assertEquals(404, api.get("/api/v1/visits/" + a, v.shopper).status());
        assertEquals(200, api.post("/api/v1/visits/" + b + "/submit", v.shopper,
                Map.of("visitVersion", v.version(b, v.shopper))).status());
        TestApi.Res after = api.get("/api/v1/visits/" + b, v.auditor);
        assertEquals(Boolean.FALSE, after.map().get("ratingsHidden"));
        assertFalse(((List<?>) after.map().get("answers")).isEmpty());
    }

    @Test
    void clientsAndOtherShoppersNeverSeeVisits() {
        long visitId = v.visitInProgress(v.shopper, v.shopperId);
        String client = api.demo("client"); // the client of the very organisation the project evaluates
        assertEquals(404, api.get("/api/v1/visits/" + visitId, client).status());
        assertEquals(404, api.get("/api/v1/projects/" + v.projectId + "/visits", client).status());
        assertEquals(404, api.get("/api/v1/projects/" + v.projectId + "/visit-checklist", client).status());
        assertEquals(403, api.get("/api/v1/visits/mine", client).status());
        String otherShopper = api.newUser("shopper-" + System.nanoTime(), "SHOPPER", null);
        v.f.addMember(otherShopper);
        assertEquals(404, api.get("/api/v1/visits/" + visitId, otherShopper).status(), "on the team, not its visit");
        TestApi.Res edit = v.answer(visitId, otherShopper, "P2", 5, null, 1);
        assertEquals(404, edit.status());
        // the auditor on the team sees the visit but does not write into the shopper's copy
        TestApi.Res auditorEdit = v.answer(visitId, v.auditor, "P2", 5, null, v.version(visitId, v.lead));
        assertEquals(403, auditorEdit.status(), auditorEdit.raw());
        assertEquals(200, api.get("/api/v1/projects/" + v.projectId + "/visits", v.auditor).status());
        assertEquals(403, api.post("/api/v1/projects/" + v.projectId + "/visits", v.auditor, Map.of(
                "mode", "OPEN", "windowFrom", Instant.now().toString(),
                "windowTo", Instant.now().plusSeconds(3600).toString())).status());
    }

    @Test
    @SuppressWarnings("unchecked")
    void poolClaimsFirstWinsAndUnconfirmedClaimsFallBack() {
        long visitId = VisitFixture.visitId(v.plan("COVERT", Map.of("offerToPool", true,
                "windowTo", Instant.now().plus(Duration.ofDays(3)).toString())), 1);
        String second = api.newUser("shopper-" + System.nanoTime(), "SHOPPER", null);
        v.f.addMember(second);
        List<Map<String, Object>> offers = api.get("/api/v1/visits/offers", v.shopper).list();
        assertTrue(offers.stream().anyMatch(o -> ((Number) o.get("visitId")).longValue() == visitId));
        assertEquals(403, api.get("/api/v1/visits/" + visitId, v.shopper).status(),
                "an offer's would-be claimant does not read its script before claiming");
        TestApi.Res claim = api.post("/api/v1/visits/" + visitId + "/claim", v.shopper, Map.of());
        assertEquals(200, claim.status(), claim.raw());
        assertEquals("CLAIMED", claim.map().get("state"));
        TestApi.Res late = api.post("/api/v1/visits/" + visitId + "/claim", second, Map.of());
        assertEquals(404, late.status(), "no longer an offer: the second shopper cannot see it");
        assertTrue(api.get("/api/v1/visits/offers", second).list().stream()
                .noneMatch(o -> ((Number) o.get("visitId")).longValue() == visitId));
        clock.advance(Duration.ofHours(25));
        assertTrue(api.get("/api/v1/visits/offers", second).list().stream()
                .anyMatch(o -> ((Number) o.get("visitId")).longValue() == visitId), "the claim expired after 24 h");
        assertEquals("CLAIMED", api.post("/api/v1/visits/" + visitId + "/claim", second, Map.of()).map().get("state"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void planningRulesWarnAndRefuseNamingTheRule() {
        v.settings(Map.of("onSiteAuditDate", java.time.LocalDate.now().plusDays(3).toString(),
                "sameSiteMinDays", 30, "maxVisitsPerDay", 0));
        Map<String, Object> body = new HashMap<>(Map.of("windowTo", Instant.now().plus(Duration.ofDays(5)).toString()));
        Map<String, Object> plan = v.plan("COVERT", body);
        List<Map<String, Object>> warnings = (List<Map<String, Object>>) plan.get("warnings");
        assertEquals("COVERT_BEFORE_ON_SITE_AUDIT", warnings.get(0).get("rule"));
        long first = VisitFixture.visitId(plan, 1);
        v.settings(Map.of("sameSiteMinDays", 0, "maxVisitsPerDay", 0));
        assertEquals(200, api.put("/api/v1/visits/" + first + "/rater", v.lead, Map.of("raterId", v.shopperId)).status());
        v.settings(Map.of("sameSiteMinDays", 30, "maxVisitsPerDay", 0));
        long second = VisitFixture.visitId(v.plan("OPEN", Map.of()), 1);
        TestApi.Res refused = api.put("/api/v1/visits/" + second + "/rater", v.lead, Map.of("raterId", v.shopperId));
        assertEquals(409, refused.status(), refused.raw());
        assertEquals("visit.rule.same_site_interval", refused.map().get("code"));
        assertTrue(((String) refused.map().get("detail")).contains("30"), refused.raw());
        assertEquals(List.of("raterId"), refused.problemFields());
        assertEquals("PLANNED", visitOf(api.get("/api/v1/visits/" + second, v.lead)).get("state"));
    }
    /** The lead's list of a project's visits carries the review flags, so the list shows them without opening each. */
    @Test
    @SuppressWarnings("unchecked")
    void projectListCarriesFarOutsideWindowAndPhotoElsewhereFlags() {
        long flagged = VisitFixture.visitId(v.plan("COVERT", Map.of("raterIds", List.of(v.shopperId))), 1);
        TestApi.Res in = api.post("/api/v1/visits/" + flagged + "/check-in", v.shopper,
                Map.of("deviceAt", Instant.now().minus(Duration.ofHours(2)).toString(),
                        "latitude", 30.2841, "longitude", 120.1551, "accuracyMeters", 40));
        assertEquals(200, in.status(), in.raw());
        long plain = v.visitInProgress(v.shopper, v.shopperId);
        byte[] photo = VisitFixture.jpeg("list-flags");
        String sha = VisitFixture.sha256(photo);
        assertEquals(200, v.photo(flagged, v.shopper, UUID.randomUUID(), photo, sha, v.version(flagged, v.shopper),
                null, "image/jpeg").status());
        assertEquals(200, v.photo(plain, v.shopper, UUID.randomUUID(), photo, sha, v.version(plain, v.shopper),
                null, "image/jpeg").status());
        long untouched = VisitFixture.visitId(v.plan("OPEN", Map.of()), 1);

        Map<Long, Map<String, Object>> rows = new HashMap<>();
        for (Map<String, Object> r : api.get("/api/v1/projects/" + v.projectId + "/visits", v.lead).list()) {
            rows.put(((Number) r.get("visitId")).longValue(), r);
        }
        assertEquals(Boolean.TRUE, rows.get(flagged).get("far"), rows.get(flagged).toString());
        assertEquals(Boolean.TRUE, rows.get(flagged).get("outsideWindow"), rows.get(flagged).toString());
        assertEquals(Boolean.TRUE, rows.get(flagged).get("photosElsewhere"), rows.get(flagged).toString());
        assertEquals(Boolean.FALSE, rows.get(plain).get("far"), rows.get(plain).toString());
        assertEquals(Boolean.FALSE, rows.get(plain).get("outsideWindow"), rows.get(plain).toString());
        assertEquals(Boolean.TRUE, rows.get(plain).get("photosElsewhere"), rows.get(plain).toString());
        assertEquals(Boolean.FALSE, rows.get(untouched).get("far"), rows.get(untouched).toString());
        assertEquals(Boolean.FALSE, rows.get(untouched).get("photosElsewhere"), rows.get(untouched).toString());
    }
}
