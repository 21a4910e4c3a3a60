package com.tanfang.platform;

import com.tanfang.TestApi;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Was: the staff pages sent no CSP, no frame protection and no nosniff (only the survey pages did), and the session
 * cookie was never Secure behind a TLS-terminating proxy.
 */
@MicronautTest
@Property(name = "tanfang.trusted-proxies", value = "127.0.0.1")
class SecurityHeadersTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    @Test
    void staffPagesAndTheApiSendSecurityHeaders() {
        TestApi api = new TestApi(server.getURL(), json);
        for (String path : new String[]{"/", "/js/app.js", "/api/v1/me", "/health"}) {
            TestApi.Res r = api.send("GET", path, null, null, Map.of("Accept", "text/html"));
            assertEquals("nosniff", r.header("X-Content-Type-Options"), path);
            assertEquals("DENY", r.header("X-Frame-Options"), path);
            assertTrue(r.header("Content-Security-Policy").contains("frame-ancestors 'none'"), path);
        }
        String csp = api.get("/", null).header("Content-Security-Policy");
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("script-src 'self' 'unsafe"), csp);
    }

    @Test
    void theSessionCookieIsSecureWhenTheTrustedProxySaysHttps() {
        TestApi api = new TestApi(server.getURL(), json);
        Map<String, Object> login = Map.of("username", "lead", "password", TestApi.DEMO_PASSWORD);
        TestApi.Res tls = api.send("POST", "/api/v1/session", null, login, Map.of("X-Forwarded-Proto", "https"));
        assertEquals(200, tls.status(), tls.raw());
        assertTrue(tls.headerValues("Set-Cookie").stream().allMatch(c -> c.toLowerCase().contains("secure")),
                tls.headerValues("Set-Cookie").toString());
        TestApi.Res plain = api.send("POST", "/api/v1/session", null, login, Map.of());
        assertFalse(plain.headerValues("Set-Cookie").stream().anyMatch(c -> c.toLowerCase().contains("secure")),
                plain.headerValues("Set-Cookie").toString());
    }
}
