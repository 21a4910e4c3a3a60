package com.tanfang.account;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An ADMIN resets passwords (shown once) and changes roles, within the rules, with evidence of each. */
@MicronautTest
class UserAdminApiTest {
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

    private long id(String token) {
        return ((Number) api.get("/api/v1/me", token).map().get("id")).longValue();
    }

    /** The evidence rows about a user with this action: their detail JSON, oldest first. */
    private List<String> evidence(long userId, String action) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             var st = c.prepareStatement("select detail::text, actor from evidence_log where subject_type = 'USER'"
                     + " and subject_id = ? and action = ? order by seq")) {
            st.setLong(1, userId);
            st.setString(2, action);
            ResultSet rs = st.executeQuery();
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1) + " by " + rs.getLong(2));
            }
            return out;
        }
    }

    @Test
    void aResetPasswordIsInTheAnswerOnceAndTheEvidenceNeverHoldsIt() throws SQLException {
        String admin = api.admin();
        long adminId = id(admin);
        long userId = id(api.newUser("reset-me-" + System.nanoTime(), "AUDITOR", null));

        TestApi.Res reset = api.post("/api/v1/users/" + userId + "/password-reset", admin, null);
        assertEquals(200, reset.status(), reset.raw());
        String password = (String) reset.map().get("password");
        assertTrue(password != null && password.length() >= Passwords.MIN_LENGTH, reset.raw());
        assertFalse(api.get("/api/v1/users/" + userId, admin).raw().contains(password), "not readable again");
        assertFalse(api.get("/api/v1/users", admin).raw().contains(password), "not in the list either");

        String username = (String) ((Map<?, ?>) reset.map().get("user")).get("username");
        String oneTime = api.login(username, password);
        assertEquals(true, api.get("/api/v1/me", oneTime).map().get("mustChangePassword"));
        assertEquals(403, api.get("/api/v1/projects", oneTime).status(), "a one-time password buys only its change");

        List<String> rows = evidence(userId, "user.password_reset");
        assertEquals(1, rows.size(), rows.toString());
        assertTrue(rows.get(0).endsWith(" by " + adminId), rows.toString());
        assertFalse(rows.get(0).contains(password), "the evidence never holds the password: " + rows);
    }

    @Test
    void aRoleChangeEndsTheUsersEarlierTokensAndTheNextLoginCarriesTheNewRoles() throws SQLException {
        String admin = api.admin();
        String username = "promoted-" + System.nanoTime();
        String before = api.newUser(username, "AUDITOR", null);
        long userId = id(before);

        TestApi.Res renamed = api.patch("/api/v1/users/" + userId, admin, Map.of("displayName", "Renamed"));
        assertEquals(200, renamed.status(), renamed.raw());
        assertEquals(200, api.get("/api/v1/me", before).status(), "a new name leaves the sessions alone");

        TestApi.Res changed = api.patch("/api/v1/users/" + userId, admin, Map.of("roles", List.of("LEAD", "AUDITOR")));
        assertEquals(200, changed.status(), changed.raw());
        assertEquals(List.of("AUDITOR", "LEAD"), ((List<?>) changed.map().get("roles")).stream().sorted().toList());
        assertEquals(401, api.get("/api/v1/me", before).status(), "a token issued before the change stops working");

        String after = api.login(username, TestApi.USER_PASSWORD);
        assertEquals(List.of("AUDITOR", "LEAD"),
                ((List<?>) api.get("/api/v1/me", after).map().get("roles")).stream().sorted().toList());
        assertEquals(400, api.post("/api/v1/projects", after, Map.of()).status(),
                "the new LEAD role is honoured at once (a 400 for the empty body, not a 403)");

        List<String> rows = evidence(userId, "user.changed");
        assertEquals(2, rows.size(), rows.toString());
        assertTrue(rows.get(1).replace(" ", "").contains("\"rolesAfter\":[\"LEAD\",\"AUDITOR\"]"), rows.toString());
        assertTrue(rows.get(1).replace(" ", "").contains("\"rolesBefore\":[\"AUDITOR\"]"), rows.toString());
        assertTrue(rows.get(1).replace(" ", "").contains("\"sessionsEnded\":true"), rows.toString());
    }

    @Test
    void theClientRoleNeedsAnOrganisationAndTheAdminMovesClientsBetweenOrganisations() throws SQLException {
        String admin = api.admin();
        long userId = id(api.newUser("to-client-" + System.nanoTime(), "SHOPPER", null));
        TestApi.Res orphan = api.patch("/api/v1/users/" + userId, admin, Map.of("roles", List.of("CLIENT")));
        assertEquals(400, orphan.status(), orphan.raw());
        assertEquals(List.of("organizationId"), orphan.problemFields());
        assertEquals(List.of("SHOPPER"), api.get("/api/v1/users/" + userId, admin).map().get("roles"), "nothing written");

        long org1 = ((Number) api.post("/api/v1/organizations", admin, Map.of("name", "甲方 " + System.nanoTime()))
                .map().get("id")).longValue();
        long org2 = ((Number) api.post("/api/v1/organizations", admin, Map.of("name", "乙方 " + System.nanoTime()))
                .map().get("id")).longValue();
        TestApi.Res client = api.patch("/api/v1/users/" + userId, admin,
                Map.of("roles", List.of("CLIENT"), "organizationId", org1));
        assertEquals(200, client.status(), client.raw());
        TestApi.Res moved = api.patch("/api/v1/users/" + userId, admin, Map.of("organizationId", org2));
        assertEquals(org2, ((Number) moved.map().get("organizationId")).longValue());
        TestApi.Res nowhere = api.patch("/api/v1/users/" + userId, admin, Map.of("organizationId", 987654321L));
        assertEquals(400, nowhere.status());
        assertEquals(List.of("organizationId"), nowhere.problemFields());

        TestApi.Res noRoles = api.patch("/api/v1/users/" + userId, admin, Map.of("roles", List.of()));
        assertEquals(400, noRoles.status());
        assertEquals(List.of("roles"), noRoles.problemFields());
        assertEquals(2, evidence(userId, "user.changed").size(), "refused changes leave no evidence");
    }

    @Test
    void anAdminMayGiveUpTheAdminRoleOnlyWhileAnotherAdminRemains() throws SQLException {
        String admin = api.admin();
        long adminId = id(admin);
        String second = "second-admin-" + System.nanoTime();
        String secondToken = api.newUser(second, "ADMIN", null);
        long secondId = id(secondToken);

        // With "admin" still there, the second admin steps down itself; its session ends with the change.
        TestApi.Res stepDown = api.patch("/api/v1/users/" + secondId, secondToken, Map.of("roles", List.of("LEAD")));
        assertEquals(200, stepDown.status(), stepDown.raw());
        assertEquals(401, api.get("/api/v1/me", secondToken).status());

        // Every other active admin (other tests' included) is disabled for a moment, so that "admin" is the last.
        List<Long> others = api.get("/api/v1/users", admin).list().stream()
                .filter(u -> Boolean.TRUE.equals(u.get("enabled")) && ((List<?>) u.get("roles")).contains("ADMIN"))
                .map(u -> ((Number) u.get("id")).longValue()).filter(i -> i != adminId).toList();
        others.forEach(o -> assertEquals(200, api.patch("/api/v1/users/" + o, admin, Map.of("enabled", false)).status()));
        try {
            TestApi.Res last = api.patch("/api/v1/users/" + adminId, admin, Map.of("roles", List.of("LEAD")));
            assertEquals(409, last.status(), last.raw());
            assertEquals(List.of("roles"), last.problemFields());
            assertEquals(200, api.get("/api/v1/me", admin).status(), "refused: the session goes on");
            assertTrue(api.get("/api/v1/users/" + adminId, admin).map().get("roles").toString().contains("ADMIN"));
            TestApi.Res self = api.patch("/api/v1/users/" + adminId, admin, Map.of("enabled", false));
            assertEquals(400, self.status(), "nobody disables themselves");
        } finally {
            others.forEach(o -> api.patch("/api/v1/users/" + o, admin, Map.of("enabled", true)));
        }
        assertTrue(evidence(adminId, "user.changed").isEmpty());
    }
}
