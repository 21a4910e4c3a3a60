package com.tanfang.evaluation.signoff;

import com.tanfang.evaluation.lock.EvaluationLock;
import com.tanfang.MutableClock;
import com.tanfang.TestApi;
import com.tanfang.VisitFixture;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sign-off, revisions, release and the client's result over the API, on projects of their own (SignOffFixture:
 * a sheet that can become final; VisitFixture: a provisional one).
 */
@MicronautTest(transactional = false)
class SignOffApiTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    MutableClock clock;
    @Inject
    DataSource dataSource;
    @Inject
    EvaluationLock lock;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(server.getURL(), json);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private SignOffFixture finalSheet() {
        SignOffFixture s = new SignOffFixture(api, server.getURL().toString(), json);
        s.close(clock);
        Map<String, Object> o = s.overview();
        assertEquals(Boolean.FALSE, o.get("provisional"), o.toString());
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> state(Map<String, Object> withState) {
        Object nested = withState.get("signOff");
        return (Map<String, Object>) (nested != null ? nested : withState.get("state"));
    }

    private List<String[]> evidence(long projectId) throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement ps = c.prepareStatement("select action, detail::text from evidence_log"
                     + " where subject_type = 'EVALUATION' and subject_id = ? order by seq")) {
            ps.setLong(1, projectId);
            List<String[]> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[]{rs.getString(1), rs.getString(2)});
                }
            }
            return out;
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSnapshotHashIsStableAndChangesWithARating() throws Exception {
        SignOffFixture s = finalSheet();
        String first = s.liveSha256();
        assertTrue(first.matches("[0-9a-f]{64}"), first);
        assertEquals(first, s.liveSha256(), "the same sheet twice: the same hash");
        TestApi.Res en = api.send("GET", "/api/v1/projects/" + s.projectId + "/evaluation/sign-off", s.lead, null,
                Map.of("Accept-Language", "en"));
        assertEquals(first, en.map().get("liveSha256"), "the reader's language does not change the record");

        TestApi.Res signed = s.signOff(s.lead, first);
        assertEquals(200, signed.status(), signed.raw());
        Map<String, Object> st = state(signed.map());
        assertEquals("SIGNED_OFF", st.get("state"));
        assertEquals(1, ((Number) st.get("revision")).intValue());
        assertEquals(first, st.get("signedSha256"));

        // the stored snapshot re-hashes to the stored hash, and the live sheet (re-read) still hashes the same
        Map<String, Object> r1 = api.get("/api/v1/projects/" + s.projectId + "/evaluation/revisions/1", s.lead).map();
        assertEquals(first, r1.get("sha256"));
        assertEquals(first, r1.get("recomputedSha256"));
        assertEquals(Boolean.TRUE, r1.get("verified"));
        String snapshot = (String) r1.get("snapshot");
        assertEquals(first, SheetSnapshots.sha256(snapshot));
        assertFalse(snapshot.contains("computedAt"), "the moment of the read is not content");
        assertTrue(snapshot.contains("\"items\":["), "the whole sheet DTO");
        Map<String, Object> sheet = api.get("/api/v1/projects/" + s.projectId + "/evaluation", s.lead).map();
        Map<String, Object> onSheet = (Map<String, Object>) sheet.get("signOff");
        assertEquals("SIGNED_OFF", onSheet.get("state"));
        assertEquals(first, onSheet.get("liveSha256"));
        assertEquals(Boolean.FALSE, onSheet.get("changedSinceSignOff"));

        List<String[]> rows = evidence(s.projectId);
        assertEquals(1, rows.size());
        assertEquals("evaluation.sign_off", rows.get(0)[0]);
        assertTrue(rows.get(0)[1].contains(first), rows.get(0)[1]);

        // another approved visit: a rating more, the live hash moves and the sheet says it changed since revision 1
        s.approveSpare();
        String after = s.liveSha256();
        assertNotEquals(first, after);
        Map<String, Object> changed = (Map<String, Object>) api.get("/api/v1/projects/" + s.projectId + "/evaluation",
                s.lead).map().get("signOff");
        assertEquals(Boolean.TRUE, changed.get("changedSinceSignOff"));
        assertEquals(first, changed.get("signedSha256"));
        // the signed snapshot itself did not move
        assertEquals(snapshot, api.get("/api/v1/projects/" + s.projectId + "/evaluation/revisions/1", s.lead).map()
                .get("snapshot"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aProvisionalSheetIsNotSignedAndNamesWhy() {
        VisitFixture v = new VisitFixture(api, server.getURL().toString(), json);
        Map<String, Object> o = api.get("/api/v1/projects/" + v.projectId + "/evaluation/sign-off", v.lead).map();
        assertEquals(Boolean.TRUE, o.get("provisional"));
        TestApi.Res r = api.send("POST", "/api/v1/projects/" + v.projectId + "/evaluation/sign-off", v.lead,
                Map.of("expectedSha256", o.get("liveSha256")), Map.of("Accept-Language", "en"));
        assertEquals(409, r.status(), r.raw());
        assertEquals(List.of("provisionalReasons", "provisionalReasons"), r.problemFields(), r.raw());
        assertTrue(r.raw().contains("have no evidence yet") && r.raw().contains("fieldwork"), r.raw());
        assertTrue(evidenceless(v.projectId));
    }

    private boolean evidenceless(long projectId) {
        try {
            return evidence(projectId).isEmpty();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aStaleConfirmationIsRefused() {
        SignOffFixture s = finalSheet();
        String seen = s.liveSha256();
        s.approveSpare();
        TestApi.Res r = s.signOff(s.lead, seen);
        assertEquals(409, r.status(), r.raw());
        assertEquals(List.of("expectedSha256"), r.problemFields());
        assertEquals(400, s.signOff(s.lead, "not-a-hash").status());
        assertTrue(evidenceless(s.projectId), "nothing signed, nothing logged");
        assertEquals(200, s.signOff(s.lead, s.liveSha256()).status(), "the fresh hash signs");
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyTheLeadSignsAndASignedEvaluationIsLockedUntilANewRevision() throws Exception {
        SignOffFixture s = finalSheet();
        String sha = s.liveSha256();
        assertEquals(403, s.signOff(s.v.auditor, sha).status(), "an auditor on the team");
        assertEquals(403, s.signOff(api.admin(), sha).status(), "ADMIN does not sign a result it did not lead");
        assertEquals(404, s.signOff(api.demo("auditor2"), sha).status(), "staff off the team");
        assertEquals(403, s.signOff(s.v.shopper, sha).status(), "a shopper");
        assertEquals(403, s.signOff(api.demo("client"), sha).status(), "the client: a role that never signs");

        lock.requireOpen(s.projectId); // in progress: open
        assertEquals(200, s.signOff(s.lead, sha).status());
        var locked = assertThrows(com.tanfang.message.ConflictException.class, () -> lock.requireOpen(s.projectId));
        assertEquals("evaluation.signed_off", locked.detail().code());
        assertEquals(409, s.signOff(s.lead, sha).status(), "signed already");
        // the writes that change the result are refused through the API while signed (the lock wired into each)
        String evaluation = "/api/v1/projects/" + s.projectId + "/evaluation";
        for (TestApi.Res refused : List.of(
                api.post(evaluation + "/na-decisions", s.lead, Map.of("itemCode", "X1", "justification", "无电梯")),
                api.post(evaluation + "/adjustments", s.lead, Map.of("kind", "DEDUCTION", "reason", "地面积水",
                        "noEvidenceNote", "口头确认")),
                api.post(evaluation + "/reconciliations", s.lead, Map.of("itemCode", "X1", "planId", 1,
                        "firstAnswerId", 1, "secondAnswerId", 2, "value", 4, "notApplicable", false,
                        "reason", "两人复核")))) {
            assertEquals(409, refused.status(), refused.raw());
            assertEquals("evaluation.signed_off", refused.map().get("code"), refused.raw());
        }

        String path = "/api/v1/projects/" + s.projectId + "/evaluation/revisions";
        TestApi.Res noReason = api.post(path, s.lead, Map.of("reason", " "));
        assertEquals(400, noReason.status(), noReason.raw());
        assertEquals(List.of("reason"), noReason.problemFields());
        assertEquals(400, api.post(path, s.lead, Map.of("reason", "x".repeat(1001))).status());
        assertEquals(403, api.post(path, s.v.auditor, Map.of("reason", "复核")).status());
        TestApi.Res opened = api.post(path, s.lead, Map.of("reason", "补充一次暗访 / one more covert visit"));
        assertEquals(200, opened.status(), opened.raw());
        assertEquals(2, ((Number) state(opened.map()).get("revision")).intValue());
        assertEquals("IN_PROGRESS", state(opened.map()).get("state"));
        lock.requireOpen(s.projectId); // revision 2 is open
        assertEquals(409, api.post(path, s.lead, Map.of("reason", "again")).status(), "revision 2 is still open");

        // the change, signed as revision 2; revision 1 stays readable as it was signed
        s.approveSpare();
        String second = s.liveSha256();
        assertEquals(200, s.signOff(s.lead, second).status());
        List<Map<String, Object>> list = api.get(path, s.v.auditor).list();
        assertEquals(2, list.size());
        assertEquals(sha, list.get(0).get("sha256"));
        assertEquals(second, list.get(1).get("sha256"));
        assertEquals("补充一次暗访 / one more covert visit", list.get(1).get("reason"));
        assertNotNull(list.get(0).get("signedBy"));
        Map<String, Object> r1 = api.get(path + "/1", s.lead).map();
        assertEquals(Boolean.TRUE, r1.get("verified"));
        assertEquals(sha, SheetSnapshots.sha256((String) r1.get("snapshot")));
        assertEquals(404, api.get(path + "/3", s.lead).status());
        assertEquals(403, api.get(path, s.v.shopper).status());
        assertEquals(404, api.get(path, api.demo("client")).status());
        assertEquals(List.of("evaluation.sign_off", "evaluation.revision_opened", "evaluation.sign_off"),
                evidence(s.projectId).stream().map(x -> x[0]).toList());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theClientSeesOnlyItsOwnReleasedResultAndNothingCovert() throws Exception {
        SignOffFixture s = finalSheet();
        String client = api.demo("client");
        String result = "/api/v1/projects/" + s.projectId + "/result";
        String release = "/api/v1/projects/" + s.projectId + "/evaluation/release";
        assertEquals(404, api.get(result, client).status(), "nothing before a sign-off");
        assertEquals(409, api.post(release, s.lead, null).status(), "only a signed-off result is released");
        assertEquals(200, s.signOff(s.lead, s.liveSha256()).status());
        assertEquals(404, api.get(result, client).status(), "signed, not yet released");
        assertEquals(404, api.get(result, s.lead).status(), "not even the lead sees a client view before release");
        assertEquals(403, api.post(release, s.v.auditor, null).status());
        TestApi.Res released = api.post(release, s.lead, null);
        assertEquals(200, released.status(), released.raw());
        assertEquals("RELEASED", state(released.map()).get("state"));
        assertEquals(409, api.post(release, s.lead, null).status(), "released already");

        // the client's project page says so (it said "the evaluation is being completed" next to the released result)
        assertEquals("RESULT_RELEASED", api.get("/api/v1/projects/" + s.projectId + "/overview", client).map()
                .get("status"));
        TestApi.Res r = api.get(result, client);
        assertEquals(200, r.status(), r.raw());
        Map<String, Object> view = r.map();
        assertEquals(1, ((Number) view.get("revision")).intValue());
        assertNotNull(view.get("total"));
        List<Map<String, Object>> parts = (List<Map<String, Object>>) view.get("parts");
        assertFalse(parts.isEmpty());
        for (Map<String, Object> p : parts) {
            assertNotNull(p.get("key"));
            assertNotNull(p.get("score"));
            assertNotNull(p.get("fullMarks"));
        }
        List<Map<String, Object>> items = (List<Map<String, Object>>) view.get("items");
        assertTrue(items.stream().anyMatch(i -> i.get("surveyScore") != null), "the survey figure");
        assertTrue(items.stream().allMatch(i -> i.get("score") != null || Boolean.TRUE.equals(i.get("bonus"))));
        // the fail reasons in the reader's language, the grade's name included (the snapshot keeps both)
        Map<String, Object> reason = ((List<Map<String, Object>>) view.get("failReasons")).get(0);
        assertTrue(((String) reason.get("text")).contains("达标级"), reason.toString());
        Map<String, Object> enReason = ((List<Map<String, Object>>) api.send("GET", result, client, null,
                Map.of("Accept-Language", "en")).map().get("failReasons")).get(0);
        assertTrue(((String) enReason.get("text")).contains("Compliant"), enReason.toString());
        assertFalse(((String) enReason.get("text")).contains("达标级"), enReason.toString());
        // never the covert visits' raters, their visit ids, the scenario, notes or answer ids
        String raw = r.raw();
        String snapshot = (String) api.get("/api/v1/projects/" + s.projectId + "/evaluation/revisions/1", s.lead).map()
                .get("snapshot");
        assertTrue(snapshot.contains("陈暗访") && snapshot.contains("\"visitId\":" + s.approvedVisit),
                "the snapshot holds the covert rater (the test would prove nothing otherwise)");
        for (String secret : List.of("陈暗访", "Shopper Chen", "\"shopper\"", "raterUserId", "visitId", "answerId",
                "\"rater\"", "raterName", "咨询报修流程", "scenario", "guidance", "photoIds", "\"note\"", "phone")) {
            assertFalse(raw.contains(secret), secret + " in " + raw);
        }
        // the lead and the team's auditor see what the client sees; another organisation's client finds nothing
        assertEquals(200, api.get(result, s.lead).status());
        assertEquals(200, api.get(result, s.v.auditor).status());
        assertEquals(404, api.get(result, api.demo("auditor2")).status(), "staff off the team");
        long otherOrg = ((Number) api.post("/api/v1/organizations", api.admin(),
                Map.of("name", "别家签发 " + System.nanoTime())).map().get("id")).longValue();
        String foreign = api.newUser("foreign-result-" + System.nanoTime(), "CLIENT", otherOrg);
        assertEquals(404, api.get(result, foreign).status());
        assertEquals(List.of("evaluation.sign_off", "evaluation.release"),
                evidence(s.projectId).stream().map(x -> x[0]).toList());

        // a new revision keeps the released one visible to the client until the next release
        assertEquals(200, api.post("/api/v1/projects/" + s.projectId + "/evaluation/revisions", s.lead,
                Map.of("reason", "复核 / review")).status());
        assertEquals(1, ((Number) api.get(result, client).map().get("revision")).intValue());
    }
}
