package com.tanfang.account;

import com.tanfang.TestApi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The web app's cookie session and its CSRF protection. */
@MicronautTest
class WebSessionTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    private static String cookieValue(List<String> setCookies, String name) {
        return setCookies.stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).orElse(null);
    }

    @Test
    void sessionCookieIsHttpOnlyStrictAndChangesNeedTheCsrfHeader() {
        TestApi api = new TestApi(server.getURL(), json);
        TestApi.Res login = api.post("/api/v1/session", null, Map.of("username", "lead", "password", TestApi.DEMO_PASSWORD));
        assertEquals(200, login.status(), login.raw());
        List<String> set = login.headerValues("Set-Cookie");
        String sessionCookie = set.stream().filter(c -> c.startsWith("TANFANG_TOKEN=")).findFirst().orElseThrow();
        assertTrue(sessionCookie.contains("HTTPOnly") || sessionCookie.toLowerCase().contains("httponly"), sessionCookie);
        assertTrue(sessionCookie.toLowerCase().contains("samesite=strict"), sessionCookie);
        String csrfCookie = set.stream().filter(c -> c.startsWith("TANFANG_CSRF=")).findFirst().orElseThrow();
        assertTrue(!csrfCookie.toLowerCase().contains("httponly"), "the page must be able to read the CSRF cookie");
        String token = cookieValue(set, "TANFANG_TOKEN");
        String csrf = cookieValue(set, "TANFANG_CSRF");
        assertNotNull(token);
        String cookies = "TANFANG_TOKEN=" + token + "; TANFANG_CSRF=" + csrf;

        TestApi.Res me = api.send("GET", "/api/v1/me", null, null, Map.of("Cookie", cookies));
        assertEquals(200, me.status());
        assertEquals("lead", me.map().get("username"));

        Map<String, Object> org = Map.of("name", "CSRF Test Org");
        TestApi.Res forged = api.send("POST", "/api/v1/organizations", null, org, Map.of("Cookie", cookies));
        assertEquals(403, forged.status());
        assertEquals("application/problem+json", forged.header("Content-Type"));
        TestApi.Res wrong = api.send("POST", "/api/v1/organizations", null, org,
                Map.of("Cookie", cookies, "X-CSRF-Token", "x".repeat(32)));
        assertEquals(403, wrong.status());
        // Nothing was written by the refused requests.
        assertTrue(api.get("/api/v1/organizations", api.admin()).list().stream()
                .noneMatch(o -> "CSRF Test Org".equals(o.get("name"))));

        TestApi.Res ok = api.send("POST", "/api/v1/organizations", null, org,
                Map.of("Cookie", cookies, "X-CSRF-Token", csrf));
        assertEquals(201, ok.status(), ok.raw());

        TestApi.Res logout = api.send("DELETE", "/api/v1/session", null, null,
                Map.of("Cookie", cookies, "X-CSRF-Token", csrf));
        assertEquals(204, logout.status());
        assertTrue(logout.headerValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("TANFANG_TOKEN=;")
                || c.startsWith("TANFANG_TOKEN=\"\"") || c.toLowerCase().contains("max-age=0")));
    }

    @Test
    void wrongCredentialsOnTheWebLoginAreA401Problem() {
        TestApi api = new TestApi(server.getURL(), json);
        TestApi.Res r = api.post("/api/v1/session", null, Map.of("username", "nobody-here", "password", "whatever-123"));
        assertEquals(401, r.status());
        assertEquals(List.of("password"), r.problemFields());
        TestApi.Res empty = api.post("/api/v1/session", null, Map.of("username", "", "password", ""));
        assertEquals(400, empty.status());
        assertEquals(List.of("password", "username"), empty.problemFields());
    }
}
