package com.tanfang.report;

import com.tanfang.MutableClock;
import com.tanfang.TestApi;
import com.tanfang.VisitFixture;
import com.tanfang.access.Caller;
import com.tanfang.access.Role;
import com.tanfang.evaluation.signoff.SignOffFixture;
import com.tanfang.message.Language;
import com.tanfang.report.audit.AuditReports;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit report over the API on a project of its own (SignOffFixture: a sheet that becomes final): the narrative
 * (roles, bounds naming the field, versions, evidence, the copy into a new revision, frozen after generation), the
 * generation's 409s (not signed, no narrative, no conclusion), idempotence (the same revision gives the same stored
 * row and bytes; rendering again gives identical bytes), the list and downloads (team; the client only once released),
 * and the radar SVG.
 */
@MicronautTest(transactional = false)
class AuditReportApiTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    MutableClock clock;
    @Inject
    DataSource dataSource;
    @Inject
    AuditReports reports;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(server.getURL(), json);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static void expect(int status, TestApi.Res r) {
        assertEquals(status, r.status(), r.raw());
    }

    private static String code(TestApi.Res r) {
        return String.valueOf(r.map().get("code"));
    }

    private Map<String, Object> narrative(int revision) {
        Map<String, Object> n = new HashMap<>();
        n.put("revision", revision);
        n.put("auditType", "SURVEILLANCE");
        n.put("strengths", "服务中心公示规范。\n绿化良好。");
        n.put("improvements", "消防通道管理需加强。");
        n.put("conclusion", "评价组推荐保持等级。");
        n.put("recommend", true);
        n.put("author", "李组长");
        n.put("reviewer", "王审核");
        return n;
    }

    private int evidenceCount(long projectId, String action) throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from evidence_log"
                     + " where subject_type = 'REPORT' and subject_id = ? and action = ?")) {
            ps.setLong(1, projectId);
            ps.setString(2, action);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private HttpResponse<byte[]> download(String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Authorization", "Bearer " + token).header("Accept", "*/*").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    @SuppressWarnings("unchecked")
    void narrativeGenerationIdempotenceAndAccess() throws Exception {
        SignOffFixture s = new SignOffFixture(api, server.getURL().toString(), json);
        s.close(clock);
        long id = s.projectId;
        String base = "/api/v1/projects/" + id + "/reports";
        String client = api.demo("client");
        String shopper = s.v.shopper;
        String auditor = s.v.auditor;

        // nothing signed yet: generation says why
        TestApi.Res early = api.post(base + "/audit?lang=zh-CN", s.lead, null);
        expect(409, early);
        assertEquals("report.audit.not_signed", code(early));
        expect(200, s.signOff(s.lead, s.liveSha256()));

        // the form's defaults; who reads it
        Map<String, Object> view = api.get(base + "/audit/narrative", s.lead).map();
        assertEquals(1, ((Number) view.get("revision")).intValue());
        assertEquals(Boolean.FALSE, view.get("stored"));
        assertEquals(Boolean.TRUE, view.get("signed"));
        assertEquals(Boolean.TRUE, view.get("mayEdit"));
        assertEquals(Boolean.FALSE, api.get(base + "/audit/narrative", auditor).map().get("mayEdit"));
        expect(404, api.get(base + "/audit/narrative", client));
        expect(403, api.get(base + "/audit/narrative", shopper));

        TestApi.Res none = api.post(base + "/audit?lang=zh-CN", s.lead, null);
        expect(409, none);
        assertEquals("report.audit.narrative_missing", code(none));

        // bounds and roles of the save, each naming its field
        Map<String, Object> tooLong = narrative(1);
        tooLong.put("strengths", "优".repeat(4001));
        TestApi.Res r = api.put(base + "/audit/narrative", s.lead, tooLong);
        expect(400, r);
        assertTrue(r.problemFields().contains("strengths"), r.raw());
        Map<String, Object> longName = narrative(1);
        longName.put("author", "a".repeat(101));
        r = api.put(base + "/audit/narrative", s.lead, longName);
        expect(400, r);
        assertTrue(r.problemFields().contains("author"), r.raw());
        Map<String, Object> noType = narrative(1);
        noType.remove("auditType");
        r = api.put(base + "/audit/narrative", s.lead, noType);
        expect(400, r);
        assertTrue(r.problemFields().contains("auditType"), r.raw());
        r = api.put(base + "/audit/narrative", s.lead, narrative(2));
        expect(400, r);
        assertTrue(r.problemFields().contains("revision"), r.raw());
        expect(403, api.put(base + "/audit/narrative", auditor, narrative(1)));
        expect(403, api.put(base + "/audit/narrative", shopper, narrative(1)));
        expect(403, api.put(base + "/audit/narrative", api.admin(), narrative(1)));
        expect(404, api.put(base + "/audit/narrative", client, narrative(1)));
        assertEquals(0, evidenceCount(id, "report.audit.narrative_save"), "refused saves leave no evidence");

        // a draft without a conclusion is saved, but no report is made from it
        Map<String, Object> draft = narrative(1);
        draft.put("conclusion", "  ");
        r = api.put(base + "/audit/narrative", s.lead, draft);
        expect(200, r);
        assertEquals(1, ((Number) r.map().get("version")).intValue());
        TestApi.Res noConclusion = api.post(base + "/audit?lang=zh-CN", s.lead, null);
        expect(409, noConclusion);
        assertEquals("report.audit.conclusion_missing", code(noConclusion));
        // a save from a stale form is refused; from the current one accepted
        Map<String, Object> stale = narrative(1);
        r = api.put(base + "/audit/narrative", s.lead, stale);
        expect(409, r);
        assertEquals("report.narrative.stale", code(r));
        stale.put("expectedVersion", 1);
        expect(200, api.put(base + "/audit/narrative", s.lead, stale));
        assertEquals(2, evidenceCount(id, "report.audit.narrative_save"), "one evidence row per save");

        // generation: the lead only; 201 then 200 with the same row and hash
        expect(403, api.post(base + "/audit?lang=zh-CN", auditor, null));
        expect(403, api.post(base + "/audit?lang=zh-CN", shopper, null));
        expect(404, api.post(base + "/audit?lang=zh-CN", client, null));
        r = api.post(base + "/audit?lang=fr", s.lead, null);
        expect(400, r);
        assertTrue(r.problemFields().contains("lang"), r.raw());
        TestApi.Res first = api.post(base + "/audit?lang=zh-CN", s.lead, null);
        expect(201, first);
        TestApi.Res again = api.post(base + "/audit?lang=zh-CN", s.lead, null);
        expect(200, again);
        assertEquals(first.map().get("id"), again.map().get("id"));
        String sha = (String) first.map().get("sha256");
        assertEquals(sha, again.map().get("sha256"));
        assertEquals(1, evidenceCount(id, "document.generated"), "one stored report, one evidence row");

        // the bytes: downloaded = stored hash; rendered again = identical
        long documentId = ((Number) first.map().get("id")).longValue();
        HttpResponse<byte[]> pdf = download(base + "/" + documentId + "/pdf", s.lead);
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse(""));
        String disposition = pdf.headers().firstValue("Content-Disposition").orElse("");
        assertTrue(disposition.startsWith("attachment; filename=\"audit-report_TF-"), disposition);
        assertTrue(disposition.contains("filename*=UTF-8''%E5%AE%A1%E6%A0%B8%E6%8A%A5%E5%91%8A_"), disposition);
        assertEquals(sha, VisitFixture.sha256(pdf.body()));
        Map<String, Object> me = api.get("/api/v1/me", s.lead).map();
        Caller lead = new Caller(((Number) me.get("id")).longValue(), (String) me.get("username"),
                EnumSet.of(Role.LEAD), null);
        assertArrayEquals(pdf.body(), reports.render(id, 1, Language.ZH_CN, lead), "the same revision renders the same bytes");

        // the narrative is frozen now
        Map<String, Object> late = narrative(1);
        late.put("expectedVersion", 2);
        r = api.put(base + "/audit/narrative", s.lead, late);
        expect(409, r);
        assertEquals("report.narrative.frozen", code(r));
        assertEquals(Boolean.TRUE, api.get(base + "/audit/narrative", s.lead).map().get("frozen"));

        // English: another document
        TestApi.Res en = api.post(base + "/audit?lang=en", s.lead, null);
        expect(201, en);
        assertNotEquals(sha, en.map().get("sha256"));
        assertEquals(2, evidenceCount(id, "document.generated"));

        // the list: the team sees both; the client nothing until the release, then the reports
        assertEquals(2, api.get(base, s.lead).list().size());
        assertEquals(2, api.get(base, auditor).list().size());
        expect(403, api.get(base, shopper));
        assertEquals(List.of(), api.get(base, client).list());
        assertEquals(404, download(base + "/" + documentId + "/pdf", client).statusCode());
        assertEquals(404, download("/api/v1/projects/" + id + "/result/radar.svg", client).statusCode());
        expect(200, api.post("/api/v1/projects/" + id + "/evaluation/release", s.lead, null));
        List<Map<String, Object>> seen = api.get(base, client).list();
        assertEquals(2, seen.size());
        assertEquals(null, seen.get(0).get("createdByName"), "the client is not told who generated it");
        HttpResponse<byte[]> clientPdf = download(base + "/" + documentId + "/pdf", client);
        assertEquals(200, clientPdf.statusCode());
        assertEquals(sha, VisitFixture.sha256(clientPdf.body()));
        for (String who : List.of(client, s.lead)) {
            HttpResponse<byte[]> svg = download("/api/v1/projects/" + id + "/result/radar.svg?lang=zh-CN", who);
            assertEquals(200, svg.statusCode());
            assertTrue(svg.headers().firstValue("Content-Type").orElse("").startsWith("image/svg+xml"));
            assertTrue(new String(svg.body(), java.nio.charset.StandardCharsets.UTF_8).contains("<svg"));
        }
        assertEquals(404, download(base + "/999999999/pdf", s.lead).statusCode());

        // a new revision starts from a copy of the last narrative
        expect(200, api.post("/api/v1/projects/" + id + "/evaluation/revisions", s.lead, Map.of("reason", "复核")));
        Map<String, Object> second = api.get(base + "/audit/narrative", s.lead).map();
        assertEquals(2, ((Number) second.get("revision")).intValue());
        assertEquals(Boolean.FALSE, second.get("stored"));
        assertEquals(1, ((Number) second.get("copiedFromRevision")).intValue());
        assertEquals("评价组推荐保持等级。", second.get("conclusion"));
        assertEquals(Boolean.FALSE, second.get("frozen"));
        assertEquals(Boolean.TRUE, api.get(base + "/audit/narrative?revision=1", s.lead).map().get("frozen"));
        expect(200, api.put(base + "/audit/narrative", s.lead, narrative(2)));
    }
}
