package com.tanfang.survey.review;

import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The review list (point, answers, exclusions, amendments) and a lead's exclusion and its undo. */
@MicronautTest(transactional = false)
class ReviewApiTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    DataSource dataSource;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(server.getURL(), json);
    }

    private String row(String sql) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private void exec(String sql) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** A listed response as JSON (its flags carry Message, which is written, never read, by the server). */
    private record View(Map<String, Object> m) {
        long id() { return num(m.get("id")); }
        String locationName() { return (String) m.get("locationName"); }
        List<Map<String, Object>> flags() { return maps(m.get("flags")); }
        List<Map<String, Object>> answers() { return maps(m.get("answers")); }
        @SuppressWarnings("unchecked")
        Map<String, Object> exclusion() { return (Map<String, Object>) m.get("exclusion"); }
        List<Map<String, Object>> history() { return maps(m.get("history")); }
        Long supersededBy() { return m.get("supersededBy") == null ? null : num(m.get("supersededBy")); }
        Object supersededAt() { return m.get("supersededAt"); }
        Long currentId() { return m.get("currentId") == null ? null : num(m.get("currentId")); }
        Integer answer(long questionId) {
            Object v = answers().stream().filter(a -> num(a.get("questionId")) == questionId).findFirst().orElseThrow()
                    .get("value");
            return v == null ? null : ((Number) v).intValue();
        }
        private static long num(Object o) { return ((Number) o).longValue(); }
        @SuppressWarnings("unchecked")
        private static List<Map<String, Object>> maps(Object o) { return (List<Map<String, Object>>) o; }
    }

    private List<View> list(SurveyFixture f, String query) {
        TestApi.Res r = api.get("/api/v1/campaigns/" + f.campaignId + "/responses" + query, f.lead);
        assertEquals(200, r.status(), r.raw());
        return r.list().stream().map(View::new).toList();
    }

    private static View byId(List<View> list, long id) {
        return list.stream().filter(r -> r.id() == id).findFirst().orElseThrow();
    }

    private long submit(SurveyFixture f, int point, Map<String, Integer> answers, String browser) {
        Map<String, Object> body = new HashMap<>();
        body.put("submissionId", UUID.randomUUID().toString());
        body.put("answers", answers);
        TestApi.Res r = api.send("POST", "/api/v1/public/surveys/" + f.token(point) + "/responses", null, body,
                browser == null ? Map.of() : Map.of("Cookie", "tf_b=" + browser));
        assertEquals(201, r.status(), r.raw());
        return ((Number) r.map().get("responseId")).longValue();
    }

    private static Map<String, Integer> varied(SurveyFixture f) {
        Map<String, Integer> a = f.answers(4);
        a.put(f.questionId(0), 2);
        a.put(f.questionId(1), 0);
        return a;
    }

    @Test
    void aLeadExcludesAnUnflaggedAnswerAndUndoesItWithAReasonAndTheHistoryShowsWhoDidWhat() throws Exception {
        SurveyFixture f = SurveyFixture.openNow(api);
        long id = submit(f, 2, varied(f), null);
        View before = byId(list(f, ""), id);
        assertTrue(before.flags().isEmpty(), "unflagged");
        assertEquals(f.points.get(2).locationName(), before.locationName());
        assertEquals(f.questions.size(), before.answers().size(), "every answer is shown");
        assertEquals(2, before.answer(f.questions.get(0).id()));
        assertNull(before.answer(f.questions.get(1).id()), "don't know is null");

        String exclusion = "/api/v1/campaigns/" + f.campaignId + "/responses/" + id + "/exclusion";
        assertEquals(403, api.post(exclusion, api.demo("auditor"), Map.of("reason", "x")).status(), "LEAD only");
        assertEquals(204, api.post(exclusion, f.lead, Map.of("reason", "Resident of another estate")).status());
        assertEquals(1L, ((Number) f.results().get("excluded")).longValue());
        View excluded = byId(list(f, "?excluded=true"), id);
        assertEquals("LEAD_REVIEW", excluded.exclusion().get("cause"));
        assertEquals("Resident of another estate", excluded.exclusion().get("reason"));
        assertNotNull(excluded.exclusion().get("byName"), "who excluded it");
        assertNotNull(excluded.exclusion().get("at"), "when");

        String undo = exclusion + "/undo";
        assertEquals(List.of("reason"), api.post(undo, f.lead, Map.of("reason", " ")).problemFields(), "a reason is mandatory");
        assertEquals(403, api.post(undo, api.demo("auditor"), Map.of("reason", "x")).status());
        assertEquals(204, api.post(undo, f.lead, Map.of("reason", "Confirmed by the property office: lives in 2-B")).status());
        assertEquals(0L, ((Number) f.results().get("excluded")).longValue(), "counts again");
        View after = byId(list(f, ""), id);
        assertNull(after.exclusion());
        assertEquals(List.of("response.excluded", "response.exclusion_undone"),
                after.history().stream().map(h -> h.get("action")).toList());
        assertEquals("Confirmed by the property office: lives in 2-B", after.history().get(1).get("reason"));
        assertNotNull(after.history().get(1).get("byName"));
        String lead = row("select id from app_user where username = 'lead'");
        assertEquals("response.exclusion_undone " + lead + " LEAD_REVIEW Resident of another estate " + f.campaignId,
                row("select action || ' ' || actor || ' ' || (detail ->> 'undoneCause') || ' ' || (detail ->> 'undoneReason')"
                        + " || ' ' || (detail ->> 'campaignId') from evidence_log where subject_type = 'RESPONSE'"
                        + " and subject_id = " + id + " and action = 'response.exclusion_undone'"));

        TestApi.Res again = api.post(undo, f.lead, Map.of("reason", "again"));
        assertEquals(409, again.status(), again.raw());
        assertTrue(again.raw().contains("\"code\":\"review.not_excluded\""), again.raw());
        assertEquals("1", row("select count(*) from evidence_log where subject_type = 'RESPONSE' and subject_id = " + id
                + " and action = 'response.exclusion_undone'"), "a refused undo writes nothing");
        // Excluded again after the undo: the history keeps all three.
        assertEquals(204, api.post(exclusion, f.lead, Map.of("reason", "Second thoughts")).status());
        assertEquals(3, byId(list(f, ""), id).history().size());
    }

    @Test
    void aCallBackDenialIsNotUndoneOnReviewAndOtherTeamsSeeNothing() throws Exception {
        SurveyFixture f = SurveyFixture.openNow(api);
        long id = submit(f, 0, varied(f), null);
        exec("update survey_response set excluded = true, excluded_cause = 'CALLBACK_DENIED', excluded_reason = 'denied',"
                + " excluded_at = now() where id = " + id);
        String undo = "/api/v1/campaigns/" + f.campaignId + "/responses/" + id + "/exclusion/undo";
        TestApi.Res r = api.post(undo, f.lead, Map.of("reason", "mistake"));
        assertEquals(409, r.status(), r.raw());
        assertTrue(r.raw().contains("\"code\":\"review.undo_callback_denied\""), r.raw());
        assertEquals("t", row("select excluded from survey_response where id = " + id));

        String outsider = api.newUser("lead-elsewhere-" + System.nanoTime(), "LEAD", null);
        assertEquals(404, api.post(undo, outsider, Map.of("reason", "x")).status(), "a lead off the team sees no campaign");
        assertEquals(404, api.get("/api/v1/campaigns/" + f.campaignId + "/responses", outsider).status());
        assertEquals(404, api.post("/api/v1/campaigns/" + f.campaignId + "/responses/" + id + "/exclusion", outsider,
                Map.of("reason", "x")).status());
    }

    @Test
    void anAmendedResponseIsMarkedWithItsCurrentVersionAndIsNotExcluded() {
        SurveyFixture f = SurveyFixture.openNow(api);
        String browser = "review-" + UUID.randomUUID();
        long first = submit(f, 1, varied(f), browser);
        long second = submit(f, 1, f.answers(3), browser);
        long third = submit(f, 1, varied(f), browser);
        List<View> all = list(f, "");
        View old = byId(all, first);
        assertEquals(Long.valueOf(second), old.supersededBy());
        assertNotNull(old.supersededAt());
        assertEquals(Long.valueOf(third), old.currentId(), "the version that counts now, through the chain");
        assertEquals(Long.valueOf(third), byId(all, second).currentId());
        assertNull(byId(all, third).supersededBy());
        TestApi.Res r = api.post("/api/v1/campaigns/" + f.campaignId + "/responses/" + first + "/exclusion", f.lead,
                Map.of("reason", "old"));
        assertEquals(409, r.status(), r.raw());
        assertTrue(r.raw().contains("\"code\":\"review.superseded\""), r.raw());
    }
}
