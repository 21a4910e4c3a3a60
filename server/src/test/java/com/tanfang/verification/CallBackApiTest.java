package com.tanfang.verification;

import com.tanfang.sampling.CallBackSampler;

import com.tanfang.MutableClock;
import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import com.tanfang.survey.intake.PhonePurge;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Call-back verification end to end through HTTP on the real database. */
@MicronautTest(transactional = false)
class CallBackApiTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    javax.sql.DataSource dataSource;
    @Inject
    MutableClock clock;
    @Inject
    PhonePurge purge;
    TestApi api;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @BeforeEach
    void setUp() {
        api = new TestApi(server.getURL(), json);
    }

    /** A campaign open a minute ago; responses are submitted, then {@link #close} ends it. */
    private SurveyFixture open() {
        return SurveyFixture.openNow(api);
    }

    private static Connection connection(javax.sql.DataSource dataSource) throws SQLException {
        return io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
    }

    private long evidence(long campaignId, String action) throws SQLException {
        try (Connection c = connection(dataSource);
             var st = c.prepareStatement("""
                     select count(*) from evidence_log where action = ?
                       and ((subject_type = 'CAMPAIGN' and subject_id = ?) or (detail ->> 'campaignId')::bigint = ?)""")) {
            st.setString(1, action);
            st.setLong(2, campaignId);
            st.setLong(3, campaignId);
            var rs = st.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String phone(int i) {
        return "139" + String.format("%08d", 10_000_000 + i);
    }

    private TestApi.Res draw(SurveyFixture f, Map<String, Object> body) {
        return api.post("/api/v1/campaigns/" + f.campaignId + "/callback/draws", f.lead, body);
    }

    private Map<String, Object> overview(SurveyFixture f) {
        return api.get("/api/v1/campaigns/" + f.campaignId + "/callback", f.lead).map();
    }

    private Map<String, Object> report(SurveyFixture f) {
        TestApi.Res r = api.get("/api/v1/campaigns/" + f.campaignId + "/callback/report", f.lead);
        assertEquals(200, r.status(), r.raw());
        return r.map();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        return (List<Map<String, Object>>) m.get(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    private static long id(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    private static List<Long> ids(Object list) {
        return ((List<?>) list).stream().map(o -> ((Number) o).longValue()).toList();
    }

    /** Records an outcome the way a verifier works: the number is shown (and logged) first, then the call. */
    private TestApi.Res attempt(long itemId, String token, String outcome) {
        api.post("/api/v1/callbacks/items/" + itemId + "/reveal", token, null);
        return api.post("/api/v1/callbacks/items/" + itemId + "/attempts", token, Map.of("outcome", outcome));
    }

    @Test
    void theRevealedSeedAndTheEligibleSetReproduceTheSample() throws Exception {
        SurveyFixture f = open();
        Map<Long, List<Long>> eligible = new TreeMap<>();
        int[] perPoint = {12, 5, 3};
        int n = 0;
        for (int p = 0; p < perPoint.length; p++) {
            for (int i = 0; i < perPoint[p]; i++) {
                eligible.computeIfAbsent(f.pointId(p), x -> new ArrayList<>()).add(f.submitOnline(p, 4, phone(n++)));
            }
        }
        f.submitOnline(2, 3, null);
        f.submitOnline(2, 3, null);
        long excluded = f.submitOnline(1, 2, phone(n++));
        assertEquals(204, api.post("/api/v1/campaigns/" + f.campaignId + "/responses/" + excluded + "/exclusion",
                f.lead, Map.of("reason", "test")).status());
        assertEquals(400, draw(f, Map.of()).status(), "still open: a cut-off is needed");
        f.closeNow(clock);

        TestApi.Res drawn = draw(f, Map.of());
        assertEquals(201, drawn.status(), drawn.raw());
        Map<String, Object> d = map(drawn.map(), "draw");
        String seed = (String) d.get("seed");
        String commitment = (String) api.get("/api/v1/campaigns/" + f.campaignId, f.lead).map().get("callbackSeedSha256");
        assertEquals(commitment, CallBackSampler.commitment(seed), "the revealed seed matches the commitment");
        assertEquals(20, ((Number) d.get("eligible")).intValue());
        assertEquals(2, ((Number) d.get("onlineWithoutPhone")).intValue());

        CallBackSampler.Draw expected = CallBackSampler.draw(seed, eligible, new BigDecimal("0.10"));
        Map<String, Object> report = report(f);
        List<Map<String, Object>> points = list(report, "points");
        assertEquals(3, points.size());
        for (Map<String, Object> p : points) {
            CallBackSampler.StratumDraw s = expected.strata().get(id(p, "pointId"));
            assertEquals(s.sample(), ids(p.get("sampleIds")), "sample of point " + p.get("pointId"));
            assertEquals(s.reserve(), ids(p.get("reserveIds")), "reserve of point " + p.get("pointId"));
        }
        // 20 eligible at 10 %: T = 2; quotas 1.2, 0.5, 0.3 → 1 + 1 (largest remainder), then at least one → 3.
        assertEquals(List.of(1, 1, 1), points.stream().map(p -> ((Number) p.get("sample")).intValue()).toList());
        assertEquals(expected.sampleSize(), list(drawn.map(), "items").size());
        assertEquals(1, evidence(f.campaignId, "callback.drawn"));
    }

    @Test
    void aDrawnSampleIsFrozenAndARedrawNeedsAReasonAndKeepsBoth() throws Exception {
        SurveyFixture f = open();
        for (int i = 0; i < 10; i++) {
            f.submitOnline(i % 2, 4, phone(100 + i));
        }
        f.closeNow(clock);
        long first = id(map(draw(f, Map.of()).map(), "draw"), "id");
        TestApi.Res again = draw(f, Map.of());
        assertEquals(409, again.status());
        assertEquals(List.of("reason"), again.problemFields());
        TestApi.Res redraw = draw(f, Map.of("rate", 0.5, "reason", "rate agreed with the client was 50 %"));
        assertEquals(201, redraw.status(), redraw.raw());
        long second = id(map(redraw.map(), "draw"), "id");
        List<Map<String, Object>> history = list(overview(f), "history");
        assertEquals(2, history.size());
        assertEquals(first, id(history.get(0), "id"));
        assertEquals(false, history.get(0).get("active"));
        assertEquals(second, id(history.get(0), "supersededBy"));
        assertEquals(true, history.get(1).get("active"));
        assertEquals("rate agreed with the client was 50 %", history.get(1).get("reason"));
        assertEquals(5, ((Number) history.get(1).get("sampleSize")).intValue());
        assertEquals(1, evidence(f.campaignId, "callback.redrawn"));
        assertEquals(1, ((Number) report(f).get("redraws")).intValue());
    }

    @Test
    void anUnreachableRespondentIsReplacedFromTheReserveAndADenialOffersAnEnlargedSample() throws Exception {
        SurveyFixture f = open();
        for (int i = 0; i < 12; i++) {
            f.submitOnline(0, 4, phone(200 + i));
        }
        f.closeNow(clock);
        draw(f, Map.of());
        Map<String, Object> point = list(report(f), "points").get(0);
        List<Long> reserve = ids(point.get("reserveIds"));
        List<Map<String, Object>> items = list(overview(f), "items");
        assertEquals(2, items.size(), "12 eligible at 10 %: ceil(1.2) = 2");
        long first = id(items.get(0), "id");
        for (int i = 1; i <= 2; i++) {
            TestApi.Res r = attempt(first, f.lead, "UNREACHABLE");
            assertEquals(200, r.status(), r.raw());
            assertNull(map(r.map(), "item").get("outcome"), "not yet unreachable after " + i);
        }
        assertEquals(2, list(overview(f), "items").size());
        TestApi.Res third = attempt(first, f.lead, "UNREACHABLE");
        assertEquals("UNREACHABLE", map(third.map(), "item").get("outcome"));
        assertEquals(3, list(third.map(), "attempts").size());
        items = list(overview(f), "items");
        assertEquals(3, items.size());
        Map<String, Object> replacement = items.stream().filter(i -> "REPLACEMENT".equals(i.get("addedAs"))).findFirst().orElseThrow();
        assertEquals(reserve.get(0), id(replacement, "responseId"), "the first reserve response replaces it");
        assertEquals(409, attempt(first, f.lead, "CONFIRMED").status(), "a finished call-back stays finished");
        assertEquals(1, evidence(f.campaignId, "callback.unreachable"));

        // A denial among the two reached (1 of 1 > 5 %) raises the alarm and offers an enlargement of that point.
        long second = id(items.get(1), "id");
        assertEquals(200, attempt(second, f.lead, "DENIED").status());
        Map<String, Object> o = overview(f);
        assertEquals(true, map(o, "progress").get("denialAlarm"));
        assertEquals(List.of(f.pointId(0)), ids(o.get("pointsWithDenials")));
        assertEquals(0, new BigDecimal("0.2").compareTo(new BigDecimal(o.get("suggestedEnlargedRate").toString())));
        assertEquals(1, evidence(f.campaignId, "callback.denial_alarm"));
        TestApi.Res enlarged = api.post("/api/v1/campaigns/" + f.campaignId + "/callback/enlargement", f.lead, Map.of());
        assertEquals(200, enlarged.status(), enlarged.raw());
        List<Map<String, Object>> after = list(enlarged.map(), "items");
        assertEquals(4, after.size(), "20 % of 12: ceil(2.4) = 3 in the sample, plus the replacement");
        Map<String, Object> added = after.stream().filter(i -> "ENLARGEMENT".equals(i.get("addedAs"))).findFirst().orElseThrow();
        assertEquals(reserve.get(1), id(added, "responseId"), "enlargement continues the same order");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDenialExcludesTheResponseAndChangesTheResultsExactly() throws Exception {
        SurveyFixture f = open();
        for (int i = 0; i < 9; i++) {
            f.submitOnline(0, 4, phone(300 + i));
        }
        long fake = f.submitOnline(0, 1, phone(399));
        f.closeNow(clock);
        Map<String, Object> q0 = map(map(list(f.results(), "questions").get(0), "all"), "online");
        assertEquals(3.7, ((Number) q0.get("mean")).doubleValue(), 1e-9);
        assertEquals(201, draw(f, Map.of("rate", 1)).status());
        Map<String, Object> item = list(overview(f), "items").stream().filter(i -> id(i, "responseId") == fake)
                .findFirst().orElseThrow();
        assertEquals(200, attempt(id(item, "id"), f.lead, "DENIED").status());

        Map<String, Object> response = api.get("/api/v1/campaigns/" + f.campaignId + "/responses", f.lead).list().stream()
                .filter(r -> id(r, "id") == fake).findFirst().orElseThrow();
        assertEquals(true, response.get("excluded"));
        assertTrue(((String) response.get("excludedReason")).contains("denies"));
        Map<String, Object> results = f.results();
        assertEquals(9, ((Number) results.get("online")).intValue());
        assertEquals(1, ((Number) results.get("excluded")).intValue());
        Map<String, Object> afterQ0 = map(map(list(results, "questions").get(0), "all"), "online");
        assertEquals(4.0, ((Number) afterQ0.get("mean")).doubleValue(), 1e-9);
        assertEquals(75.0, ((Number) afterQ0.get("score")).doubleValue(), 1e-9, "LINEAR: (4 - 1) / 4");

        Map<String, Object> report = report(f);
        Map<String, Object> before = map(report, "resultsBefore");
        Map<String, Object> after = map(report, "resultsAfter");
        assertEquals(10, ((Number) before.get("online")).intValue());
        assertEquals(0, ((Number) before.get("excluded")).intValue());
        assertEquals(3.7, ((Number) map(map(list(before, "questions").get(0), "all"), "online").get("mean")).doubleValue(), 1e-9);
        assertEquals(67.5, ((Number) map(map(list(before, "questions").get(0), "all"), "online").get("score")).doubleValue(), 1e-9);
        assertEquals(afterQ0, map(map(list(after, "questions").get(0), "all"), "online"));
        assertEquals(List.of(fake), list(report, "excluded").stream().map(e -> id(e, "responseId")).toList());
        Map<String, Object> total = map(report, "total");
        assertEquals(10, ((Number) total.get("called")).intValue());
        assertEquals(1, ((Number) total.get("denied")).intValue());
        assertEquals(9, ((Number) total.get("pending")).intValue());
        Map<String, Object> denial = map(map(report, "progress"), "denialRate");
        assertEquals(100.0, ((Number) denial.get("percent")).doubleValue(), 1e-9);
        assertEquals(1, evidence(f.campaignId, "response.excluded"));

        TestApi.Res csv = api.send("GET", "/api/v1/campaigns/" + f.campaignId + "/callback/report.csv", f.lead, null,
                Map.of("Accept", "text/csv"));
        assertEquals(200, csv.status());
        assertTrue(csv.raw().contains("total,10,10,0,10,0,0,0,1,0,0,9"), csv.raw());
        assertTrue(csv.raw().contains(",67.50,75.00,10,9"), csv.raw());
    }

    @Test
    void onlyTheAssignedVerifierAndALeadRevealANumberAndEveryRevealIsLogged() throws Exception {
        SurveyFixture f = open();
        for (int i = 0; i < 4; i++) {
            f.submitOnline(i, 4, phone(400 + i));
        }
        f.closeNow(clock);
        draw(f, Map.of());
        List<Map<String, Object>> items = list(overview(f), "items");
        assertEquals(4, items.size(), "one per point");
        long item = id(items.get(0), "id");
        String verifier = api.demo("verifier");
        long verifierId = id(api.get("/api/v1/me", verifier).map(), "id");
        String other = api.newUser("verifier-" + System.nanoTime(), "VERIFIER", null);
        f.addMember(other); // on the team, or take-next would never offer it this project's items
        String client = api.demo("client");

        assertEquals(404, api.get("/api/v1/callbacks/items/" + item, verifier).status(), "not assigned yet");
        assertEquals(400, api.put("/api/v1/callbacks/items/" + item + "/assignment", f.lead,
                Map.of("verifierId", id(api.get("/api/v1/me", client).map(), "id"))).status(), "only verifiers");
        TestApi.Res assigned = api.put("/api/v1/callbacks/items/" + item + "/assignment", f.lead, Map.of("verifierId", verifierId));
        assertEquals(200, assigned.status(), assigned.raw());
        Map<String, Object> queue = api.get("/api/v1/callbacks/queue", verifier).map();
        assertTrue(list(queue, "items").stream().anyMatch(i -> id(i, "id") == item));

        TestApi.Res detail = api.get("/api/v1/callbacks/items/" + item, verifier);
        assertEquals(200, detail.status());
        String masked = (String) map(detail.map(), "item").get("maskedPhone");
        assertTrue(masked.matches("139\\*{4}\\d{4}"), masked);
        assertFalse(detail.raw().contains(phone(400)) || detail.raw().contains(phone(401)));
        assertEquals(2, list(detail.map(), "script").size());

        TestApi.Res revealed = api.post("/api/v1/callbacks/items/" + item + "/reveal", verifier, null);
        assertEquals(200, revealed.status(), revealed.raw());
        String number = (String) revealed.map().get("phone");
        assertTrue(number.startsWith("139") && masked.endsWith(number.substring(7)));
        assertEquals("tel:" + number, revealed.map().get("tel"));
        assertEquals(404, api.post("/api/v1/callbacks/items/" + item + "/reveal", other, null).status());
        assertEquals(404, api.get("/api/v1/callbacks/items/" + item, other).status());
        assertEquals(404, attempt(item, other, "CONFIRMED").status());
        assertEquals(403, api.post("/api/v1/callbacks/items/" + item + "/reveal", client, null).status());
        assertEquals(403, api.get("/api/v1/campaigns/" + f.campaignId + "/callback", client).status());
        assertEquals(200, api.post("/api/v1/callbacks/items/" + item + "/reveal", f.lead, null).status());
        assertEquals(2, evidence(f.campaignId, "phone.revealed"), "the verifier's and the lead's reveal");

        TestApi.Res taken = api.post("/api/v1/callbacks/next", other, null);
        assertEquals(200, taken.status(), taken.raw());
        long theirs = id(taken.map(), "id");
        assertNotEquals(item, theirs);
        assertEquals(200, api.post("/api/v1/callbacks/items/" + theirs + "/reveal", other, null).status());
        assertEquals(404, api.post("/api/v1/callbacks/items/" + theirs + "/reveal", verifier, null).status());

        assertEquals(200, attempt(item, verifier, "CONFIRMED").status());
        f.closedDaysAgo(clock, 181); // past the project's 180-day retention
        purge.purge();
        assertEquals(410, api.post("/api/v1/callbacks/items/" + item + "/reveal", verifier, null).status());
        Map<String, Object> afterPurge = api.get("/api/v1/callbacks/items/" + item, verifier).map();
        assertEquals(true, map(afterPurge, "item").get("phonePurged"));
        assertEquals("CONFIRMED", map(afterPurge, "item").get("outcome"), "the outcome stays");
        assertEquals(1, ((Number) map(report(f), "total").get("confirmed")).intValue());
    }

    @Test
    void theDemoHasLastYearsClosedCampaignWithAWorkedCallBackSample() {
        String verifier = api.demo("verifier");
        List<Map<String, Object>> items = list(api.get("/api/v1/callbacks/queue", verifier).map(), "items").stream()
                .filter(i -> "锦绣花园物业服务顾客满意度调查（2025）".equals(i.get("campaignTitleZh"))).toList();
        assertTrue(items.size() >= 20, "about one per stairwell: " + items.size());
        assertEquals(7, items.stream().filter(i -> i.get("outcome") != null).count());
        assertEquals(1, items.stream().filter(i -> "REPLACEMENT".equals(i.get("addedAs"))).count());
        long campaignId = id(items.get(0), "campaignId");
        Map<String, Object> o = api.get("/api/v1/campaigns/" + campaignId + "/callback", api.demo("lead")).map();
        assertEquals("CLOSED", api.get("/api/v1/campaigns/" + campaignId, api.demo("lead")).map().get("state"));
        assertEquals(true, map(o, "progress").get("denialAlarm"));
        Map<String, Object> report = api.get("/api/v1/campaigns/" + campaignId + "/callback/report", api.demo("lead")).map();
        assertEquals(1, list(report, "excluded").size());
        assertEquals(200, api.post("/api/v1/callbacks/items/" + id(items.get(0), "id") + "/reveal", verifier, null).status());
    }

    // ---- issue 9: call-back management a verification team can use ----

    @Test
    void aRateCanBeGivenAsAPercentageAndAFractionAboveOneIsRefusedWithAClearMessage() {
        SurveyFixture f = open();
        for (int i = 0; i < 10; i++) {
            f.submitOnline(0, 4, phone(500 + i));
        }
        f.closeNow(clock);
        TestApi.Res tooLarge = draw(f, Map.of("rate", 10));
        assertEquals(400, tooLarge.status(), tooLarge.raw());
        assertEquals(List.of("rate"), tooLarge.problemFields());
        assertTrue(tooLarge.raw().contains("ratePercent"), "says how to give a percentage: " + tooLarge.raw());
        for (Object bad : List.of(0, 0.5, 101, 12.345)) {
            TestApi.Res r = draw(f, Map.of("ratePercent", bad));
            assertEquals(400, r.status(), bad + ": " + r.raw());
            assertEquals(List.of("ratePercent"), r.problemFields());
            assertTrue(r.raw().contains("callback.rate_percent_range"), r.raw());
        }
        TestApi.Res both = draw(f, Map.of("rate", 0.5, "ratePercent", 50));
        assertEquals(400, both.status(), both.raw());
        TestApi.Res drawn = draw(f, Map.of("ratePercent", 50));
        assertEquals(201, drawn.status(), drawn.raw());
        Map<String, Object> d = map(drawn.map(), "draw");
        assertEquals(0, new BigDecimal("0.5").compareTo(new BigDecimal(d.get("rate").toString())));
        assertEquals(5, ((Number) d.get("sampleSize")).intValue());
        TestApi.Res en = api.send("POST", "/api/v1/campaigns/" + f.campaignId + "/callback/draws", f.lead,
                Map.of("ratePercent", 500, "reason", "x"), Map.of("Accept-Language", "en"));
        assertEquals(400, en.status());
        assertTrue(en.raw().contains("from 1 to 100"), en.raw());
    }

    @Test
    void anEnlargementAddsAtLeastOneRespondentPerPointSaysHowManyAndSaysSoWhenNoneAreLeft() throws Exception {
        SurveyFixture f = open();
        // Point 0: 5 eligible (10 % → 1 by the at-least-one rule, 20 % → 1 again: the old rule added nobody).
        for (int i = 0; i < 5; i++) {
            f.submitOnline(0, 4, phone(600 + i));
        }
        // Point 1: 1 eligible, nobody left to add.
        f.submitOnline(1, 4, phone(699));
        f.closeNow(clock);
        draw(f, Map.of());
        Map<String, Object> point0 = list(report(f), "points").stream().filter(p -> id(p, "pointId") == f.pointId(0))
                .findFirst().orElseThrow();
        List<Long> reserve = ids(point0.get("reserveIds"));
        List<Map<String, Object>> items = list(overview(f), "items");
        Map<String, Object> atPoint0 = items.stream().filter(i -> id(i, "pointId") == f.pointId(0)).findFirst().orElseThrow();
        Map<String, Object> atPoint1 = items.stream().filter(i -> id(i, "pointId") == f.pointId(1)).findFirst().orElseThrow();
        assertEquals(200, attempt(id(atPoint0, "id"), f.lead, "DENIED").status());
        TestApi.Res enlarged = api.post("/api/v1/campaigns/" + f.campaignId + "/callback/enlargement", f.lead, Map.of());
        assertEquals(200, enlarged.status(), enlarged.raw());
        assertEquals(1, ((Number) enlarged.map().get("added")).intValue(), enlarged.raw());
        Map<String, Object> added = list(enlarged.map(), "items").stream()
                .filter(i -> "ENLARGEMENT".equals(i.get("addedAs"))).findFirst().orElseThrow();
        assertEquals(reserve.get(0), id(added, "responseId"), "the next id of the point's stored order");
        assertEquals(1, evidence(f.campaignId, "callback.enlarged"));

        // Point 1 has no reserve: the enlargement says so and changes nothing.
        assertEquals(200, attempt(id(atPoint1, "id"), f.lead, "DENIED").status());
        TestApi.Res none = api.post("/api/v1/campaigns/" + f.campaignId + "/callback/enlargement", f.lead,
                Map.of("pointIds", List.of(f.pointId(1))));
        assertEquals(409, none.status(), none.raw());
        assertTrue(none.raw().contains("callback.enlarge_nothing_left"), none.raw());
        assertEquals(1, evidence(f.campaignId, "callback.enlarged"));
        Map<String, Object> progress = map(overview(f), "progress");
        assertEquals(3, ((Number) progress.get("called")).intValue(), "one sampled per point and one enlargement: " + progress);
    }

    @Test
    void anOutcomeNeedsAPriorRevealByThisUserOrARecordedReason() throws Exception {
        SurveyFixture f = open();
        for (int i = 0; i < 3; i++) {
            f.submitOnline(i, 4, phone(700 + i));
        }
        f.closeNow(clock);
        draw(f, Map.of());
        List<Map<String, Object>> items = list(overview(f), "items");
        long first = id(items.get(0), "id");
        long second = id(items.get(1), "id");
        String verifier = api.demo("verifier");
        long verifierId = id(api.get("/api/v1/me", verifier).map(), "id");
        assertEquals(200, api.put("/api/v1/callbacks/items/" + first + "/assignment", f.lead, Map.of("verifierId", verifierId)).status());
        String url = "/api/v1/callbacks/items/" + first + "/attempts";

        assertEquals(false, api.get("/api/v1/callbacks/items/" + first, verifier).map().get("revealedByMe"));
        TestApi.Res blind = api.post(url, verifier, Map.of("outcome", "CONFIRMED"));
        assertEquals(409, blind.status(), blind.raw());
        assertEquals(List.of("noRevealReason"), blind.problemFields());
        // Another user's reveal does not count for this verifier.
        assertEquals(200, api.post("/api/v1/callbacks/items/" + first + "/reveal", f.lead, null).status());
        assertEquals(409, api.post(url, verifier, Map.of("outcome", "UNREACHABLE")).status());
        assertEquals(0, ((Number) map(api.get("/api/v1/callbacks/items/" + first, verifier).map(), "item")
                .get("failedAttempts")).intValue(), "nothing half-written");
        assertEquals(200, api.post("/api/v1/callbacks/items/" + first + "/reveal", verifier, null).status());
        assertEquals(true, api.get("/api/v1/callbacks/items/" + first, verifier).map().get("revealedByMe"));
        assertEquals(200, api.post(url, verifier, Map.of("outcome", "CONFIRMED")).status());

        // Without a reveal, a reason is recorded with the attempt and in the evidence log.
        TestApi.Res reasoned = api.post("/api/v1/callbacks/items/" + second + "/attempts", f.lead,
                Map.of("outcome", "CONFIRMED", "noRevealReason", "called from the face-to-face sheet"));
        assertEquals(200, reasoned.status(), reasoned.raw());
        assertEquals("called from the face-to-face sheet", list(reasoned.map(), "attempts").get(0).get("noRevealReason"));
        TestApi.Res blank = api.post("/api/v1/callbacks/items/" + id(items.get(2), "id") + "/attempts", f.lead,
                Map.of("outcome", "CONFIRMED", "noRevealReason", "  "));
        assertEquals(409, blank.status(), blank.raw());
        try (Connection c = connection(dataSource);
             var st = c.prepareStatement("select detail ->> 'noRevealReason' from evidence_log where action = 'callback.outcome'"
                     + " and subject_type = 'CALLBACK_ITEM' and subject_id = ?")) {
            st.setLong(1, second);
            var rs = st.executeQuery();
            assertTrue(rs.next());
            assertEquals("called from the face-to-face sheet", rs.getString(1));
        }
    }

    @Test
    void aDenialCanBeUndoneWithAReasonWhichRestoresTheResponseAndReopensTheItem() throws Exception {
        SurveyFixture f = open();
        for (int i = 0; i < 4; i++) {
            f.submitOnline(0, 4, phone(800 + i));
        }
        f.closeNow(clock);
        draw(f, Map.of("ratePercent", 100));
        List<Map<String, Object>> items = list(overview(f), "items");
        long item = id(items.get(0), "id");
        long responseId = id(items.get(0), "responseId");
        String undo = "/api/v1/callbacks/items/" + item + "/denial-undo";
        assertEquals(409, api.post(undo, f.lead, Map.of("reason", "tapped by mistake")).status(), "not denied");
        assertEquals(200, attempt(item, f.lead, "DENIED").status());
        assertEquals(1, ((Number) f.results().get("excluded")).intValue());

        TestApi.Res noReason = api.post(undo, f.lead, Map.of("reason", " "));
        assertEquals(400, noReason.status(), noReason.raw());
        assertEquals(List.of("reason"), noReason.problemFields());
        TestApi.Res undone = api.post(undo, f.lead, Map.of("reason", "tapped by mistake; the respondent confirmed"));
        assertEquals(200, undone.status(), undone.raw());
        assertNull(map(undone.map(), "item").get("outcome"), "pending again");
        Map<String, Object> response = api.get("/api/v1/campaigns/" + f.campaignId + "/responses", f.lead).list().stream()
                .filter(r -> id(r, "id") == responseId).findFirst().orElseThrow();
        assertEquals(false, response.get("excluded"));
        assertEquals(0, ((Number) f.results().get("excluded")).intValue());
        assertEquals(1, evidence(f.campaignId, "callback.denial_undone"));
        assertEquals(1, evidence(f.campaignId, "response.exclusion_undone"));
        assertEquals(false, map(overview(f), "progress").get("denialAlarm"));
        assertEquals(200, attempt(item, f.lead, "CONFIRMED").status(), "the right outcome can now be recorded");
        assertEquals(409, api.post(undo, f.lead, Map.of("reason", "again")).status());

        // A response the lead excluded on review is not restored by undoing a denial.
        long other = id(items.get(1), "id");
        long otherResponse = id(items.get(1), "responseId");
        assertEquals(204, api.post("/api/v1/campaigns/" + f.campaignId + "/responses/" + otherResponse + "/exclusion",
                f.lead, Map.of("reason", "duplicate")).status());
        assertEquals(200, attempt(other, f.lead, "DENIED").status());
        assertEquals(200, api.post("/api/v1/callbacks/items/" + other + "/denial-undo", f.lead, Map.of("reason", "mistake")).status());
        Map<String, Object> stillExcluded = api.get("/api/v1/campaigns/" + f.campaignId + "/responses", f.lead).list().stream()
                .filter(r -> id(r, "id") == otherResponse).findFirst().orElseThrow();
        assertEquals(true, stillExcluded.get("excluded"), "the lead's own exclusion stays");
    }

    @Test
    void theCallScriptNamesTheCertificationBody() {
        SurveyFixture f = open();
        f.submitOnline(0, 4, phone(900));
        f.closeNow(clock);
        long item = id(list(draw(f, Map.of()).map(), "items").get(0), "id");
        Map<String, Object> detail = api.get("/api/v1/callbacks/items/" + item, f.lead).map();
        assertEquals("探访认证评价中心 Tanfang Certification Centre", detail.get("certificationBody"));
    }
}
