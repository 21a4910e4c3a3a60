package com.tanfang.account;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.tanfang.TestApi;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Tokens the server did not mean to accept, and a junk Bearer beside a cookie session. */
@MicronautTest
@Property(name = "tanfang.jwt-secret", value = SessionHardeningTest.SECRET)
class SessionHardeningTest {
    static final String SECRET = "a-test-only-signing-secret-of-48-characters-long!";
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(server.getURL(), json);
    }

    private JWTClaimsSet.Builder claimsOf(String token) throws Exception {
        return new JWTClaimsSet.Builder(SignedJWT.parse(token).getJWTClaimsSet());
    }

    private static String sign(JWSAlgorithm alg, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
        jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    @Test
    void theServersOwnTokenIsAccepted() throws Exception {
        String token = api.admin();
        assertEquals(200, api.get("/api/v1/me", token).status());
        // Re-signed unchanged with the same key and algorithm: still fine (so the refusals below are about the change).
        assertEquals(200, api.get("/api/v1/me", sign(JWSAlgorithm.HS256, claimsOf(token).build())).status());
    }

    /** Was accepted: a token without expiry would be valid for ever. */
    @Test
    void aTokenWithoutExpiryIsRefused() throws Exception {
        String forged = sign(JWSAlgorithm.HS256, claimsOf(api.admin()).expirationTime(null).build());
        assertEquals(401, api.get("/api/v1/me", forged).status());
    }

    /** Was accepted: "not before" was not checked. */
    @Test
    void aTokenNotValidYetIsRefused() throws Exception {
        String early = sign(JWSAlgorithm.HS256, claimsOf(api.admin())
                .notBeforeTime(new Date(System.currentTimeMillis() + 3_600_000)).build());
        assertEquals(401, api.get("/api/v1/me", early).status());
    }

    /** Was accepted: any HMAC algorithm the key is long enough for (HS384 here) verified, not only the configured HS256. */
    @Test
    void anotherAlgorithmIsRefused() throws Exception {
        String other = sign(JWSAlgorithm.HS384, claimsOf(api.admin()).build());
        assertEquals(401, api.get("/api/v1/me", other).status());
    }

    /** Was: the junk Bearer made the CSRF check step aside while the cookie authenticated the change. */
    @Test
    void aJunkBearerBesideTheSessionCookieIsA401() {
        TestApi.Res login = api.post("/api/v1/session", null, Map.of("username", "admin", "password", TestApi.ADMIN_PASSWORD));
        assertEquals(200, login.status(), login.raw());
        String cookie = login.headerValues("Set-Cookie").stream().filter(c -> c.startsWith("TANFANG_TOKEN="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        TestApi.Res r = api.send("POST", "/api/v1/organizations", null,
                Map.of("name", "Forged Org", "code", "forged-org"),
                Map.of("Cookie", cookie, "Authorization", "Bearer junk.junk.junk"));
        assertEquals(401, r.status(), r.raw());
        TestApi.Res list = api.send("GET", "/api/v1/organizations", null, null,
                Map.of("Cookie", cookie, "Authorization", "Bearer junk"));
        assertEquals(401, list.status(), list.raw());
    }
}
