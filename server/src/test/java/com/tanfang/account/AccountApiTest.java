package com.tanfang.account;

import com.tanfang.TestApi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class AccountApiTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(server.getURL(), json);
    }

    private static String part(String jwt, int i) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[i]), StandardCharsets.UTF_8);
    }

    @Test
    void loginReturnsASignedBearerToken() {
        TestApi.Res r = api.post("/login", null, Map.of("username", "admin", "password", TestApi.ADMIN_PASSWORD));
        assertEquals(200, r.status());
        String token = (String) r.map().get("access_token");
        assertEquals("Bearer", r.map().get("token_type"));
        assertTrue(part(token, 0).contains("\"HS256\""), part(token, 0));
        assertEquals(200, api.get("/api/v1/me", token).status());
    }

    @Test
    void unsignedOrTamperedTokensAreRejected() {
        String token = api.admin();
        String[] parts = token.split("\\.");
        String noneHeader = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(401, api.get("/api/v1/me", noneHeader + "." + parts[1] + ".").status());
        String claims = part(token, 1).replace("\"ADMIN\"", "\"LEAD\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertEquals(401, api.get("/api/v1/me", tampered).status());
    }

    @Test
    void wrongPasswordIsA401ProblemAndRepeatedFailuresLockTheAccount() {
        api.newUser("locky", "AUDITOR", null);
        for (int i = 0; i < 4; i++) {
            TestApi.Res r = api.post("/login", null, Map.of("username", "locky", "password", "wrong-" + i));
            assertEquals(401, r.status());
            assertEquals("application/problem+json", r.header("Content-Type"));
            assertEquals(List.of("password"), r.problemFields());
        }
        assertEquals(401, api.post("/login", null, Map.of("username", "locky", "password", "wrong-5")).status());
        // Locked now: even the right password waits.
        TestApi.Res locked = api.post("/login", null, Map.of("username", "LOCKY", "password", TestApi.USER_PASSWORD));
        assertEquals(429, locked.status(), locked.raw());
        assertEquals(List.of("username"), locked.problemFields());
    }

    @Test
    void adminCreatesUsersWithFieldLevelErrors() {
        String admin = api.admin();
        TestApi.Res bad = api.post("/api/v1/users", admin, Map.of("username", "a b", "displayName", "", "roles", List.of()));
        assertEquals(400, bad.status());
        assertEquals("application/problem+json", bad.header("Content-Type"));
        assertTrue(bad.problemFields().containsAll(List.of("username", "displayName", "roles")), bad.raw());

        TestApi.Res unknownRole = api.post("/api/v1/users", admin,
                Map.of("username", "rolex", "displayName", "R", "roles", List.of("KING")));
        assertEquals(400, unknownRole.status(), unknownRole.raw());

        Map<String, Object> client = new HashMap<>(Map.of("username", "orphan", "displayName", "O", "roles", List.of("CLIENT")));
        TestApi.Res noOrg = api.post("/api/v1/users", admin, client);
        assertEquals(400, noOrg.status());
        assertEquals(List.of("organizationId"), noOrg.problemFields());

        TestApi.Res weak = api.post("/api/v1/users", admin,
                Map.of("username", "weakling", "displayName", "W", "roles", List.of("AUDITOR"), "password", "short"));
        assertEquals(400, weak.status());
        assertEquals(List.of("password"), weak.problemFields());

        TestApi.Res created = api.post("/api/v1/users", admin,
                Map.of("username", "newbie", "displayName", "New Bie", "roles", List.of("SHOPPER")));
        assertEquals(201, created.status(), created.raw());
        String password = (String) created.map().get("password");
        assertEquals(16, password.length());
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) created.map().get("user");
        assertEquals(true, user.get("mustChangePassword"));

        TestApi.Res dup = api.post("/api/v1/users", admin,
                Map.of("username", "NEWBIE", "displayName", "Again", "roles", List.of("SHOPPER")));
        assertEquals(409, dup.status());
        assertEquals(List.of("username"), dup.problemFields());
        assertEquals(200, api.post("/login", null, Map.of("username", "newbie", "password", password)).status());
    }

    @Test
    void disablingAUserOrResettingThePasswordEndsTheirSessions() {
        String admin = api.admin();
        String token = api.newUser("leaver", "AUDITOR", null);
        long id = ((Number) api.get("/api/v1/me", token).map().get("id")).longValue();
        assertEquals(200, api.get("/api/v1/me", token).status());

        assertEquals(200, api.post("/api/v1/users/" + id + "/password-reset", admin, null).status());
        assertEquals(401, api.get("/api/v1/me", token).status());

        TestApi.Res reset = api.post("/api/v1/users/" + id + "/password-reset", admin, null);
        String fresh = api.login("leaver", (String) reset.map().get("password"));
        assertEquals(true, api.get("/api/v1/me", fresh).map().get("mustChangePassword"));

        assertEquals(200, api.patch("/api/v1/users/" + id, admin, Map.of("enabled", false)).status());
        assertEquals(401, api.get("/api/v1/me", fresh).status());
        assertEquals(401, api.post("/login", null, Map.of("username", "leaver", "password",
                (String) reset.map().get("password"))).status());
    }

    @Test
    void anAdminCannotLockThemselvesOut() {
        String admin = api.admin();
        long id = ((Number) api.get("/api/v1/me", admin).map().get("id")).longValue();
        TestApi.Res r = api.patch("/api/v1/users/" + id, admin, Map.of("enabled", false));
        assertEquals(400, r.status());
        assertEquals(List.of("enabled"), r.problemFields());
    }

    @Test
    void aUserChangesTheirOwnPassword() {
        String token = api.newUser("changer", "LEAD", null);
        TestApi.Res wrong = api.post("/api/v1/me/password", token,
                Map.of("currentPassword", "nope", "newPassword", "Another-pass-42"));
        assertEquals(400, wrong.status());
        assertEquals(List.of("currentPassword"), wrong.problemFields());

        TestApi.Res ok = api.post("/api/v1/me/password", token,
                Map.of("currentPassword", TestApi.USER_PASSWORD, "newPassword", "Another-pass-42"));
        assertEquals(200, ok.status(), ok.raw());
        String newToken = (String) ok.map().get("access_token");
        assertNotEquals(token, newToken);
        assertEquals(401, api.get("/api/v1/me", token).status(), "the old session ends");
        assertEquals(200, api.get("/api/v1/me", newToken).status());
        assertEquals(200, api.post("/login", null, Map.of("username", "changer", "password", "Another-pass-42")).status());
        assertFalse(api.get("/api/v1/users", newToken).status() == 200, "a LEAD does not manage users");
    }
}
