package com.tanfang.survey;

import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Answering again from the same browser at the same point amends: the earlier response is kept but superseded,
 * logged as evidence, and never counted twice. A double tap (same submission id) stays one response.
 */
@MicronautTest(transactional = false)
class AmendmentTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    DataSource dataSource;

    private TestApi.Res submit(TestApi api, SurveyFixture f, int point, String browser, String id, int value) {
        Map<String, Object> body = new HashMap<>();
        body.put("submissionId", id);
        body.put("answers", f.answers(value));
        return api.send("POST", "/api/v1/public/surveys/" + f.token(point) + "/responses", null, body,
                Map.of("Cookie", "tf_b=" + browser));
    }

    private String row(String sql) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @SuppressWarnings("unchecked")
    private static double mean(SurveyFixture f) {
        var q = (List<Map<String, Object>>) f.results().get("questions");
        var merged = (Map<String, Object>) ((Map<String, Object>) q.get(0).get("all")).get("merged");
        return ((Number) merged.get("mean")).doubleValue();
    }

    @Test
    void answeringAgainAtThePointReplacesTheEarlierAnswersAndCountsOnce() throws Exception {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.openNow(api);
        String browser = "amend-" + UUID.randomUUID();
        String firstId = UUID.randomUUID().toString();
        TestApi.Res first = submit(api, f, 0, browser, firstId, 4);
        assertEquals(201, first.status(), first.raw());
        TestApi.Res again = submit(api, f, 0, browser, UUID.randomUUID().toString(), 2);
        assertEquals(201, again.status(), again.raw());

        assertEquals(1, f.online(), "an amendment never counts twice");
        assertEquals(2.0, mean(f), "the amended answers count, not the earlier ones");
        long firstResponse = ((Number) first.map().get("responseId")).longValue();
        long secondResponse = ((Number) again.map().get("responseId")).longValue();
        assertEquals(String.valueOf(secondResponse), row("select superseded_by from survey_response where id = " + firstResponse),
                "the earlier version is kept, superseded by the new one");
        assertEquals("4", row("select min(value) from survey_answer where response_id = " + firstResponse),
                "the earlier answers are kept");
        assertEquals("1", row("select count(*) from evidence_log where action = 'response.amended'"
                + " and subject_type = 'RESPONSE' and subject_id = " + secondResponse));
        assertEquals("0", row("select count(*) from response_flag where response_id = " + secondResponse
                + " and kind = 'SAME_BROWSER_TWICE'"), "amending is not answering twice");

        // The double tap of the first submission still returns its first receipt and changes nothing.
        TestApi.Res retry = submit(api, f, 0, browser, firstId, 5);
        assertEquals(200, retry.status(), retry.raw());
        assertEquals(true, retry.map().get("duplicate"));
        assertEquals(1, f.online());
        assertEquals(2.0, mean(f));

        // The same browser at another point is another answer: counted, and flagged as before.
        TestApi.Res elsewhere = submit(api, f, 1, browser, UUID.randomUUID().toString(), 4);
        assertEquals(201, elsewhere.status(), elsewhere.raw());
        assertEquals(2, f.online());
        assertEquals("1", row("select count(*) from response_flag where kind = 'SAME_BROWSER_TWICE' and response_id = "
                + elsewhere.map().get("responseId")));
    }

    @Test
    void thePageTellsAReturningBrowserItIsAmendingAndPrefillsItsAnswers() {
        TestApi api = new TestApi(server.getURL(), json);
        SurveyFixture f = SurveyFixture.openNow(api);
        String browser = "amend-" + UUID.randomUUID();
        assertEquals(201, submit(api, f, 0, browser, UUID.randomUUID().toString(), 3).status());
        for (String lang : List.of("zh-CN", "en")) {
            TestApi.Res page = api.send("GET", "/s/" + f.token(0) + "?lang=" + lang, null, null,
                    Map.of("Cookie", "tf_b=" + browser, "Accept", "text/html"));
            assertEquals(200, page.status());
            assertTrue(page.raw().contains(lang.equals("en") ? "Change your answers?" : "要修改吗"), page.raw());
            assertTrue(page.raw().contains("name=a" + f.questionId(0) + " value=3 checked"), page.raw());
        }
        TestApi.Res stranger = api.send("GET", "/s/" + f.token(0) + "?lang=en", null, null,
                Map.of("Cookie", "tf_b=someone-else-" + UUID.randomUUID(), "Accept", "text/html"));
        assertFalse(stranger.raw().contains("Change your answers?"));
        assertFalse(stranger.raw().contains(" checked"));
    }
}
