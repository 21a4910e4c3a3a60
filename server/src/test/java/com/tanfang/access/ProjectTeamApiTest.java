package com.tanfang.access;

import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Project teams: who reaches a project, who manages its team, face-to-face witnesses and the verifier queue. */
@MicronautTest(transactional = false)
class ProjectTeamApiTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    javax.sql.DataSource dataSource;
    @Inject
    com.tanfang.MutableClock clock;

    @org.junit.jupiter.api.AfterEach
    void resetClock() {
        clock.reset();
    }
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(server.getURL(), json);
    }

    private long id(String token) {
        return ((Number) api.get("/api/v1/me", token).map().get("id")).longValue();
    }

    private static List<Long> ids(List<Map<String, Object>> rows, String field) {
        return rows.stream().map(r -> ((Number) r.get(field)).longValue()).toList();
    }

    private long evidence(String action, long projectId, long userId) throws SQLException {
        try (Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource)
                .getConnection();
             var st = c.prepareStatement("select count(*) from evidence_log where action = ? and subject_type = 'PROJECT'"
                     + " and subject_id = ? and (detail->>'userId')::bigint = ?")) {
            st.setString(1, action);
            st.setLong(2, projectId);
            st.setLong(3, userId);
            var rs = st.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aLeadOffTheTeamSeesNothingUntilAnAdminAddsHim() throws SQLException {
        SurveyFixture f = SurveyFixture.openNow(api);
        String outsider = api.newUser("lead-outside-" + System.nanoTime(), "LEAD", null);
        long outsiderId = id(outsider);
        String project = "/api/v1/projects/" + f.projectId;
        String campaign = "/api/v1/campaigns/" + f.campaignId;

        assertEquals(404, api.get(project, outsider).status());
        assertEquals(404, api.get(project + "/campaigns", outsider).status());
        assertEquals(404, api.get(campaign, outsider).status());
        assertEquals(404, api.get(campaign + "/results", outsider).status());
        assertFalse(ids(api.get("/api/v1/projects", outsider).list(), "id").contains(f.projectId), "not listed");
        assertEquals(404, api.post(project + "/members", outsider, Map.of("userId", outsiderId)).status(),
                "he cannot add himself to a team he cannot see");

        TestApi.Res added = api.post(project + "/members", api.admin(), Map.of("userId", outsiderId));
        assertEquals(200, added.status(), added.raw());
        assertTrue(ids(added.list(), "userId").contains(outsiderId));
        assertEquals(1, evidence("project.member.added", f.projectId, outsiderId));
        assertEquals(200, api.get(project, outsider).status());
        assertEquals(200, api.get(project + "/campaigns", outsider).status());
        assertEquals(200, api.get(campaign, outsider).status());
        assertTrue(ids(api.get("/api/v1/projects", outsider).list(), "id").contains(f.projectId), "listed now");
        assertEquals(403, api.post(project + "/members", outsider, Map.of("userId", id(api.demo("shopper")))).status(),
                "a member who does not lead the project does not manage its team");

        TestApi.Res removed = api.send("DELETE", project + "/members/" + outsiderId, f.lead, null, Map.of());
        assertEquals(200, removed.status(), removed.raw());
        assertFalse(ids(removed.list(), "userId").contains(outsiderId));
        assertEquals(1, evidence("project.member.removed", f.projectId, outsiderId));
        assertEquals(404, api.get(project, outsider).status(), "off the team again");
    }

    @Test
    void theProjectsLeadManagesItsTeamWithinLimits() {
        SurveyFixture f = SurveyFixture.openNow(api);
        String project = "/api/v1/projects/" + f.projectId;
        long leadId = id(f.lead);
        long shopperId = id(api.demo("shopper"));
        long clientId = id(api.demo("client"));

        List<Map<String, Object>> team = api.get(project + "/members", f.lead).list();
        assertEquals(leadId, ((Number) team.get(0).get("userId")).longValue(), "the lead comes first");
        assertEquals(true, team.get(0).get("lead"));
        TestApi.Res shopper = api.post(project + "/members", f.lead, Map.of("userId", shopperId));
        assertEquals(200, shopper.status(), shopper.raw());
        assertEquals(200, api.post(project + "/members", f.lead, Map.of("userId", shopperId)).status(), "again: no change");
        assertEquals(1, ids(api.get(project + "/members", f.lead).list(), "userId").stream()
                .filter(x -> x == shopperId).count());

        TestApi.Res client = api.post(project + "/members", f.lead, Map.of("userId", clientId));
        assertEquals(400, client.status());
        assertEquals(List.of("userId"), client.problemFields());
        TestApi.Res nobody = api.post(project + "/members", f.lead, Map.of("userId", 999_999));
        assertEquals(400, nobody.status());
        assertEquals(List.of("userId"), nobody.problemFields());
        TestApi.Res empty = api.post(project + "/members", f.lead, Map.of());
        assertEquals(400, empty.status());
        assertEquals(List.of("userId"), empty.problemFields());
        assertEquals(409, api.send("DELETE", project + "/members/" + leadId, api.admin(), null, Map.of()).status(),
                "the lead stays on its team");
        assertEquals(404, api.send("DELETE", project + "/members/" + clientId, f.lead, null, Map.of()).status());
        assertEquals(403, api.get(project + "/members", api.demo("client")).status(), "a client does not read the team");
        Object clientSees = api.get(project, api.demo("client")).map().get("memberIds"); // empty lists are left out
        assertTrue(clientSees == null || ((List<?>) clientSees).isEmpty(), "nor learns from the project who is on it: "
                + clientSees);
        assertTrue(((List<?>) api.get(project, f.lead).map().get("memberIds")).stream()
                .anyMatch(x -> ((Number) x).longValue() == shopperId), "staff do");
    }

    @Test
    void aLeadCreatesProjectsItLeadsItself() {
        SurveyFixture f = SurveyFixture.openNow(api);
        Map<String, Object> p = (Map<String, Object>) api.get("/api/v1/projects/" + f.projectId, f.lead).map().get("project");
        String other = api.newUser("lead-other-" + System.nanoTime(), "LEAD", null);
        Map<String, Object> body = new HashMap<>(Map.of("organizationId", p.get("organizationId"), "siteId",
                p.get("siteId"), "schemeVersionId", p.get("schemeVersionId"), "evaluationType", "INITIAL",
                "title", "Someone else's", "leadUserId", id(other)));
        TestApi.Res refused = api.post("/api/v1/projects", f.lead, body);
        assertEquals(400, refused.status(), refused.raw());
        assertEquals(List.of("leadUserId"), refused.problemFields());
        TestApi.Res byAdmin = api.post("/api/v1/projects", api.admin(), body);
        assertEquals(201, byAdmin.status(), byAdmin.raw());
        long created = ((Number) ((Map<String, Object>) byAdmin.map().get("project")).get("id")).longValue();
        assertEquals(200, api.get("/api/v1/projects/" + created, other).status(), "the named lead reaches it");
        assertEquals(404, api.get("/api/v1/projects/" + created, f.lead).status(), "the demo lead is not on it");
    }

    @Test
    void faceToFaceEntryNeedsBothAuditorsOnTheTeam() {
        SurveyFixture f = SurveyFixture.openNow(api);
        String auditor = api.demo("auditor");
        String outsider = api.newUser("auditor-outside-" + System.nanoTime(), "AUDITOR", null);
        long outsiderId = id(outsider);
        String path = "/api/v1/campaigns/" + f.campaignId + "/offline-responses";
        Map<String, Object> entry = new HashMap<>(Map.of("submissionId", UUID.randomUUID().toString(),
                "pointId", f.pointId(1), "secondAuditorId", outsiderId, "staffAbsent", true, "answers", f.answers(3)));

        TestApi.Res foreignWitness = api.post(path, auditor, entry);
        assertEquals(400, foreignWitness.status(), foreignWitness.raw());
        assertEquals(List.of("secondAuditorId"), foreignWitness.problemFields());
        entry.put("secondAuditorId", id(f.lead));
        assertEquals(404, api.post(path, outsider, entry).status(), "an auditor off the team stores nothing");
        assertEquals(0L, ((Number) f.results().get("offline")).longValue(), "nothing was stored");

        f.addMember(outsider);
        entry.put("secondAuditorId", outsiderId);
        TestApi.Res ok = api.post(path, auditor, entry);
        assertEquals(201, ok.status(), ok.raw());
        assertEquals(1L, ((Number) f.results().get("offline")).longValue());
    }

    @Test
    void anAdminWhoSeesEveryProjectStillEntersFaceToFaceAnswersOnlyOnItsTeam() {
        SurveyFixture f = SurveyFixture.openNow(api);
        String adminAuditor = "admin-auditor-" + System.nanoTime();
        Map<String, Object> user = new HashMap<>(Map.of("username", adminAuditor, "displayName", "Admin auditor",
                "roles", List.of("ADMIN", "AUDITOR"), "password", TestApi.USER_PASSWORD));
        assertEquals(201, api.post("/api/v1/users", api.admin(), user).status());
        String token = api.login(adminAuditor, TestApi.USER_PASSWORD);
        Map<String, Object> entry = new HashMap<>(Map.of("submissionId", UUID.randomUUID().toString(),
                "pointId", f.pointId(0), "secondAuditorId", id(api.demo("auditor")), "staffAbsent", true,
                "answers", f.answers(5)));
        String path = "/api/v1/campaigns/" + f.campaignId + "/offline-responses";
        assertEquals(200, api.get("/api/v1/campaigns/" + f.campaignId, token).status(), "an ADMIN sees it");
        assertEquals(403, api.post(path, token, entry).status(), "but is no witness off the team");
        f.addMember(token);
        assertEquals(201, api.post(path, token, entry).status());
    }

    @Test
    void theVerifierQueueHoldsOnlyItsProjectsItems() throws SQLException {
        SurveyFixture mine = SurveyFixture.openNow(api);
        SurveyFixture theirs = SurveyFixture.openNow(api);
        for (SurveyFixture f : List.of(mine, theirs)) {
            for (int i = 0; i < 3; i++) {
                f.submitOnline(i, 4, "1391234" + String.format("%04d", i));
            }
        }
        // Both answered while open; then time passes both closing times (the clock moves for every campaign).
        mine.closeNow(clock);
        theirs.closeNow(clock);
        for (SurveyFixture f : List.of(mine, theirs)) {
            assertEquals(201, api.post("/api/v1/campaigns/" + f.campaignId + "/callback/draws", f.lead, Map.of()).status());
        }
        String verifier = api.newUser("verifier-team-" + System.nanoTime(), "VERIFIER", null);
        long verifierId = id(verifier);
        mine.addMember(verifier);
        Map<String, Object> queue = api.get("/api/v1/callbacks/queue", verifier).map();
        assertEquals(3, ((Number) queue.get("unassigned")).intValue(), "only the 3 items of its own project");

        long theirItem = ((Number) ((List<Map<String, Object>>) api.get("/api/v1/campaigns/" + theirs.campaignId
                + "/callback", theirs.lead).map().get("items")).get(0).get("id")).longValue();
        TestApi.Res offTeam = api.put("/api/v1/callbacks/items/" + theirItem + "/assignment", theirs.lead,
                Map.of("verifierId", verifierId));
        assertEquals(400, offTeam.status(), offTeam.raw());
        assertEquals(List.of("verifierId"), offTeam.problemFields());

        for (int i = 0; i < 3; i++) {
            TestApi.Res next = api.post("/api/v1/callbacks/next", verifier, null);
            assertEquals(200, next.status(), next.raw());
            assertEquals(mine.campaignId, ((Number) next.map().get("campaignId")).longValue());
        }
        assertEquals(404, api.post("/api/v1/callbacks/next", verifier, null).status(),
                "the other project's items are never offered");
        assertEquals(404, api.get("/api/v1/callbacks/items/" + theirItem, verifier).status());
        Map<String, Object> after = api.get("/api/v1/callbacks/queue", verifier).map();
        assertEquals(3, ((List<?>) after.get("items")).size());
        assertEquals(0, ((Number) after.get("unassigned")).intValue());
    }
}
