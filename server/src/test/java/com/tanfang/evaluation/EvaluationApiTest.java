package com.tanfang.evaluation;

import static com.tanfang.SheetJson.itemResult;
import static com.tanfang.SheetJson.row;
import com.tanfang.MutableClock;
import com.tanfang.TestApi;
import com.tanfang.VisitFixture;
import com.tanfang.scoring.Fraction;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The evaluation sheet end to end on its own project (VisitFixture / SurveyFixture): two shoppers, three approved
 * visits rating P2, one returned visit that does not count, a survey campaign with responses; figures against a
 * hand computation.
 */
@MicronautTest(transactional = false)
class EvaluationApiTest {
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
        v = new VisitFixture(api, server.getURL().toString(), json);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A covert visit by the rater, every script item answered 1 (Likert 1, or yes) except P2; submitted. */
    private long submittedVisit(String token, long raterId, int p2) {
        long visitId = v.visitInProgress(token, raterId);
        int version = v.version(visitId, token);
        for (String code : v.scriptItems(visitId, token)) {
            TestApi.Res r = v.answer(visitId, token, code, code.equals("P2") ? p2 : 1, "ok", version);
            assertEquals(200, r.status(), r.raw());
        }
        TestApi.Res s = api.post("/api/v1/visits/" + visitId + "/submit", token, Map.of("visitVersion", version));
        assertEquals(200, s.status(), s.raw());
        return visitId;
    }

    private void approve(long visitId) {
        TestApi.Res r = api.post("/api/v1/visits/" + visitId + "/approve", v.lead, Map.of());
        assertEquals(200, r.status(), r.raw());
    }



    @SuppressWarnings("unchecked")
    private static String exact(Object fraction) {
        return fraction == null ? null : (String) ((Map<String, Object>) fraction).get("exact");
    }

    @Test
    @SuppressWarnings("unchecked")
    void sheetHoldsApprovedVisitsAndTheSurveyAndMatchesAHandComputation() {
        String shopperB = api.newUser("shopperb" + System.nanoTime(), "SHOPPER", null);
        v.f.addMember(shopperB);
        long shopperBId = v.id(shopperB);

        // shopper A: P2 answered 5 and 4 on two visits, shopper B: 2 on one; B's fourth visit is returned
        long a1 = submittedVisit(v.shopper, v.shopperId, 5);
        long a2 = submittedVisit(v.shopper, v.shopperId, 4);
        long b1 = submittedVisit(shopperB, shopperBId, 2);
        long returned = submittedVisit(shopperB, shopperBId, 1);
        approve(a1);
        approve(a2);
        approve(b1);
        TestApi.Res back = api.post("/api/v1/visits/" + returned + "/return", v.lead,
                Map.of("comments", List.of(Map.of("itemCode", "P2", "text", "再看看 / look again"))));
        assertEquals(200, back.status(), back.raw());

        // survey: three online responses answering every question 5, 4, 4
        v.f.submitOnline(0, 5, null);
        v.f.submitOnline(0, 4, null);
        v.f.submitOnline(0, 4, null);

        TestApi.Res res = api.get("/api/v1/projects/" + v.projectId + "/evaluation", v.lead);
        assertEquals(200, res.status(), res.raw());
        Map<String, Object> sheet = res.map();
        assertEquals(3, ((Number) sheet.get("approvedVisits")).intValue());

        // P2: three ratings from the approved visits, none from the returned one
        Map<String, Object> p2 = row(sheet, "P2");
        List<Map<String, Object>> ratings = (List<Map<String, Object>>) p2.get("ratings");
        assertEquals(List.of(a1, a2, b1), ratings.stream().map(r -> ((Number) r.get("visitId")).longValue()).sorted().toList());
        assertFalse(ratings.stream().anyMatch(r -> ((Number) r.get("visitId")).longValue() == returned));
        for (Map<String, Object> r : ratings) {
            assertNotNull(r.get("answerId"));
            assertEquals("COVERT", r.get("mode"));
        }
        // by hand: LINEAR (answer-1)/4; A: (1 + 0.75) / 2 = 0.875, B: 0.25; mean over raters 0.5625 = 9/16;
        // P2 is worth 5 points: 45/16 (a flat mean over the three ratings would give 2/3)
        Map<String, Object> p2Result = itemResult(sheet, "P2");
        assertEquals("9/16", exact(p2Result.get("coefficient")));
        assertEquals("45/16", exact(p2Result.get("achieved")));
        assertEquals(3, ((Number) p2Result.get("ratings")).intValue());
        assertEquals(2, ((Number) p2Result.get("raters")).intValue());

        // survey items: the campaign's merged score, exactly as its results screen shows it
        Map<String, Object> results = v.f.results();
        Map<String, Object> source = (Map<String, Object>) sheet.get("survey");
        assertEquals(v.f.campaignId, ((Number) source.get("campaignId")).longValue());
        assertEquals(3, ((Number) source.get("responses")).longValue());
        assertEquals(Boolean.FALSE, source.get("closed"));
        Fraction expected = Fraction.ZERO;
        Fraction surveyPoints = Fraction.ZERO;
        Fraction yesNoVisitPoints = Fraction.ZERO;
        List<String> script = v.scriptItems(a1, v.shopper);
        List<String> expectedMissing = new java.util.ArrayList<>();
        int surveyItems = 0;
        for (Map<String, Object> item : (List<Map<String, Object>>) sheet.get("items")) {
            if (Boolean.TRUE.equals(item.get("bonus"))) {
                continue;
            }
            String name = (String) item.get("name");
            Fraction points = Fraction.of(new java.math.BigDecimal(item.get("points").toString()));
            List<String> methods = (List<String>) item.get("methods");
            boolean visited = script.contains(name);
            boolean surveyed = methods.contains("CUSTOMER_SURVEY");
            if (surveyed) {
                surveyItems++;
                Map<String, Object> s = (Map<String, Object>) item.get("survey");
                assertNotNull(s, name);
                Map<String, Object> q = ((List<Map<String, Object>>) results.get("questions")).stream()
                        .filter(x -> name.equals(x.get("itemCode"))).findFirst().orElseThrow();
                Map<String, Object> merged = (Map<String, Object>) ((Map<String, Object>) q.get("all")).get("merged");
                assertEquals(merged.get("score").toString(), s.get("score").toString(), name);
                assertEquals(merged.get("scoreLow").toString(), s.get("scoreLow").toString(), name);
                assertEquals(merged.get("scoreHigh").toString(), s.get("scoreHigh").toString(), name);
                assertEquals(3, ((Number) s.get("answered")).intValue(), name);
                // (1 + 0.75 + 0.75) / 3
                assertEquals("5/6", s.get("coefficient"), name);
                assertEquals("5/6", exact(itemResult(sheet, name).get("coefficient")), name);
                surveyPoints = surveyPoints.add(points);
            } else if (visited && !name.equals("P2") && "YES_NO".equals(item.get("answerType"))) {
                yesNoVisitPoints = yesNoVisitPoints.add(points);
            }
            boolean missing = !visited && !surveyed;
            assertEquals(missing, item.get("missing"), name);
            if (missing) {
                expectedMissing.add(name);
            }
        }
        assertTrue(surveyItems > 0);
        assertFalse(expectedMissing.isEmpty(), "the open-inspection-only items have no evidence yet");
        // total = Σ achieved / applicable (every item, missing ones at 0) × 100 full marks; the visits' other items
        // were answered 1: Likert 1 → 0, yes → 1
        expected = Fraction.of(45, 16).add(yesNoVisitPoints).add(surveyPoints.multiply(Fraction.of(5, 6)));
        Map<String, Object> result = (Map<String, Object>) sheet.get("result");
        assertEquals(expected.toString(), exact(result.get("total")));
        assertEquals(expectedMissing, result.get("missingItems"));
        assertEquals(expectedMissing.size(), ((Number) sheet.get("missingCount")).intValue());
        assertEquals(Boolean.TRUE, sheet.get("provisional"));
        assertEquals(List.of("MISSING_ITEMS", "SURVEY_IN_FIELDWORK"), sheet.get("provisionalReasons"));
        assertEquals(Boolean.FALSE, result.get("complete"));
        // the arithmetic is the engine's, in the caller's language
        String p2Lines = p2Result.get("explanation").toString();
        assertTrue(p2Lines.contains("0.5625"), p2Lines);
        TestApi.Res zh = api.send("GET", "/api/v1/projects/" + v.projectId + "/evaluation", v.lead, null,
                Map.of("Accept-Language", "zh-CN"));
        assertTrue(zh.raw().contains("分"), "explanations in Chinese");
    }

    @Test
    @SuppressWarnings("unchecked")
    void photosOfAnApprovedVisitAreLinkedAndTheClosedCampaignCounts() {
        long visitId = v.visitInProgress(v.shopper, v.shopperId);
        int version = v.version(visitId, v.shopper);
        byte[] photo = VisitFixture.jpeg("evaluation-" + System.nanoTime());
        TestApi.Res up = v.photo(visitId, v.shopper, UUID.randomUUID(), photo, VisitFixture.sha256(photo), version,
                "P2", "image/jpeg");
        assertEquals(200, up.status(), up.raw());
        long photoId = ((Number) ((Map<String, Object>) up.map().get("photo")).get("id")).longValue();
        version = v.version(visitId, v.shopper);
        for (String code : v.scriptItems(visitId, v.shopper)) {
            assertEquals(200, v.answer(visitId, v.shopper, code, 1, "ok", version).status());
        }
        assertEquals(200, api.post("/api/v1/visits/" + visitId + "/submit", v.shopper,
                Map.of("visitVersion", version)).status());
        Map<String, Object> before = api.get("/api/v1/projects/" + v.projectId + "/evaluation", v.lead).map();
        assertTrue(((List<?>) row(before, "P2").get("ratings")).isEmpty(), "a submitted visit is not yet evidence");
        approve(visitId);

        v.f.submitOnline(0, 5, null);
        v.f.closeNow(clock);
        Map<String, Object> sheet = api.get("/api/v1/projects/" + v.projectId + "/evaluation", v.lead).map();
        List<Map<String, Object>> ratings = (List<Map<String, Object>>) row(sheet, "P2").get("ratings");
        assertEquals(1, ratings.size());
        assertEquals(List.of(photoId), ((List<Number>) ratings.get(0).get("photoIds")).stream()
                .map(Number::longValue).toList());
        Map<String, Object> source = (Map<String, Object>) sheet.get("survey");
        assertEquals(Boolean.TRUE, source.get("closed"));
        assertEquals(List.of("MISSING_ITEMS"), sheet.get("provisionalReasons"));
    }

    @Test
    void onlyTheTeamsReviewersReadTheSheet() {
        String path = "/api/v1/projects/" + v.projectId + "/evaluation";
        assertEquals(200, api.get(path, v.auditor).status(), "an auditor on the team");
        // the client of the very organisation evaluated: 404 until results are released (a later part)
        assertEquals(404, api.get(path, api.demo("client")).status());
        // an auditor not on this project's team
        assertEquals(404, api.get(path, api.demo("auditor2")).status());
        // a shopper of the team: raters do not read each other's ratings
        assertEquals(403, api.get(path, v.shopper).status());
        assertEquals(404, api.get("/api/v1/projects/999999999/evaluation", v.lead).status());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aProjectWithoutEvidenceListsEveryItemMissing() {
        Map<String, Object> sheet = api.get("/api/v1/projects/" + v.projectId + "/evaluation", v.lead).map();
        List<Map<String, Object>> items = (List<Map<String, Object>>) sheet.get("items");
        long scored = items.stream().filter(i -> !Boolean.TRUE.equals(i.get("bonus"))).count();
        assertEquals(scored, ((Number) sheet.get("missingCount")).longValue());
        assertEquals(Boolean.TRUE, sheet.get("provisional"));
        Map<String, Object> source = (Map<String, Object>) sheet.get("survey");
        assertEquals(v.f.campaignId, ((Number) source.get("campaignId")).longValue(), "the open campaign counts");
        assertNull(row(sheet, "P2").get("survey"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDemoProjectsSheetShowsItsApprovedInspectionsAndTheSurvey() {
        // read-only: the demo's current estate project, as the demo lead sees it
        Map<String, Object> project = api.get("/api/v1/projects", v.lead).list().stream()
                .filter(p -> "锦绣花园物业服务认证 2026 年度监督评价".equals(p.get("title"))).findFirst().orElseThrow();
        Map<String, Object> sheet = api.get("/api/v1/projects/" + project.get("id") + "/evaluation", v.lead).map();
        long rated = ((List<Map<String, Object>>) sheet.get("items")).stream()
                .filter(i -> !((List<?>) i.get("ratings")).isEmpty()).count();
        long surveyed = ((List<Map<String, Object>>) sheet.get("items")).stream()
                .filter(i -> i.get("survey") != null && ((Map<String, Object>) i.get("survey")).get("coefficient") != null)
                .count();
        System.out.printf("demo sheet: %d items rated by visits, %d by the survey, %d missing, total %s, %s%n", rated,
                surveyed, ((Number) sheet.get("missingCount")).intValue(),
                exact(((Map<String, Object>) sheet.get("result")).get("total")), sheet.get("provisionalReasons"));
        // both copies of the approved inspection, and the approved copy of the plan whose other copy was returned
        assertEquals(3, ((Number) sheet.get("approvedVisits")).intValue());
        assertTrue(rated > 0);
        assertTrue(surveyed > 0);
        assertEquals(Boolean.TRUE, sheet.get("provisional"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRaterOfTheOtherCopyDoesNotSeeAnApprovedCopyBeforeItSubmitsItsOwn() {
        Map<String, Object> plan = v.plan("OPEN", Map.of("raters", 2, "raterIds", List.of(v.auditorId, v.shopperId)));
        long a = VisitFixture.visitId(plan, 1);
        long b = VisitFixture.visitId(plan, 2);
        for (long[] pair : new long[][]{{a, 0}, {b, 1}}) {
            String token = pair[1] == 0 ? v.auditor : v.shopper;
            assertEquals(200, api.post("/api/v1/visits/" + pair[0] + "/check-in", token,
                    Map.of("deviceAt", java.time.Instant.now().toString())).status());
            v.answerAll(pair[0], token);
        }
        assertEquals(200, api.post("/api/v1/visits/" + b + "/submit", v.shopper,
                Map.of("visitVersion", v.version(b, v.shopper))).status());
        approve(b);
        String path = "/api/v1/projects/" + v.projectId + "/evaluation";
        Map<String, Object> auditorSees = api.get(path, v.auditor).map();
        assertEquals(0, ((Number) auditorSees.get("approvedVisits")).intValue());
        assertEquals(1, ((Number) auditorSees.get("hiddenVisits")).intValue());
        assertTrue(((List<Map<String, Object>>) auditorSees.get("items")).stream()
                .allMatch(i -> ((List<?>) i.get("ratings")).isEmpty()), "nothing of the partner's copy");
        Map<String, Object> leadSees = api.get(path, v.lead).map();
        assertEquals(1, ((Number) leadSees.get("approvedVisits")).intValue());
        assertEquals(0, ((Number) leadSees.get("hiddenVisits")).intValue());
        // once the auditor has submitted its own copy, the approved partner copy is on its sheet too
        assertEquals(200, api.post("/api/v1/visits/" + a + "/submit", v.auditor,
                Map.of("visitVersion", v.version(a, v.auditor))).status());
        assertEquals(1, ((Number) api.get(path, v.auditor).map().get("approvedVisits")).intValue());
    }
}
