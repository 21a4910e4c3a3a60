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
 * a role its @Secured does not allow. Every route that takes an id is also called, on real objects, as a CLIENT
 * of another organisation and as staff of each role who are not on the project's team: 404 (or 403 where the
 * role is refused anyway), never a success. New routes are covered automatically.
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
    @Inject
    javax.sql.DataSource dataSource;
    @Inject
    com.tanfang.MutableClock clock;
    @Inject
    com.tanfang.document.store.GeneratedDocuments documents;

    @org.junit.jupiter.api.AfterEach
    void resetClock() {
        clock.reset();
    }

    /**
     * Routes with ids whose objects are not a project's: the certification body's client register (organisations,
     * sites, locations) and its shared library of schemes. Every staff member sees them (a lead plans projects from
     * them); only a CLIENT is confined, to its own organisation, and the foreign-CLIENT pass covers them.
     */
    private static final List<String> SHARED_WITH_STAFF = List.of("/api/v1/organizations/", "/api/v1/schemes/");

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

    /** The real objects every id-taking route is called on; the demo lead leads the project. */
    private final class Objects {
        final TestApi api = new TestApi(server.getURL(), json);
        final SurveyFixture f = SurveyFixture.openNow(api);
        final Map<String, String> ids = new java.util.HashMap<>();
        final Map<String, Object> bodies = new java.util.HashMap<>();

        @SuppressWarnings("unchecked")
        Objects() throws java.sql.SQLException {
            long responseId = f.submitOnline(0, 4, "13900001234");
            for (int i = 1; i < 4; i++) {
                f.submitOnline(i, 4, "1390000" + (1235 + i));
            }
            f.closeNow(clock);
            TestApi.Res draw = api.post("/api/v1/campaigns/" + f.campaignId + "/callback/draws", f.lead, Map.of());
            assertEquals(201, draw.status(), draw.raw());
            List<Map<String, Object>> items = (List<Map<String, Object>>) draw.map().get("items");
            Map<String, Object> project = (Map<String, Object>) api.get("/api/v1/projects/" + f.projectId, f.lead).map()
                    .get("project");
            long orgId = ((Number) project.get("organizationId")).longValue();
            long siteId = ((Number) project.get("siteId")).longValue();
            long locationId = ((Number) api.get("/api/v1/organizations/" + orgId + "/sites/" + siteId + "/locations",
                    f.lead).list().get(0).get("id")).longValue();
            long auditorId = ((Number) api.get("/api/v1/me", api.demo("auditor")).map().get("id")).longValue();
            long verifierId = ((Number) api.get("/api/v1/me", api.demo("verifier")).map().get("id")).longValue();
            Map<String, Object> scheme = api.get("/api/v1/schemes", f.lead).list().stream()
                    .filter(x -> "property-management".equals(x.get("code"))).findFirst().orElseThrow();
            ids.put("projectId", String.valueOf(f.projectId));
            ids.put("campaignId", String.valueOf(f.campaignId));
            ids.put("pointId", String.valueOf(f.pointId(0)));
            ids.put("responseId", String.valueOf(responseId));
            ids.put("itemId", String.valueOf(items.get(0).get("id")));
            ids.put("orgId", String.valueOf(orgId));
            ids.put("siteId", String.valueOf(siteId));
            ids.put("locationId", String.valueOf(locationId));
            ids.put("userId", String.valueOf(auditorId));
            ids.put("schemeId", String.valueOf(scheme.get("id")));
            ids.put("version", "1");
            String now = java.time.Instant.now().toString();
            String later = java.time.Instant.now().plusSeconds(86400).toString();
            // Valid bodies, so that validation cannot answer before the access check does.
            bodies.put("PUT /api/v1/organizations/{orgId}", Map.of("name", "Renamed " + System.nanoTime()));
            bodies.put("POST /api/v1/organizations/{orgId}/sites", Map.of("name", "Site " + System.nanoTime(), "kind", "SHOP"));
            bodies.put("PUT /api/v1/organizations/{orgId}/sites/{siteId}", Map.of("name", "Renamed site", "kind", "ESTATE"));
            bodies.put("POST /api/v1/organizations/{orgId}/sites/{siteId}/locations",
                    Map.of("kind", "AREA", "code", "X" + System.nanoTime(), "name", "Area"));
            bodies.put("PATCH /api/v1/organizations/{orgId}/sites/{siteId}/locations/{locationId}", Map.of("name", "Renamed"));
            bodies.put("POST /api/v1/organizations/{orgId}/sites/{siteId}/locations/bulk",
                    Map.of("kind", "AREA", "from", 1, "to", 2, "nameTemplate", "Area {n}", "codeTemplate", "Z{n}"));
            bodies.put("POST /api/v1/projects/{projectId}/campaigns", Map.of("titleZh", "调查", "opensAt", now, "closesAt", later));
            bodies.put("POST /api/v1/projects/{projectId}/members", Map.of("userId", auditorId));
            bodies.put("POST /api/v1/campaigns/{campaignId}/responses/{responseId}/exclusion", Map.of("reason", "test"));
            bodies.put("POST /api/v1/campaigns/{campaignId}/responses/{responseId}/exclusion/undo", Map.of("reason", "test"));
            bodies.put("POST /api/v1/campaigns/{campaignId}/offline-responses", Map.of("submissionId", "route-" + System.nanoTime(),
                    "pointId", f.pointId(0), "secondAuditorId", auditorId, "staffAbsent", true, "answers", f.answers(4)));
            bodies.put("POST /api/v1/campaigns/{campaignId}/offline-responses/{responseId}/corrections", Map.of(
                    "submissionId", "route-fix-" + System.nanoTime(), "pointId", f.pointId(0), "secondAuditorId", auditorId,
                    "staffAbsent", true, "answers", f.answers(4)));
            bodies.put("POST /api/v1/campaigns/{campaignId}/callback/draws", Map.of("reason", "redraw"));
            bodies.put("POST /api/v1/campaigns/{campaignId}/callback/enlargement", Map.of());
            bodies.put("PUT /api/v1/callbacks/items/{itemId}/assignment", Map.of("verifierId", verifierId));
            bodies.put("POST /api/v1/callbacks/items/{itemId}/attempts", Map.of("outcome", "CONFIRMED"));
            bodies.put("POST /api/v1/callbacks/items/{itemId}/denial-undo", Map.of("reason", "mistake"));
            // Visits (task V): a shopper's visit in progress with one photo.
            VisitFixture visits = new VisitFixture(api, server.getURL().toString(), json, f);
            long visitId = visits.visitInProgress(visits.shopper, visits.shopperId);
            byte[] jpeg = VisitFixture.jpeg("route");
            TestApi.Res photo = visits.photo(visitId, visits.shopper, java.util.UUID.randomUUID(), jpeg,
                    VisitFixture.sha256(jpeg), visits.version(visitId, visits.shopper), null, "image/jpeg");
            assertEquals(200, photo.status(), photo.raw());
            ids.put("visitId", String.valueOf(visitId));
            ids.put("clientId", java.util.UUID.randomUUID().toString());
            ids.put("photoId", String.valueOf(((Map<String, Object>) photo.map().get("photo")).get("id")));
            Map<String, Object> position = Map.of("deviceAt", now);
            bodies.put("PUT /api/v1/projects/{projectId}/visit-checklist", Map.of("items", List.of()));
            bodies.put("POST /api/v1/projects/{projectId}/visits", Map.of("mode", "OPEN", "windowFrom", now, "windowTo", later));
            bodies.put("POST /api/v1/projects/{projectId}/visit-comments", Map.of("text", "comment"));
            bodies.put("PUT /api/v1/visits/{visitId}/rater", Map.of("raterId", visits.shopperId));
            bodies.put("PUT /api/v1/visits/{visitId}/offer", Map.of("offered", true));
            bodies.put("POST /api/v1/visits/{visitId}/check-in", position);
            bodies.put("POST /api/v1/visits/{visitId}/check-out", position);
            bodies.put("PUT /api/v1/visits/{visitId}/answers", Map.of("clientId", java.util.UUID.randomUUID().toString(),
                    "visitVersion", 1, "itemCode", "P2", "value", 5));
            bodies.put("POST /api/v1/visits/{visitId}/submit", Map.of("visitVersion", 1));
            bodies.put("POST /api/v1/visits/{visitId}/return", Map.of("comments", List.of(Map.of("text", "fix"))));
            bodies.put("POST /api/v1/visits/{visitId}/reject", Map.of("reason", "test"));
            bodies.put("POST /api/v1/visits/{visitId}/approval-withdrawal", Map.of("reason", "test"));
            // Findings (issue 12): an N/A decision, a deduction, a finding and an attachment on the project.
            String deadline = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(10).toString();
            TestApi.Res na = api.post("/api/v1/projects/" + f.projectId + "/evaluation/na-decisions", f.lead,
                    Map.of("itemCode", "P17", "justification", "route test"));
            assertEquals(201, na.status(), na.raw());
            TestApi.Res adjustment = api.post("/api/v1/projects/" + f.projectId + "/evaluation/adjustments", f.lead,
                    Map.of("kind", "DEDUCTION", "reason", "route test", "noEvidenceNote", "none"));
            assertEquals(201, adjustment.status(), adjustment.raw());
            Map<String, Object> findingBody = Map.of("kind", "IMPROVEMENT", "finding", "route test", "deadline", deadline);
            TestApi.Res finding = api.post("/api/v1/projects/" + f.projectId + "/findings", f.lead, findingBody);
            assertEquals(201, finding.status(), finding.raw());
            byte[] pdf = ("%PDF-1.4 route " + System.nanoTime()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            TestApi.Res attachment = api.send("POST", "/api/v1/projects/" + f.projectId + "/evaluation-attachments?sha256="
                    + VisitFixture.sha256(pdf), f.lead, pdf, Map.of("Content-Type", "application/pdf"));
            assertEquals(201, attachment.status(), attachment.raw());
            ids.put("decisionId", String.valueOf(na.map().get("id")));
            ids.put("adjustmentId", String.valueOf(adjustment.map().get("id")));
            ids.put("findingId", String.valueOf(finding.map().get("id")));
            ids.put("attachmentId", String.valueOf(attachment.map().get("id")));
            bodies.put("POST /api/v1/projects/{projectId}/evaluation/na-decisions", Map.of("itemCode", "P18", "justification", "x"));
            bodies.put("POST /api/v1/projects/{projectId}/evaluation/na-decisions/{decisionId}/withdraw", Map.of("reason", "x"));
            bodies.put("POST /api/v1/projects/{projectId}/evaluation/adjustments",
                    Map.of("kind", "DEDUCTION", "reason", "x", "noEvidenceNote", "n"));
            bodies.put("POST /api/v1/projects/{projectId}/evaluation/adjustments/{adjustmentId}/withdraw", Map.of("reason", "x"));
            bodies.put("POST /api/v1/projects/{projectId}/findings", findingBody);
            bodies.put("PUT /api/v1/findings/{findingId}", findingBody);
            bodies.put("POST /api/v1/findings/{findingId}/answer", Map.of("correctiveAction", "x"));
            bodies.put("POST /api/v1/findings/{findingId}/send-back", Map.of("reason", "x"));
            bodies.put("POST /api/v1/projects/{projectId}/evaluation/survey-review/decisions",
                    Map.of("itemCode", "S1", "decision", "ACCEPT", "note", "test"));
            // the evaluation's sign-off (issue 12): revision 1 of the project, signed and released (written here: the
            // fixture's sheet is provisional and cannot be signed through the API), so its reads answer the lead
            ids.put("number", "1");
            String snapshot = "{\"projectId\":" + f.projectId + ",\"schemeCode\":\"route\",\"title\":\"route\"}";
            long leadId = ((Number) api.get("/api/v1/me", f.lead).map().get("id")).longValue();
            try (java.sql.Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource
                    .unwrapDataSource(dataSource).getConnection();
                 java.sql.PreparedStatement ps = c.prepareStatement("insert into evaluation_revision (project_id, number,"
                         + " opened_at, signed_at, signed_by, snapshot, snapshot_sha256, released_at, released_by)"
                         + " values (?, 1, now(), now(), ?, ?, ?, now(), ?)")) {
                ps.setLong(1, f.projectId);
                ps.setLong(2, leadId);
                ps.setString(3, snapshot);
                ps.setString(4, com.tanfang.evaluation.signoff.SheetSnapshots.sha256(snapshot));
                ps.setLong(5, leadId);
                ps.executeUpdate();
            }
            // a stored audit report of that revision (issue 13), for the download route
            // on another thread: its own committed transaction, not this test's (the server must see it)
            byte[] routePdf = ("%PDF-1.4 route " + System.nanoTime()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            ids.put("documentId", String.valueOf(java.util.concurrent.CompletableFuture.supplyAsync(() -> documents.store(
                    com.tanfang.document.store.DocumentKind.AUDIT_REPORT, f.projectId, 1, com.tanfang.message.Language.ZH_CN,
                    f.projectId, routePdf, leadId)).join().id()));
            bodies.put("PUT /api/v1/projects/{projectId}/reports/audit/narrative", Map.of("revision", 1,
                    "auditType", "SURVEILLANCE", "recommend", true));
            // a certificate of that revision (issue 13), written here for the same reason; its GETs answer the lead
            try (java.sql.Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource
                    .unwrapDataSource(dataSource).getConnection();
                 java.sql.PreparedStatement ps = c.prepareStatement("insert into certificate (public_id, number,"
                         + " number_year, number_sequence, project_id, revision, revision_sha256, audit_report_sha256,"
                         + " organization_id, organization_name, site_id, site_name, scheme_code, scheme_version,"
                         + " scheme_title_zh, scope_zh, grade_key, grade_name_zh, public_url, issued_on, expires_on, status,"
                         + " status_changed_at, issued_at, issued_by) values (?, ?, 1900, ?, ?, 1, ?, ?, ?, '路由测试', ?,"
                         + " '路由测试', 'route', 1, '路由', '路由', 'ok', '达标', 'http://localhost/c/x', current_date,"
                         + " current_date + 365, 'VALID', now(), now(), ?) returning id")) {
                int sequence = (int) (System.nanoTime() % 1_000_000_000L) + 1;
                ps.setString(1, java.util.UUID.randomUUID().toString().replace("-", ""));
                ps.setString(2, "ROUTE-" + System.nanoTime());
                ps.setInt(3, Math.abs(sequence) + 1);
                ps.setLong(4, f.projectId);
                ps.setString(5, com.tanfang.evaluation.signoff.SheetSnapshots.sha256(snapshot));
                ps.setString(6, "0".repeat(64));
                ps.setLong(7, orgId);
                ps.setLong(8, siteId);
                ps.setLong(9, leadId);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    ids.put("certificateId", String.valueOf(rs.getLong(1)));
                }
            }
            bodies.put("POST /api/v1/certificates/{certificateId}/status", Map.of("action", "SUSPEND", "reason", "route test"));
            bodies.put("POST /api/v1/projects/{projectId}/evaluation/sign-off", Map.of("expectedSha256", "0".repeat(64)));
            bodies.put("POST /api/v1/projects/{projectId}/evaluation/revisions", Map.of("reason", "test"));
        }

        String path(String template) {
            String t = template.startsWith("/api/v1/schemes/") ? template.replace("{id}", "{schemeId}")
                    : template.startsWith("/api/v1/users/") ? template.replace("{id}", "{userId}") : template;
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(t);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String id = ids.get(m.group(1));
                if (id == null) {
                    throw new AssertionError("RouteSecurityTest has no object for {" + m.group(1) + "} in " + template
                            + ": add one to its fixture");
                }
                m.appendReplacement(out, id);
            }
            return m.appendTail(out).toString();
        }

        Object body(String key, String method) {
            return bodies.getOrDefault(key, Set.of("POST", "PUT", "PATCH").contains(method) ? "{}" : null);
        }
    }

    private List<UriRouteInfo<?, ?>> idRoutes() {
        return router.uriRoutes().filter(r -> {
            String t = r.getUriMatchTemplate().toString();
            return t.startsWith("/api/v1") && t.contains("{") && !t.startsWith("/api/v1/public/")
                    && !"HEAD".equals(r.getHttpMethodName());
        }).<UriRouteInfo<?, ?>>map(r -> r).toList();
    }

    private static List<String> allowed(UriRouteInfo<?, ?> route) {
        return Arrays.asList(route.getAnnotationMetadata().stringValues(Secured.class));
    }

    @Test
    void everyRouteThatTakesAnIdHidesOtherClientsAndOtherTeamsObjects() throws Exception {
        Objects o = new Objects();
        TestApi api = o.api;
        String admin = api.admin();
        // The ids are real: the project's lead (an ADMIN where only an ADMIN may) reads every GET route's object.
        List<String> failures = new ArrayList<>();
        for (UriRouteInfo<?, ?> route : idRoutes()) {
            String key = route.getHttpMethodName() + " " + route.getUriMatchTemplate();
            if (route.getHttpMethodName().equals("GET")) {
                String who = allowed(route).contains("LEAD") ? o.f.lead : admin;
                int status = api.send("GET", o.path(route.getUriMatchTemplate().toString()), who, null, ANY).status();
                if (status != 200) {
                    failures.add(key + " for the project's lead or an ADMIN gave " + status + ": the fixture is wrong");
                }
            }
        }
        long otherOrg = ((Number) api.post("/api/v1/organizations", admin,
                Map.of("name", "Other client " + System.nanoTime())).map().get("id")).longValue();
        Map<String, String> outsiders = new java.util.LinkedHashMap<>();
        outsiders.put("CLIENT", api.newUser("foreign-client-" + System.nanoTime(), "CLIENT", otherOrg));
        for (String role : List.of("LEAD", "AUDITOR", "VERIFIER", "SHOPPER")) {
            outsiders.put(role, api.newUser("off-team-" + role.toLowerCase() + "-" + System.nanoTime(), role, null));
        }
        int checked404 = 0;
        int checked403 = 0;
        for (UriRouteInfo<?, ?> route : idRoutes()) {
            String method = route.getHttpMethodName();
            String template = route.getUriMatchTemplate().toString();
            String key = method + " " + template;
            List<String> allowed = allowed(route);
            for (Map.Entry<String, String> outsider : outsiders.entrySet()) {
                String role = outsider.getKey();
                boolean staff = !role.equals("CLIENT");
                if (staff && SHARED_WITH_STAFF.stream().anyMatch(template::startsWith)) {
                    continue;
                }
                TestApi.Res r = api.send(method, o.path(template), outsider.getValue(), o.body(key, method), ANY);
                int expected = allowed.contains(role) ? 404 : 403;
                if (r.status() != expected) {
                    failures.add(key + " as " + (staff ? role + " off the team" : "a CLIENT of another organisation")
                            + " gave " + r.status() + ", expected " + expected + " " + r.raw());
                } else if (expected == 404) {
                    checked404++;
                } else {
                    checked403++;
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(checked404 >= 40, "checked " + checked404 + " outsider/route pairs for 404");
        System.out.printf("RouteSecurityTest: outsiders got 404 on %d and 403 on %d role/route pairs%n",
                checked404, checked403);
    }
}
