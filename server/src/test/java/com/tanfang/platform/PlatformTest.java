package com.tanfang.platform;

import com.tanfang.TestApi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Health, request ids, error rendering, size limits and the OpenAPI document. */
@MicronautTest
class PlatformTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(server.getURL(), json);
    }

    @Test
    void healthReportsTheDatabase() {
        TestApi.Res r = api.get("/health", null);
        assertEquals(200, r.status(), r.raw());
        assertEquals("UP", r.map().get("status"));
        @SuppressWarnings("unchecked")
        Map<String, Object> db = (Map<String, Object>) r.map().get("database");
        assertEquals("UP", db.get("status"));
        assertTrue(String.valueOf(db.get("version")).startsWith("17"), "embedded PostgreSQL 17: " + db);
    }

    @Test
    void requestIdsAreEchoedOrGenerated() {
        assertEquals("abc-123", api.send("GET", "/health", null, null, Map.of("X-Request-Id", "abc-123")).header("X-Request-Id"));
        String generated = api.send("GET", "/health", null, null, Map.of("X-Request-Id", "bad id<script>")).header("X-Request-Id");
        assertNotNull(generated);
        assertTrue(generated.matches("[0-9a-f]{16}"), generated);
        TestApi.Res problem = api.get("/api/v1/nothing-here", api.admin());
        assertEquals(404, problem.status());
        assertEquals("application/problem+json", problem.header("Content-Type"));
        assertEquals(problem.header("X-Request-Id"), problem.map().get("requestId"));
    }

    @Test
    void browsersGetErrorPagesInTheirLanguage() {
        TestApi.Res zh = api.send("GET", "/no/such/page", null, null, Map.of("Accept", "text/html", "Accept-Language", "zh-CN,zh;q=0.9"));
        assertEquals(404, zh.status());
        assertTrue(zh.header("Content-Type").startsWith("text/html"));
        assertTrue(zh.raw().contains("页面不存在"), zh.raw());
        TestApi.Res en = api.send("GET", "/no/such/page", null, null, Map.of("Accept", "text/html", "Accept-Language", "en-GB"));
        assertTrue(en.raw().contains("Page not found"));
        TestApi.Res chosen = api.send("GET", "/no/such/page", null, null,
                Map.of("Accept", "text/html", "Accept-Language", "en-GB", "Cookie", "tanfang_lang=zh-CN"));
        assertTrue(chosen.raw().contains("页面不存在"), "the remembered choice wins over the browser default");
        assertTrue(chosen.raw().contains("<html lang=\"zh-CN\">"));
    }

    @Test
    void malformedAndOversizedBodiesAreClientErrors() {
        String admin = api.admin();
        TestApi.Res malformed = api.post("/api/v1/organizations", admin, "{\"name\": ");
        assertEquals(400, malformed.status(), malformed.raw());
        assertEquals("application/problem+json", malformed.header("Content-Type"));
        TestApi.Res wrongType = api.post("/api/v1/organizations/1/sites", admin, "{\"name\":\"x\",\"kind\":\"ESTATE\",\"latitude\":\"north\"}");
        assertEquals(400, wrongType.status(), wrongType.raw());
        TestApi.Res nul = api.post("/api/v1/organizations", admin, "{\"name\":\"a\\u0000b\"}");
        assertEquals(400, nul.status(), nul.raw());
        assertEquals("application/problem+json", nul.header("Content-Type"));
        TestApi.Res nulLogin = api.post("/login", null, "{\"username\":\"a\\u0000b\",\"password\":\"whatever-1\"}");
        assertEquals(400, nulLogin.status(), nulLogin.raw());
        assertEquals(404, api.send("GET", "/api/v1/public/surveys/x%00y", null, null, Map.of()).status());
        assertEquals(404, api.send("GET", "/s/x%00y", null, null, Map.of("Accept", "text/html")).status());
        String huge = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        TestApi.Res tooBig = api.post("/api/v1/organizations", admin, huge);
        assertEquals(413, tooBig.status());
    }

    @Test
    void openApiDocumentIsServed() {
        TestApi.Res r = api.send("GET", "/openapi/tanfang-1.yml", null, null, Map.of("Accept", "*/*"));
        assertEquals(200, r.status());
        assertTrue(r.raw().contains("/api/v1/organizations"));
        assertTrue(r.raw().contains("/login"));
    }

    @Test
    void staticAppShellIsPublic() {
        // / leads to the staff app under /app/ (the service worker's scope); a page-only Accept must not be a 406
        TestApi.Res root = api.send("GET", "/", null, null, Map.of("Accept", "text/html"));
        assertEquals(307, root.status(), root.raw());
        assertEquals("/app/", root.header("Location"));
        TestApi.Res r = api.send("GET", "/app/", null, null, Map.of("Accept", "text/html"));
        assertEquals(200, r.status(), r.raw());
        assertTrue(r.raw().contains("/js/app.js"));
        assertEquals(200, api.send("GET", "/i18n/en.json", null, null, Map.of()).status());
    }
}
