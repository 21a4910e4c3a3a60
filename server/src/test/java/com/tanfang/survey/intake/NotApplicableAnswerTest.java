package com.tanfang.survey.intake;

import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import com.tanfang.survey.campaign.SurveyQuestion;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A question whose scheme item allows N/A (the property scheme's 7.6 "N/A if not used") offers 不涉及 / N/A; the
 * answer is stored as N/A, and it leaves the question's denominator without counting as a don't know.
 */
@MicronautTest(transactional = false)
class NotApplicableAnswerTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    private static SurveyQuestion specialServices(SurveyFixture f) {
        return f.questions.stream().filter(q -> "S6".equals(q.itemCode())).findFirst().orElseThrow();
    }

    @Test
    void onlyTheQuestionsThatAllowItOfferNotApplicable() {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.openNow(api);
        SurveyQuestion na = specialServices(f);
        assertTrue(na.notApplicableAllowed(), "7.6 allows N/A in the built-in property scheme");
        assertEquals(1, f.questions.stream().filter(SurveyQuestion::notApplicableAllowed).count(), f.questions.toString());
        for (String lang : List.of("zh-CN", "en")) {
            String page = api.send("GET", "/s/" + f.token(0) + "?lang=" + lang, null, null,
                    Map.of("Accept", "text/html")).raw();
            assertTrue(page.contains("name=a" + na.id() + " value=-1>" + (lang.equals("en") ? "N/A (not used)" : "不涉及（未使用）")),
                    page);
            for (SurveyQuestion q : f.questions) {
                assertEquals(q.notApplicableAllowed(), page.contains("name=a" + q.id() + " value=-1"), q.toString());
                assertTrue(page.contains("name=a" + q.id() + " value=0>"), "don't know stays on every question");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void notApplicableIsStoredAsSuchAndLeavesTheDenominatorWithoutCountingAsDontKnow() {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.openNow(api);
        SurveyQuestion na = specialServices(f);
        SurveyQuestion other = f.questions.stream().filter(q -> !q.notApplicableAllowed()).findFirst().orElseThrow();
        String path = "/api/v1/public/surveys/" + f.token(0) + "/responses";

        // N/A where the question does not offer it: refused, naming the question, nothing stored.
        Map<String, Integer> wrong = new HashMap<>(f.answers(4));
        wrong.put(String.valueOf(other.id()), -1);
        TestApi.Res refused = api.post(path, null, Map.of("submissionId", UUID.randomUUID().toString(), "answers", wrong));
        assertEquals(400, refused.status(), refused.raw());
        assertEquals(List.of("answers." + other.id()), refused.problemFields());
        assertTrue(refused.raw().contains("\"code\":\"answer.na_not_allowed\""), refused.raw());
        assertEquals(0, f.online());

        // One N/A on 7.6 (JSON API), one don't know there (the HTML form), one 2 there.
        Map<String, Integer> withNa = new HashMap<>(f.answers(4));
        withNa.put(String.valueOf(na.id()), -1);
        TestApi.Res stored = api.post(path, null, Map.of("submissionId", UUID.randomUUID().toString(), "answers", withNa));
        assertEquals(201, stored.status(), stored.raw());
        StringBuilder form = new StringBuilder("submissionId=" + UUID.randomUUID() + "&lang=en");
        for (SurveyQuestion q : f.questions) {
            form.append("&a").append(q.id()).append('=').append(q.id().equals(na.id()) ? 0 : 4);
        }
        TestApi.Res posted = api.send("POST", "/s/" + f.token(1), null, form.toString(),
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
        assertEquals(303, posted.status(), posted.raw());
        assertTrue(posted.header("Location").contains("/thanks"), posted.headers().toString());
        Map<String, Integer> two = new HashMap<>(f.answers(4));
        two.put(String.valueOf(na.id()), 2);
        assertEquals(201, api.post("/api/v1/public/surveys/" + f.token(2) + "/responses", null,
                Map.of("submissionId", UUID.randomUUID().toString(), "answers", two)).status());

        Map<String, Object> results = f.results();
        assertEquals(3, ((Number) results.get("online")).intValue());
        var questions = (List<Map<String, Object>>) results.get("questions");
        var naMerged = merged(questions, na.id());
        assertEquals(1, ((Number) naMerged.get("answered")).intValue(), "only the 2 is an answer: " + naMerged);
        assertEquals(1, ((Number) naMerged.get("dontKnows")).intValue(), "N/A is not a don't know: " + naMerged);
        assertEquals(1, ((Number) naMerged.get("notApplicable")).intValue(), "N/A is counted beside: " + naMerged);
        assertEquals(2.0, ((Number) naMerged.get("mean")).doubleValue());
        var otherMerged = merged(questions, other.id());
        assertEquals(3, ((Number) otherMerged.get("answered")).intValue());
        assertEquals(0, ((Number) otherMerged.get("dontKnows")).intValue());
    }

    @Test
    void anAmendingBrowserSeesItsNotApplicablePrefilled() {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.openNow(api);
        SurveyQuestion na = specialServices(f);
        String browser = "na-" + UUID.randomUUID();
        Map<String, Integer> withNa = new HashMap<>(f.answers(3));
        withNa.put(String.valueOf(na.id()), -1);
        TestApi.Res stored = api.send("POST", "/api/v1/public/surveys/" + f.token(0) + "/responses", null,
                Map.of("submissionId", UUID.randomUUID().toString(), "answers", withNa), Map.of("Cookie", "tf_b=" + browser));
        assertEquals(201, stored.status(), stored.raw());
        String page = api.send("GET", "/s/" + f.token(0) + "?lang=en", null, null,
                Map.of("Cookie", "tf_b=" + browser, "Accept", "text/html")).raw();
        assertTrue(page.contains("name=a" + na.id() + " value=-1 checked"), page);
        assertFalse(page.contains("name=a" + na.id() + " value=0 checked"), page);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFaceToFaceSheetKeepsItsNotApplicableInTheAuthorsListAndTheResults() {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.openNow(api);
        SurveyQuestion na = specialServices(f);
        String auditor = api.demo("auditor");
        long leadId = ((Number) api.get("/api/v1/me", f.lead).map().get("id")).longValue();
        Map<String, Integer> answers = new HashMap<>(f.answers(4));
        answers.put(String.valueOf(na.id()), -1);
        String base = "/api/v1/campaigns/" + f.campaignId + "/offline-responses";
        TestApi.Res stored = api.post(base, auditor, Map.of("submissionId", UUID.randomUUID().toString(),
                "pointId", f.pointId(1), "secondAuditorId", leadId, "staffAbsent", true, "answers", answers));
        assertEquals(201, stored.status(), stored.raw());

        Map<String, Object> sheet = api.get(base + "/mine", auditor).list().get(0);
        // a correction prefilled from this list must not turn the N/A into a don't know
        assertEquals(-1, ((Number) ((Map<String, Object>) sheet.get("answers")).get(String.valueOf(na.id()))).intValue(), sheet.toString());
        assertEquals(f.questions.size() - 1, ((Number) sheet.get("answered")).intValue(), sheet.toString());
        assertEquals(0, ((Number) sheet.get("dontKnow")).intValue(), sheet.toString());
        var naMerged = merged((List<Map<String, Object>>) f.results().get("questions"), na.id());
        assertEquals(1, ((Number) naMerged.get("notApplicable")).intValue(), naMerged.toString());
        assertEquals(0, ((Number) naMerged.get("dontKnows")).intValue(), naMerged.toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merged(List<Map<String, Object>> questions, long id) {
        var q = questions.stream().filter(m -> ((Number) m.get("questionId")).longValue() == id).findFirst().orElseThrow();
        return (Map<String, Object>) ((Map<String, Object>) q.get("all")).get("merged");
    }
}
