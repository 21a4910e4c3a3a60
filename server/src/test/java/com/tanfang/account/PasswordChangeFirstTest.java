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

/** Was: a one-time password's token could create organisations through the API. */
@MicronautTest
class PasswordChangeFirstTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    @Test
    void aOneTimePasswordOnlyBuysItsReplacement() {
        TestApi api = new TestApi(server.getURL(), json);
        String admin = api.admin();
        api.newUser("onetime-lead", "LEAD", null);
        long id = ((Number) api.get("/api/v1/users", admin).list().stream()
                .filter(u -> "onetime-lead".equals(u.get("username"))).findFirst().orElseThrow().get("id")).longValue();
        TestApi.Res reset = api.post("/api/v1/users/" + id + "/password-reset", admin, null);
        assertEquals(200, reset.status(), reset.raw());
        String oneTime = (String) reset.map().get("password");
        String token = api.login("onetime-lead", oneTime);

        TestApi.Res create = api.post("/api/v1/organizations", token, Map.of("name", "Should Not Exist", "code", "nope"));
        assertEquals(403, create.status(), create.raw());
        assertEquals(List.of("currentPassword"), create.problemFields());
        assertEquals(403, api.get("/api/v1/organizations", token).status());
        assertEquals(200, api.get("/api/v1/me", token).status());

        TestApi.Res changed = api.post("/api/v1/me/password", token,
                Map.of("currentPassword", oneTime, "newPassword", "Brand-new-pass-2026"));
        assertEquals(200, changed.status(), changed.raw());
        String fresh = (String) changed.map().get("access_token");
        assertEquals(200, api.get("/api/v1/organizations", fresh).status());
    }
}
