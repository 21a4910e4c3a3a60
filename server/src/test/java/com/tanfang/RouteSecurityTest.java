package com.tanfang;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every /api/v1 route of the application: 401 without a token unless it is explicitly public, and 403 for
 * a role its @Secured does not allow. New routes are covered automatically.
 */
@MicronautTest
class RouteSecurityTest {
    /** Routes that are public on purpose. */
    private static final Set<String> PUBLIC = Set.of("POST /api/v1/session",
            "GET /api/v1/public/surveys/{token}", "POST /api/v1/public/surveys/{token}/responses");
    private static final Map<String, String> USER_FOR_ROLE = Map.of(
            "ADMIN", "admin", "LEAD", "lead", "AUDITOR", "auditor", "SHOPPER", "shopper", "VERIFIER", "verifier",
            "CLIENT", "client");

    /** Routes that produce PNG or PDF would answer 406 to the default JSON Accept header before security runs. */
    private static final Map<String, String> ANY = Map.of("Accept", "*/*");

    @Inject
    Router router;
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    @Test
    void everyApiRouteRequiresAuthenticationAndTheRightRole() {
        TestApi api = new TestApi(server.getURL(), json);
        Map<String, String> tokens = new java.util.HashMap<>();
        USER_FOR_ROLE.forEach((role, user) -> tokens.put(role,
                user.equals("admin") ? api.admin() : api.demo(user)));
        List<String> failures = new ArrayList<>();
        int checked401 = 0;
        int checked403 = 0;
        for (UriRouteInfo<?, ?> route : router.uriRoutes().toList()) {
            String template = route.getUriMatchTemplate().toString();
            if (!template.startsWith("/api/v1")) {
                continue;
            }
            String method = route.getHttpMethodName();
            String key = method + " " + template;
            String path = template.replaceAll("\\{[^}]+}", "1");
            Object body = Set.of("POST", "PUT", "PATCH").contains(method) ? "{}" : null;
            // Micronaut answers HEAD for every GET route: public with it.
            if (!PUBLIC.contains(key.replaceFirst("^HEAD ", "GET "))) {
                int status = api.send(method, path, null, body, ANY).status();
                checked401++;
                if (status != 401) {
                    failures.add(key + " without token gave " + status);
                }
            }
            String[] secured = route.getAnnotationMetadata().stringValues(Secured.class);
            List<String> allowed = Arrays.asList(secured);
            if (allowed.isEmpty()) {
                failures.add(key + " has no @Secured");
                continue;
            }
            if (allowed.contains(SecurityRule.IS_AUTHENTICATED) || allowed.contains(SecurityRule.IS_ANONYMOUS)) {
                continue;
            }
            for (String role : USER_FOR_ROLE.keySet()) {
                if (allowed.contains(role)) {
                    continue;
                }
                int status = api.send(method, path, tokens.get(role), body, ANY).status();
                checked403++;
                if (status != 403) {
                    failures.add(key + " as " + role + " gave " + status + " (allowed: " + allowed + ")");
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(checked401 >= 15, "checked " + checked401 + " routes for 401");
        assertTrue(checked403 >= 30, "checked " + checked403 + " role/route pairs for 403");
        System.out.printf("RouteSecurityTest: %d routes answered 401, %d role/route pairs answered 403%n",
                checked401, checked403);
        assertEquals(0, failures.size());
    }
}
