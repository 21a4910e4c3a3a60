package com.tanfang.visit;

import com.tanfang.MutableClock;
import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import com.tanfang.VisitFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The management audit as a visit mode end to end (plan, the auditor's capture, the shopper kept out, review, the
 * sheet), and the survey review beside it (server/docs/visits.md, server/docs/evaluation.md).
 */
@MicronautTest(transactional = false)
class AuditApiTest {
    static final List<String> AUDIT_ITEMS = List.of("P12", "P13", "P15", "P16");

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    MutableClock clock;
    TestApi api;
    VisitFixture v;

    @BeforeEach
    void setUp() {
        api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.create(api, Duration.ofMinutes(-1), Duration.ofDays(1),
                Map.of("commentAllowed", true));
        v = new VisitFixture(api, server.getURL().toString(), json, f);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> checklistItem(String code) {
        Map<String, Object> c = api.get("/api/v1/projects/" + v.projectId + "/visit-checklist", v.lead).map();
        return ((List<Map<String, Object>>) c.get("touchpoints")).stream()
                .flatMap(t -> ((List<Map<String, Object>>) t.get("items")).stream())
                .filter(i -> code.equals(i.get("code"))).findFirst().orElseThrow();
    }

    private static String code(TestApi.Res r) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) r.map().get("errors");
        return errors == null || errors.isEmpty() ? (String) r.map().get("code") : (String) errors.get(0).get("code");
    }

    private Map<String, Object> auditPlanBody(Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("mode", "MANAGEMENT_AUDIT",
                "windowFrom", Instant.now().minus(Duration.ofHours(1)).toString(),
                "windowTo", Instant.now().plus(Duration.ofHours(8)).toString()));
        body.putAll(extra);
        return body;
    }

    /** Chooses the four records items for the audit, P16 with a required photo, the others a note. */
    private void chooseAuditItems() {
        TestApi.Res r = api.put("/api/v1/projects/" + v.projectId + "/visit-checklist", v.lead, Map.of("items",
                AUDIT_ITEMS.stream().map(c -> Map.of("itemCode", c, "mode", "MANAGEMENT_AUDIT",
                        "guidanceZh", "查阅记录", "guidanceEn", "Check the records",
                        "evidence", c.equals("P16") ? "PHOTO" : "NOTE")).toList()));
        assertEquals(200, r.status(), r.raw());
    }

    /** An audit assigned to the demo auditor, captured (P13 answered 3, the others best), submitted, approved. */
    private long approvedAudit() {
        chooseAuditItems();
        TestApi.Res plan = api.post("/api/v1/projects/" + v.projectId + "/visits", v.lead,
                auditPlanBody(Map.of("raterIds", List.of(v.auditorId))));
        assertEquals(201, plan.status(), plan.raw());
        long visitId = VisitFixture.visitId(plan.map(), 1);
        TestApi.Res in = api.post("/api/v1/visits/" + visitId + "/check-in", v.auditor,
                Map.of("deviceAt", Instant.now().toString()));
        assertEquals(200, in.status(), in.raw());
        assertEquals(AUDIT_ITEMS, v.scriptItems(visitId, v.auditor));
        int version = v.version(visitId, v.auditor);
        for (String item : AUDIT_ITEMS) {
            Map<String, Object> body = new HashMap<>(Map.of("clientId", UUID.randomUUID().toString(),
                    "visitVersion", version, "itemCode", item, "note", "查阅了2025年记录 / 2025 records reviewed",
                    "value", item.equals("P13") ? 3 : 1, "way", item.equals("P13") ? "INTERVIEW" : "DOCUMENT_REVIEW"));
            if (item.equals("P16") || item.equals("P12") || item.equals("P15")) {
                body.put("value", item.equals("P16") ? 5 : 1);
            }
            TestApi.Res a = api.put("/api/v1/visits/" + visitId + "/answers", v.auditor, body);
            assertEquals(200, a.status(), a.raw());
        }
        byte[] jpeg = VisitFixture.jpeg("audit-" + visitId);
        TestApi.Res ph = v.photo(visitId, v.auditor, UUID.randomUUID(), jpeg, VisitFixture.sha256(jpeg), version,
                "P16", "image/jpeg");
        assertEquals(200, ph.status(), ph.raw());
        TestApi.Res s = api.post("/api/v1/visits/" + visitId + "/submit", v.auditor, Map.of("visitVersion", version));
        assertEquals(200, s.status(), s.raw());
        TestApi.Res ok = api.post("/api/v1/visits/" + visitId + "/approve", v.lead, Map.of());
        assertEquals(200, ok.status(), ok.raw());
        return visitId;
    }

    @Test
    @SuppressWarnings("unchecked")
    void leadPlansAnAuditTheAuditorCapturesItTheShopperNeverSeesItAndTheSheetRatesItsItems() {
        // the checklist: the records items may be inspected openly or audited; open stays their default
        Map<String, Object> p12 = checklistItem("P12");
        assertEquals(List.of("OPEN", "MANAGEMENT_AUDIT"), p12.get("modes"));
        assertEquals("OPEN", p12.get("mode"));
        TestApi.Res wrong = api.put("/api/v1/projects/" + v.projectId + "/visit-checklist", v.lead, Map.of("items",
                List.of(Map.of("itemCode", "P2", "mode", "MANAGEMENT_AUDIT"))));
        assertEquals(400, wrong.status(), wrong.raw());
        assertEquals(List.of("items[0].mode"), wrong.problemFields());
        assertEquals("visit.item_mode_not_in_scheme", code(wrong));

        // an audit is never offered to the pool, and never rated by a shopper
        chooseAuditItems();
        TestApi.Res offered = api.post("/api/v1/projects/" + v.projectId + "/visits", v.lead,
                auditPlanBody(Map.of("offerToPool", true)));
        assertEquals(400, offered.status(), offered.raw());
        assertEquals(List.of("offerToPool"), offered.problemFields());
        TestApi.Res byShopper = api.post("/api/v1/projects/" + v.projectId + "/visits", v.lead,
                auditPlanBody(Map.of("raterIds", List.of(v.shopperId))));
        assertEquals(400, byShopper.status(), byShopper.raw());
        assertEquals("visit.audit_rater_role", code(byShopper));
        long planned = VisitFixture.visitId(api.post("/api/v1/projects/" + v.projectId + "/visits", v.lead,
                auditPlanBody(Map.of())).map(), 1);
        TestApi.Res offer = api.put("/api/v1/visits/" + planned + "/offer", v.lead, Map.of("offered", true));
        assertEquals(409, offer.status(), offer.raw());
        TestApi.Res assignShopper = api.put("/api/v1/visits/" + planned + "/rater", v.lead, Map.of("raterId", v.shopperId));
        assertEquals(400, assignShopper.status(), assignShopper.raw());
        assertEquals(404, api.get("/api/v1/visits/" + planned, v.shopper).status());
        assertEquals(404, api.post("/api/v1/visits/" + planned + "/claim", v.shopper, Map.of()).status());
        assertTrue(api.get("/api/v1/visits/offers", v.shopper).list().stream()
                .noneMatch(o -> ((Number) o.get("visitId")).longValue() == planned));

        // the way an answer was confirmed belongs to audits
        long covert = v.visitInProgress(v.shopper, v.shopperId);
        TestApi.Res way = api.put("/api/v1/visits/" + covert + "/answers", v.shopper, Map.of("clientId",
                UUID.randomUUID().toString(), "visitVersion", v.version(covert, v.shopper), "itemCode", "P2",
                "value", 4, "way", "INTERVIEW"));
        assertEquals(400, way.status(), way.raw());
        assertEquals(List.of("way"), way.problemFields());

        long audit = approvedAudit();
        Map<String, Object> detail = api.get("/api/v1/visits/" + audit, v.lead).map();
        assertEquals("MANAGEMENT_AUDIT", ((Map<String, Object>) detail.get("visit")).get("mode"));
        assertTrue(((List<Map<String, Object>>) detail.get("answers")).stream()
                .anyMatch(a -> "INTERVIEW".equals(a.get("way")) && "P13".equals(a.get("itemCode"))));
        assertEquals(404, api.get("/api/v1/visits/" + audit, v.shopper).status());
        assertEquals(404, api.get("/api/v1/visits/" + audit, api.demo("client")).status());

        // the sheet: the audited items are rated (no longer missing) and no method waits for a later part
        Map<String, Object> sheet = api.get("/api/v1/projects/" + v.projectId + "/evaluation", v.lead).map();
        for (Map<String, Object> row : (List<Map<String, Object>>) sheet.get("items")) {
            assertEquals(List.of(), row.get("laterMethods"), String.valueOf(row.get("name")));
            if (AUDIT_ITEMS.contains(row.get("name"))) {
                assertFalse((Boolean) row.get("missing"), String.valueOf(row.get("name")));
                List<Map<String, Object>> ratings = (List<Map<String, Object>>) row.get("ratings");
                assertEquals(1, ratings.size());
                assertEquals("MANAGEMENT_AUDIT", ratings.get(0).get("mode"));
                assertEquals("auditor", ratings.get(0).get("rater"));
            }
        }
        Map<String, Object> p16 = ((List<Map<String, Object>>) sheet.get("items")).stream()
                .filter(r -> "P16".equals(r.get("name"))).findFirst().orElseThrow();
        assertEquals(1, ((List<?>) ((List<Map<String, Object>>) p16.get("ratings")).get(0).get("photoIds")).size());
    }

    private void respond(int value, String comment) {
        Map<String, Object> b = new HashMap<>();
        b.put("submissionId", UUID.randomUUID().toString());
        b.put("answers", v.f.answers(value));
        if (comment != null) {
            b.put("comment", comment);
        }
        TestApi.Res r = api.post("/api/v1/public/surveys/" + v.f.token(0) + "/responses", null, b);
        assertEquals(201, r.status(), r.raw());
    }

    private TestApi.Res decide(String token, Map<String, Object> body, String language) {
        return api.send("POST", "/api/v1/projects/" + v.projectId + "/evaluation/survey-review/decisions", token,
                body, Map.of("Accept-Language", language));
    }

    @Test
    @SuppressWarnings("unchecked")
    void surveyReviewListsALowItemBesideTheOnSiteRatingsAndRecordsTheLeadsDecisions() {
        approvedAudit();
        respond(2, "门岗晚上经常没人 / nobody at the gate at night");
        respond(2, null);
        respond(5, "很好 / fine"); // a satisfied respondent's comment is not a reason for a low score

        String path = "/api/v1/projects/" + v.projectId + "/evaluation/survey-review";
        TestApi.Res res = api.get(path, v.lead);
        assertEquals(200, res.status(), res.raw());
        Map<String, Object> review = res.map();
        assertEquals(0, new java.math.BigDecimal("70").compareTo(new java.math.BigDecimal(
                String.valueOf(review.get("threshold")))));
        List<Map<String, Object>> items = (List<Map<String, Object>>) review.get("items");
        // (2, 2, 5) -> mean coefficient (0.25 + 0.25 + 1) / 3 = 50 < 70: every survey item is low
        Map<String, Object> s4 = items.stream().filter(i -> "S4".equals(i.get("itemCode"))).findFirst().orElseThrow();
        assertEquals(0, new java.math.BigDecimal("50").compareTo(new java.math.BigDecimal(String.valueOf(
                ((Map<String, Object>) s4.get("survey")).get("score")))));
        List<Map<String, Object>> onSite = (List<Map<String, Object>>) s4.get("onSite");
        assertEquals(List.of("P10", "P11", "P12", "P13"), onSite.stream().map(o -> o.get("itemCode")).toList());
        Map<String, Object> p13 = onSite.get(3);
        assertEquals("SAME_AREA", p13.get("relation"));
        assertEquals(List.of("MANAGEMENT_AUDIT"), ((List<Map<String, Object>>) p13.get("ratings")).stream()
                .map(r -> r.get("mode")).toList());
        assertEquals(List.of("门岗晚上经常没人 / nobody at the gate at night"),
                ((List<Map<String, Object>>) s4.get("comments")).stream().map(c -> c.get("comment")).toList());
        Map<String, Object> s7 = items.stream().filter(i -> "S7".equals(i.get("itemCode"))).findFirst().orElseThrow();
        assertEquals(List.of(), s7.get("onSite")); // overall satisfaction names no service area
        assertNull(s4.get("decision"));

        // who may see and decide
        assertEquals(404, api.get(path, api.demo("client")).status());
        assertEquals(200, api.get(path, v.auditor).status());
        assertEquals(403, api.get(path, v.shopper).status());
        Map<String, Object> ok = Map.of("itemCode", "S4", "decision", "CHECK_ON_SITE",
                "note", "夜间门岗复核 / check the gate at night");
        TestApi.Res byAuditor = decide(v.auditor, ok, "en");
        assertEquals(403, byAuditor.status(), byAuditor.raw());
        assertEquals(404, decide(api.demo("client"), ok, "en").status());

        // validation, in both languages, naming the field
        TestApi.Res blankEn = decide(v.lead, Map.of("itemCode", "S4", "decision", "ACCEPT", "note", " "), "en");
        assertEquals(400, blankEn.status(), blankEn.raw());
        assertEquals(List.of("note"), blankEn.problemFields());
        TestApi.Res blankZh = decide(v.lead, Map.of("itemCode", "S4", "decision", "ACCEPT", "note", " "), "zh-CN");
        assertEquals(400, blankZh.status());
        assertFalse(blankEn.raw().equals(blankZh.raw()));
        assertTrue(blankZh.raw().matches("(?s).*[\\u4e00-\\u9fff].*"), blankZh.raw());
        TestApi.Res tooLong = decide(v.lead, Map.of("itemCode", "S4", "decision", "ACCEPT", "note", "x".repeat(2001)), "en");
        assertEquals(400, tooLong.status());
        assertEquals(List.of("note"), tooLong.problemFields());
        TestApi.Res notLow = decide(v.lead, Map.of("itemCode", "P12", "decision", "ACCEPT", "note", "n"), "zh-CN");
        assertEquals(400, notLow.status(), notLow.raw());
        assertEquals(List.of("itemCode"), notLow.problemFields());
        assertTrue(notLow.raw().contains("P12"), notLow.raw());
        TestApi.Res badDecision = decide(v.lead, Map.of("itemCode", "S4", "decision", "IGNORE", "note", "n"), "en");
        assertEquals(400, badDecision.status(), badDecision.raw());

        // a decision, then a later one superseding it; both stay
        TestApi.Res first = decide(v.lead, Map.of("itemCode", "S4", "decision", "ENLARGE_SAMPLE",
                "note", "样本太小 / sample too small"), "en");
        assertEquals(201, first.status(), first.raw());
        TestApi.Res second = decide(v.lead, ok, "en");
        assertEquals(201, second.status(), second.raw());
        Map<String, Object> after = items(api.get(path, v.lead).map(), "S4");
        Map<String, Object> current = (Map<String, Object>) after.get("decision");
        assertEquals("CHECK_ON_SITE", current.get("decision"));
        assertNotNull(current.get("decidedByName"));
        assertNotNull(current.get("decidedAt"));
        assertEquals(List.of("CHECK_ON_SITE", "ENLARGE_SAMPLE"), ((List<Map<String, Object>>) after.get("history"))
                .stream().map(d -> d.get("decision")).toList());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> items(Map<String, Object> review, String code) {
        return ((List<Map<String, Object>>) review.get("items")).stream().filter(i -> code.equals(i.get("itemCode")))
                .findFirst().orElseThrow();
    }
}
