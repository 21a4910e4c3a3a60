package com.tanfang.evaluation.reconciliation;

import static com.tanfang.SheetJson.itemResult;
import static com.tanfang.SheetJson.row;
import com.tanfang.MutableClock;
import com.tanfang.TestApi;
import com.tanfang.VisitFixture;
import com.tanfang.scoring.Fraction;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two raters reconciled, end to end on an own project (VisitFixture): one two-rater open inspection by the demo
 * auditor and shopper, every item answered alike (1) except a Likert item 5 against 2 (beyond the tolerance), a
 * second Likert item 2 against 1 (within) and a yes/no item yes against no (beyond). Figures by hand.
 */
@MicronautTest(transactional = false)
class ReconciliationApiTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    MutableClock clock;
    @Inject
    JdbcOperations jdbc;
    TestApi api;
    VisitFixture v;
    long first;
    long second;
    long planId;
    String likertApart;
    String likertClose;
    String yesNo;
    List<String> likertItems = new ArrayList<>();
    List<String> yesNoItems = new ArrayList<>();

    @BeforeEach
    void setUp() {
        api = new TestApi(server.getURL(), json);
        v = new VisitFixture(api, server.getURL().toString(), json);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String path(String tail) {
        return "/api/v1/projects/" + v.projectId + "/evaluation" + tail;
    }

    /** The plan; {@code approveSecond}: whether the shopper's copy is approved too (else only submitted). */
    @SuppressWarnings("unchecked")
    private void twoRaterPlan(boolean approveSecond) {
        Map<String, Object> plan = v.plan("OPEN", Map.of("raters", 2, "raterIds", List.of(v.auditorId, v.shopperId)));
        planId = ((Number) plan.get("planId")).longValue();
        first = VisitFixture.visitId(plan, 1);
        second = VisitFixture.visitId(plan, 2);
        Map<String, Object> sheet = api.get(path(""), v.lead).map();
        Map<String, String> types = new HashMap<>();
        ((List<Map<String, Object>>) sheet.get("items")).forEach(i -> types.put((String) i.get("name"), (String) i.get("answerType")));
        for (long[] copy : new long[][]{{first, 0}, {second, 1}}) {
            String token = copy[1] == 0 ? v.auditor : v.shopper;
            assertEquals(200, api.post("/api/v1/visits/" + copy[0] + "/check-in", token,
                    Map.of("deviceAt", Instant.now().toString())).status());
            int version = v.version(copy[0], token);
            List<String> script = v.scriptItems(copy[0], token);
            if (likertItems.isEmpty()) {
                script.stream().filter(c -> "LIKERT_5".equals(types.get(c))).forEach(likertItems::add);
                script.stream().filter(c -> "YES_NO".equals(types.get(c))).forEach(yesNoItems::add);
                assertEquals(script.size(), likertItems.size() + yesNoItems.size(), "the open script: Likert and yes/no");
                likertApart = likertItems.get(0);
                likertClose = likertItems.get(1);
                yesNo = yesNoItems.get(0);
            }
            for (String code : script) {
                int value = code.equals(likertApart) ? (copy[1] == 0 ? 5 : 2)
                        : code.equals(likertClose) ? (copy[1] == 0 ? 2 : 1)
                        : code.equals(yesNo) ? (copy[1] == 0 ? 1 : 0) : 1;
                TestApi.Res r = v.answer(copy[0], token, code, value, "ok", version);
                assertEquals(200, r.status(), r.raw());
            }
            assertEquals(200, api.post("/api/v1/visits/" + copy[0] + "/submit", token,
                    Map.of("visitVersion", version)).status());
        }
        approve(first);
        if (approveSecond) {
            approve(second);
        }
    }

    private void approve(long visitId) {
        TestApi.Res r = api.post("/api/v1/visits/" + visitId + "/approve", v.lead, Map.of());
        assertEquals(200, r.status(), r.raw());
    }

    private TestApi.Res reconcile(String token, Map<String, Object> body) {
        Map<String, Object> b = new HashMap<>(Map.of("planId", planId));
        b.putAll(body);
        return api.post(path("/reconciliations"), token, b);
    }



    @SuppressWarnings("unchecked")
    private static Fraction exact(Object fraction) {
        return Fraction.parse((String) ((Map<String, Object>) fraction).get("exact"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> differences(Map<String, Object> row) {
        return (List<Map<String, Object>>) row.get("differences");
    }

    @Test
    @SuppressWarnings("unchecked")
    void reconciliationKeepsOriginalsAndTheSheetScoresTheConfirmedRating() {
        twoRaterPlan(true);
        Map<String, Object> before = api.get(path(""), v.lead).map();
        Map<String, Object> apart = row(before, likertApart);
        assertEquals(Boolean.TRUE, apart.get("toReconcile"));
        Map<String, Object> pair = differences(apart).get(0);
        assertEquals(0, new BigDecimal("3").compareTo(new BigDecimal(pair.get("gap").toString())));
        assertEquals(Boolean.TRUE, pair.get("beyondTolerance"));
        assertNull(pair.get("reconciliation"));
        assertEquals("auditor", ((Map<String, Object>) pair.get("first")).get("rater"));
        // one Likert step apart is within the tolerance; any yes/no difference is not
        assertEquals(Boolean.FALSE, row(before, likertClose).get("toReconcile"));
        assertTrue(differences(row(before, likertClose)).isEmpty());
        assertEquals(Boolean.TRUE, row(before, yesNo).get("toReconcile"));
        // without a reconciliation the scheme's rule: mean over raters, LINEAR (5 → 1, 2 → 1/4): 5/8
        Fraction points = Fraction.of(new BigDecimal(apart.get("points").toString()));
        assertEquals(Fraction.of(5, 8), exact(itemResult(before, likertApart).get("coefficient")));

        TestApi.Res done = reconcile(v.lead, Map.of("itemCode", likertApart, "value", 4,
                "reason", "两人复看照片后确认 4 分 / both looked at the photo again: 4"));
        assertEquals(201, done.status(), done.raw());
        Map<String, Object> confirmed = done.map();
        assertEquals(likertApart, confirmed.get("itemCode"));
        assertEquals(0, BigDecimal.valueOf(4).compareTo(new BigDecimal(confirmed.get("value").toString())));

        Map<String, Object> after = api.get(path(""), v.lead).map();
        Map<String, Object> apartAfter = row(after, likertApart);
        assertEquals(Boolean.FALSE, apartAfter.get("toReconcile"));
        Map<String, Object> rec = (Map<String, Object>) differences(apartAfter).get(0).get("reconciliation");
        assertNotNull(rec);
        assertEquals("两人复看照片后确认 4 分 / both looked at the photo again: 4", rec.get("reason"));
        // the originals stay on the sheet and in the visits
        List<Map<String, Object>> ratings = (List<Map<String, Object>>) apartAfter.get("ratings");
        assertEquals(List.of("2", "5"), ratings.stream().map(r -> new BigDecimal(r.get("value").toString())
                .stripTrailingZeros().toPlainString()).sorted().toList());
        assertEquals(before.get("approvedVisits"), after.get("approvedVisits"));
        // the engine on the same ratings with the confirmed one substituted: one rating 4 → 3/4 (by hand)
        Map<String, Object> result = itemResult(after, likertApart);
        assertEquals(Fraction.of(3, 4), exact(result.get("coefficient")));
        assertEquals(points.multiply(Fraction.of(3, 4)), exact(result.get("achieved")));
        assertEquals(1, ((Number) result.get("ratings")).intValue());
        assertEquals(1, ((Number) result.get("raters")).intValue());
        // the total moves by exactly points × (3/4 - 5/8); every other item stays as it was
        Fraction totalBefore = exact(((Map<String, Object>) before.get("result")).get("total"));
        Fraction totalAfter = exact(((Map<String, Object>) after.get("result")).get("total"));
        assertEquals(totalBefore.add(points.multiply(Fraction.of(1, 8))), totalAfter);
        for (String other : likertItems) {
            if (!other.equals(likertApart)) {
                assertEquals(itemResult(before, other).get("achieved"), itemResult(after, other).get("achieved"), other);
            }
        }

        // a later reconciliation of the same pair supersedes; both are listed
        TestApi.Res again = reconcile(v.lead, Map.of("itemCode", likertApart, "value", 3, "reason", "再议 / revisited"));
        assertEquals(201, again.status(), again.raw());
        List<Map<String, Object>> history = api.get(path("/reconciliations"), v.auditor).list();
        assertEquals(2, history.size());
        assertEquals(((Number) again.map().get("id")).longValue(), ((Number) history.get(0).get("supersededBy")).longValue());
        assertNotNull(history.get(0).get("supersededAt"));
        assertNull(history.get(1).get("supersededAt"));
        assertEquals(Fraction.of(1, 2), exact(itemResult(api.get(path(""), v.lead).map(), likertApart).get("coefficient")));
        // the evidence log has both, on the evaluation of the project
        assertEquals(2, evidenceRows());
        // the raters' answers themselves are untouched
        Map<String, Object> visit = api.get("/api/v1/visits/" + first, v.lead).map();
        assertTrue(visit.toString().contains("value=5"), "the auditor's answer is still 5");
    }

    private long evidenceRows() {
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from evidence_log where subject_type = "
                    + "'EVALUATION' and subject_id = ? and action = 'evaluation.reconcile.confirm'")) {
                ps.setLong(1, v.projectId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsWritten() {
        twoRaterPlan(true);
        TestApi.Res offScale = api.send("POST", path("/reconciliations"), v.lead, Map.of("planId", planId,
                "itemCode", likertApart, "value", 7, "reason", "x"), Map.of("Accept-Language", "zh-CN"));
        assertEquals(400, offScale.status(), offScale.raw());
        assertEquals(List.of("value"), offScale.problemFields());
        assertTrue(offScale.raw().contains("1 到 5"), offScale.raw());
        TestApi.Res noReason = reconcile(v.lead, Map.of("itemCode", likertApart, "value", 4));
        assertEquals(400, noReason.status());
        assertEquals(List.of("reason"), noReason.problemFields());
        TestApi.Res tooLong = reconcile(v.lead, Map.of("itemCode", likertApart, "value", 4, "reason", "x".repeat(1001)));
        assertEquals(List.of("reason"), tooLong.problemFields());
        TestApi.Res yesNoOff = reconcile(v.lead, Map.of("itemCode", yesNo, "value", 0.5, "reason", "x"));
        assertEquals(List.of("value"), yesNoOff.problemFields());
        TestApi.Res na = reconcile(v.lead, Map.of("itemCode", likertApart, "notApplicable", true,
                "notApplicableReason", "no lift", "reason", "x"));
        assertEquals(List.of("notApplicable"), na.problemFields(), "the scheme allows no N/A on this item");
        TestApi.Res unknown = reconcile(v.lead, Map.of("itemCode", "NOPE", "value", 1, "reason", "x"));
        assertEquals(List.of("itemCode"), unknown.problemFields());
        TestApi.Res noPlan = api.post(path("/reconciliations"), v.lead, Map.of("itemCode", likertApart, "value", 4, "reason", "x"));
        assertEquals(List.of("planId"), noPlan.problemFields());
        TestApi.Res same = reconcile(v.lead, Map.of("itemCode", likertItems.get(2), "value", 2, "reason", "x"));
        assertEquals(409, same.status(), "both rated 1: nothing to reconcile");
        TestApi.Res stale = reconcile(v.lead, Map.of("itemCode", likertApart, "value", 4, "reason", "x",
                "firstAnswerId", 1, "secondAnswerId", 2));
        assertEquals(409, stale.status(), stale.raw());
        // roles: an auditor of the team, a shopper, the client may not; an unknown project is 404
        assertEquals(403, reconcile(v.auditor, Map.of("itemCode", likertApart, "value", 4, "reason", "x")).status());
        assertEquals(403, reconcile(v.shopper, Map.of("itemCode", likertApart, "value", 4, "reason", "x")).status());
        assertEquals(403, reconcile(api.demo("client"), Map.of("itemCode", likertApart, "value", 4, "reason", "x")).status());
        assertEquals(404, api.post("/api/v1/projects/999999999/evaluation/reconciliations", v.lead,
                Map.of("planId", planId, "itemCode", likertApart, "value", 4, "reason", "x")).status());
        // a LEAD on the team who is not this project's lead
        String otherLead = api.newUser("reclead" + System.nanoTime(), "LEAD", null);
        v.f.addMember(otherLead);
        TestApi.Res notLead = reconcile(otherLead, Map.of("itemCode", likertApart, "value", 4, "reason", "x"));
        assertEquals(403, notLead.status(), notLead.raw());
        assertEquals(0, evidenceRows());
        assertTrue(api.get(path("/reconciliations"), v.lead).list().isEmpty());
        assertEquals(404, api.get(path("/reconciliations"), api.demo("client")).status());
    }

    @Test
    void aPairNeedsBothCopiesApproved() {
        twoRaterPlan(false);
        Map<String, Object> sheet = api.get(path(""), v.lead).map();
        assertEquals(Boolean.FALSE, row(sheet, likertApart).get("toReconcile"));
        assertTrue(differences(row(sheet, likertApart)).isEmpty());
        TestApi.Res r = reconcile(v.lead, Map.of("itemCode", likertApart, "value", 4, "reason", "x"));
        assertEquals(409, r.status(), r.raw());
        assertEquals(0, ((Number) api.get(path("/agreement"), v.lead).map().get("pairs")).intValue());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> group(Map<String, Object> report, String level, String type) {
        return ((List<Map<String, Object>>) report.get("groups")).stream()
                .filter(g -> level.equals(g.get("level")) && type.equals(g.get("answerType"))).findFirst()
                .orElseThrow(() -> new AssertionError(level + " " + type));
    }

    @SuppressWarnings("unchecked")
    private static double value(Map<String, Object> group, String statistic) {
        return ((Number) ((Map<String, Object>) group.get(statistic)).get("value")).doubleValue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void agreementAgainstAHandComputation() {
        twoRaterPlan(true);
        assertEquals(201, reconcile(v.lead, Map.of("itemCode", likertApart, "value", 5, "reason", "照片为证 / the photo")).status());
        Map<String, Object> report = api.get(path("/agreement"), v.auditor).map();
        int k = likertItems.size();
        int j = yesNoItems.size();
        assertEquals(k + j, ((Number) report.get("pairs")).intValue());
        assertEquals(2, ((Number) report.get("beyondTolerance")).intValue());
        assertEquals(1, ((Number) report.get("reconciled")).intValue());

        // Likert: pairs (5,2), (2,1) and m = k-2 times (1,1); quadratic weights 1 - d²/16
        Map<String, Object> likert = group(report, "PROJECT", "LIKERT_5");
        assertEquals(k, ((Number) likert.get("pairs")).intValue());
        Map<String, Object> within = (Map<String, Object>) likert.get("withinTolerance");
        assertEquals(k - 1, ((Number) within.get("agreeing")).intValue());
        assertEquals(k - 2, ((Number) ((Map<String, Object>) likert.get("exact")).get("agreeing")).intValue());
        double m = k - 2;
        double pa = (22.0 / 16 + m) / k;
        double pe = (m * (m + 1) + (2 * m + 1) * 15.0 / 16 + 1 + 7.0 / 16) / ((double) k * k);
        Map<String, Object> stat = (Map<String, Object>) likert.get("statistic");
        assertEquals("QUADRATIC_KAPPA", stat.get("kind"));
        assertEquals((pa - pe) / (1 - pe), value(likert, "statistic"), 1e-4);
        if (k == 7) {
            assertEquals(23.0 / 58, value(likert, "statistic"), 1e-4); // the script of the property scheme
        }
        assertNotNull(stat.get("low"));
        assertEquals("GWET_AC2", ((Map<String, Object>) likert.get("gwet")).get("kind"));

        // yes/no: one (yes, no) and j-1 (yes, yes): kappa's pe = pa, so kappa 0; AC1's pe = 2 π_yes π_no
        Map<String, Object> yn = group(report, "PROJECT", "YES_NO");
        double pa2 = (j - 1.0) / j;
        double piNo = 1.0 / (2 * j);
        double pe2 = 2 * (1 - piNo) * piNo;
        assertEquals(0, value(yn, "statistic"), 1e-4);
        assertEquals((pa2 - pe2) / (1 - pe2), value(yn, "gwet"), 1e-4);

        Map<String, Object> raters = group(report, "RATER_PAIR", "LIKERT_5");
        assertEquals("auditor", raters.get("firstRater"));
        assertEquals("shopper", raters.get("secondRater"));
        assertTrue(((List<Map<String, Object>>) report.get("groups")).stream().anyMatch(g -> "PART".equals(g.get("level"))));

        // every difference: the two beyond tolerance and the one within
        List<Map<String, Object>> diffs = (List<Map<String, Object>>) report.get("differences");
        assertEquals(3, diffs.size());
        assertTrue(diffs.stream().anyMatch(d -> likertClose.equals(d.get("itemCode"))));
        // the lead confirmed the auditor's 5: the shopper's rating was changed, the auditor's not
        List<Map<String, Object>> changes = (List<Map<String, Object>>) report.get("changeRates");
        Map<String, Object> auditor = changes.stream().filter(c -> "auditor".equals(c.get("rater"))).findFirst().orElseThrow();
        Map<String, Object> shopper = changes.stream().filter(c -> "shopper".equals(c.get("rater"))).findFirst().orElseThrow();
        assertEquals(0, ((Number) auditor.get("changed")).intValue());
        assertEquals(1, ((Number) shopper.get("changed")).intValue());
        assertEquals(k + j, ((Number) shopper.get("ratings")).intValue());

        assertEquals(404, api.get(path("/agreement"), api.demo("client")).status());
        assertEquals(403, api.get(path("/agreement"), v.shopper).status());
        assertEquals(404, api.get(path("/agreement"), api.demo("auditor2")).status(), "not on the team");
        assertFalse(report.isEmpty());
    }
}
