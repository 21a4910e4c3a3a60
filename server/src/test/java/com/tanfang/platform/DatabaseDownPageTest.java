package com.tanfang.platform;

import com.tanfang.TestApi;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * While the database is away a resident opening or posting the survey gets a small translated HTML page with 503
 * and Retry-After, not a JSON problem; API clients keep their problem+json.
 */
@MicronautTest(transactional = false)
@Property(name = "test.database-down-switch", value = "true")
class DatabaseDownPageTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    SwitchableWatch watch;

    @AfterEach
    void up() {
        watch.down = false;
    }

    @Test
    void theRespondentPageIsATranslatedHtml503WithRetryAfter() {
        TestApi api = new TestApi(server.getURL(), json);
        watch.down = true;
        String token = "AbCdEfGh12345678";
        Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded");
        for (TestApi.Res r : new TestApi.Res[]{
                api.send("GET", "/s/" + token, null, null, Map.of("Accept", "text/html", "Accept-Language", "zh-CN")),
                api.send("GET", "/s/" + token, null, null, Map.of("Accept", "*/*", "Accept-Language", "zh-CN")),
                api.send("POST", "/s/" + token, null, "submissionId=abcdefgh1234&a1=4", Map.of(
                        "Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html", "Accept-Language", "zh-CN"))}) {
            assertEquals(503, r.status(), r.raw());
            assertEquals(DatabaseUnavailableFilter.RETRY_AFTER_SECONDS, r.header("Retry-After"));
            assertTrue(r.header("Content-Type").startsWith("text/html"), r.headers().toString());
            assertTrue(r.raw().contains("<html lang=\"zh-CN\"") && r.raw().contains("请稍候"), r.raw());
            assertFalse(r.raw().contains("出错了"), "not the generic server error page");
        }
        // the respondent's remembered choice (tf_lang) and the page's ?lang= both pick English
        TestApi.Res en = api.send("GET", "/s/" + token, null, null, Map.of("Accept", "text/html",
                "Accept-Language", "zh-CN", "Cookie", "tf_lang=en"));
        assertTrue(en.raw().contains("Back in a moment"), en.raw());
        TestApi.Res query = api.send("POST", "/s/" + token + "?lang=en", null, "a1=4", Map.of(
                "Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
        assertEquals(503, query.status());
        assertTrue(query.raw().contains("Back in a moment"), query.raw());
        // the JSON API stays problem+json
        TestApi.Res apiCall = api.post("/api/v1/public/surveys/" + token + "/responses", null, Map.of("submissionId", "abcdefgh1234"));
        assertEquals(503, apiCall.status());
        assertEquals("application/problem+json", apiCall.header("Content-Type"));
        assertEquals(DatabaseUnavailableFilter.RETRY_AFTER_SECONDS, apiCall.header("Retry-After"));
        watch.down = false;
        assertEquals(404, api.send("GET", "/s/" + token, null, null, Map.of("Accept", "text/html")).status());
    }

    /** The real watch, with a switch this test turns: "down" without stopping the shared database. */
    @Singleton
    @Requires(property = "test.database-down-switch")
    @Replaces(DatabaseWatch.class)
    static class SwitchableWatch extends DatabaseWatch {
        volatile boolean down;

        SwitchableWatch(DataSource dataSource, @Value("${datasources.default.url}") String url,
                        @Nullable @Value("${datasources.default.username:}") String username,
                        @Nullable @Value("${datasources.default.password:}") String password) {
            super(dataSource, url, username, password);
        }

        @Override
        public boolean available() {
            return !down && super.available();
        }
    }
}
