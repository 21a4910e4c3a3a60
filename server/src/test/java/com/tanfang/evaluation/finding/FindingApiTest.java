package com.tanfang.evaluation.finding;

import static com.tanfang.SheetJson.itemResult;
import com.tanfang.MutableClock;
import com.tanfang.TestApi;
import com.tanfang.VisitFixture;
import com.tanfang.scoring.Fraction;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Findings end to end on an own project (VisitFixture: the demo estate's organisation, a fresh client account of
 * it, another organisation's client): N/A decisions, deductions and bonus into the sheet's total, nonconformities
 * answered by the client, sent back and accepted, overdue on a moved clock, attachments checked by content.
 */
@MicronautTest(transactional = false)
class FindingApiTest {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    MutableClock clock;
    @Inject
    javax.sql.DataSource dataSource;
    TestApi api;
    VisitFixture v;
    String client;
    String otherClient;

    @BeforeEach
    void setUp() {
        api = new TestApi(server.getURL(), json);
        v = new VisitFixture(api, server.getURL().toString(), json);
        long orgId = ((Number) ((Map<?, ?>) api.get("/api/v1/projects/" + v.projectId, v.lead).map().get("project"))
                .get("organizationId")).longValue();
        client = api.newUser("fclient" + System.nanoTime(), "CLIENT", orgId);
        long otherOrg = ((Number) api.post("/api/v1/organizations", api.admin(),
                Map.of("name", "别家物业 " + System.nanoTime())).map().get("id")).longValue();
        otherClient = api.newUser("fother" + System.nanoTime(), "CLIENT", otherOrg);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String base() {
        return "/api/v1/projects/" + v.projectId;
    }

    private Map<String, Object> sheet() {
        TestApi.Res r = api.get(base() + "/evaluation", v.lead);
        assertEquals(200, r.status(), r.raw());
        return r.map();
    }

    @SuppressWarnings("unchecked")
    private static String total(Map<String, Object> sheet) {
        return (String) ((Map<String, Object>) ((Map<String, Object>) sheet.get("result")).get("total")).get("exact");
    }


    private TestApi.Res upload(String token, byte[] bytes, String sha256, String contentType) {
        return api.send("POST", base() + "/evaluation-attachments?sha256=" + sha256 + "&fileName=f", token, bytes,
                Map.of("Content-Type", contentType));
    }

    private long deduction(String reason) {
        TestApi.Res d = api.post(base() + "/evaluation/adjustments", v.lead, Map.of("kind", "DEDUCTION",
                "itemCode", "P10", "count", 1, "reason", reason, "noEvidenceNote", "口头报告 / reported orally"));
        assertEquals(201, d.status(), d.raw());
        return ((Number) d.map().get("id")).longValue();
    }

    private Map<String, Object> raise(String severity, LocalDate deadline, Long adjustmentId) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", "NONCONFORMITY", "severity", severity,
                "clause", "4.1", "itemCode", "P10", "finding", "消防通道堆放杂物 / fire lane blocked",
                "deadline", deadline.toString(), "owner", "王经理 / Manager Wang"));
        if (adjustmentId != null) {
            body.put("adjustmentId", adjustmentId);
        }
        TestApi.Res r = api.post(base() + "/findings", v.lead, body);
        assertEquals(201, r.status(), r.raw());
        assertEquals("DRAFT", r.map().get("state"));
        return r.map();
    }

    private static long id(Map<String, Object> m) {
        return ((Number) m.get("id")).longValue();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), BEIJING);
    }

    @Test
    @SuppressWarnings("unchecked")
    void notApplicableOnlyWhereTheSchemeAllowsItAndTheItemLeavesTheDenominator() {
        v.f.submitOnline(0, 5, null);
        String before = total(sheet());

        // P8 (lifts) does not allow N/A in the property scheme: refused naming the field
        TestApi.Res refused = api.post(base() + "/evaluation/na-decisions", v.lead,
                Map.of("itemCode", "P8", "justification", "没有电梯 / no lifts"));
        assertEquals(400, refused.status(), refused.raw());
        assertEquals(List.of("itemCode"), refused.problemFields());
        TestApi.Res noReason = api.post(base() + "/evaluation/na-decisions", v.lead, Map.of("itemCode", "P17"));
        assertEquals(400, noReason.status(), noReason.raw());
        assertEquals(List.of("justification"), noReason.problemFields());
        TestApi.Res tooLong = api.post(base() + "/evaluation/na-decisions", v.lead,
                Map.of("itemCode", "P17", "justification", "x".repeat(2001)));
        assertEquals(400, tooLong.status(), tooLong.raw());
        // the auditor on the team and the client do not decide
        assertEquals(403, api.post(base() + "/evaluation/na-decisions", v.auditor,
                Map.of("itemCode", "P17", "justification", "x")).status());
        assertEquals(403, api.post(base() + "/evaluation/na-decisions", client,
                Map.of("itemCode", "P17", "justification", "x")).status());

        TestApi.Res ok = api.post(base() + "/evaluation/na-decisions", v.lead,
                Map.of("itemCode", "P17", "justification", "小区不提供特约服务 / no special services offered"));
        assertEquals(201, ok.status(), ok.raw());
        assertEquals(409, api.post(base() + "/evaluation/na-decisions", v.lead,
                Map.of("itemCode", "P17", "justification", "again")).status());
        Map<String, Object> after = sheet();
        assertEquals("NOT_APPLICABLE", itemResult(after, "P17").get("status"));
        List<Map<String, Object>> decisions = (List<Map<String, Object>>) after.get("notApplicableDecisions");
        assertEquals(1, decisions.size());
        assertEquals("小区不提供特约服务 / no special services offered", decisions.get(0).get("justification"));
        // P17 (4 points) leaves the denominator: the total is pro-rated over 96 instead of 100
        assertEquals(Fraction.parse(before).multiply(Fraction.of(100, 96)).toString(), total(after));

        long decisionId = id(ok.map());
        TestApi.Res withdrawn = api.post(base() + "/evaluation/na-decisions/" + decisionId + "/withdraw", v.lead,
                Map.of("reason", "误判 / decided in error"));
        assertEquals(204, withdrawn.status(), withdrawn.raw());
        assertEquals(before, total(sheet()));
        assertEquals(404, api.post(base() + "/evaluation/na-decisions/" + decisionId + "/withdraw", v.lead,
                Map.of("reason", "twice")).status());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDeductionAndTheBonusChangeTheSheetsTotalExactlyAsTheEngineComputesIt() {
        v.f.submitOnline(0, 5, null);
        v.f.submitOnline(0, 5, null);
        Fraction before = Fraction.parse(total(sheet()));
        assertTrue(before.compareTo(Fraction.of(2)) > 0, before.toString());

        // bounded and evidenced before any arithmetic
        TestApi.Res noEvidence = api.post(base() + "/evaluation/adjustments", v.lead,
                Map.of("kind", "DEDUCTION", "reason", "消防通道堵塞 / fire lane blocked"));
        assertEquals(400, noEvidence.status(), noEvidence.raw());
        assertEquals(List.of("noEvidenceNote"), noEvidence.problemFields());
        TestApi.Res tooMany = api.post(base() + "/evaluation/adjustments", v.lead, Map.of("kind", "DEDUCTION",
                "count", 21, "points", "1e300000", "reason", "x", "noEvidenceNote", "n"));
        assertEquals(400, tooMany.status(), tooMany.raw());
        assertEquals(List.of("count", "points"), tooMany.problemFields());
        TestApi.Res foreignEvidence = api.post(base() + "/evaluation/adjustments", v.lead, Map.of("kind", "DEDUCTION",
                "reason", "x", "visitAnswerIds", List.of(Long.MAX_VALUE)));
        assertEquals(400, foreignEvidence.status(), foreignEvidence.raw());
        assertEquals(List.of("visitAnswerIds"), foreignEvidence.problemFields());

        // evidence: a photo the lead attaches
        byte[] photo = VisitFixture.jpeg("deduction");
        TestApi.Res att = upload(v.lead, photo, VisitFixture.sha256(photo), "image/jpeg");
        assertEquals(201, att.status(), att.raw());
        TestApi.Res d = api.post(base() + "/evaluation/adjustments", v.lead, Map.of("kind", "DEDUCTION",
                "itemCode", "P10", "count", 2, "reason", "消防通道堵塞 / fire lane blocked",
                "attachmentIds", List.of(id(att.map()))));
        assertEquals(201, d.status(), d.raw());
        assertEquals(Boolean.TRUE, d.map().get("rectificationNeeded"));
        assertEquals("2", d.map().get("totalPoints").toString());
        Map<String, Object> after = sheet();
        // 004: 1 point per deduction, after pro-rating
        assertEquals(before.subtract(Fraction.of(2)).toString(), total(after));
        Map<String, Object> result = (Map<String, Object>) after.get("result");
        assertTrue(result.get("explanation").toString().contains("fire lane blocked"), result.get("explanation").toString());
        assertEquals(1, ((List<?>) after.get("adjustments")).size());

        // the special bonus: at most the scheme's 1 point
        TestApi.Res tooMuch = api.post(base() + "/evaluation/adjustments", v.lead, Map.of("kind", "BONUS",
                "points", "1.5", "reason", "x", "noEvidenceNote", "n"));
        assertEquals(400, tooMuch.status(), tooMuch.raw());
        assertEquals(List.of("points"), tooMuch.problemFields());
        TestApi.Res bonus = api.post(base() + "/evaluation/adjustments", v.lead, Map.of("kind", "BONUS",
                "points", "0.5", "reason", "获市级表彰 / city award", "noEvidenceNote", "证书已查看 / certificate seen"));
        assertEquals(201, bonus.status(), bonus.raw());
        assertEquals(409, api.post(base() + "/evaluation/adjustments", v.lead, Map.of("kind", "BONUS",
                "points", "0.5", "reason", "again", "noEvidenceNote", "n")).status());
        assertEquals(before.subtract(Fraction.of(2)).add(Fraction.of(1, 2)).toString(), total(sheet()));

        // withdrawn: the total returns
        assertEquals(204, api.post(base() + "/evaluation/adjustments/" + id(d.map()) + "/withdraw", v.lead,
                Map.of("reason", "已当场整改 / fixed on the spot")).status());
        assertEquals(204, api.post(base() + "/evaluation/adjustments/" + id(bonus.map()) + "/withdraw", v.lead,
                Map.of("reason", "r")).status());
        assertEquals(before.toString(), total(sheet()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theClientAnswersItsOwnNonconformityTheLeadSendsItBackThenAcceptsIt() {
        long deductionId = deduction("消防通道堵塞 / fire lane blocked");
        Map<String, Object> nc = raise("MINOR", today().plusDays(14), deductionId);
        long ncId = id(nc);

        // a draft is the team's: the client sees nothing and cannot answer it
        assertEquals(List.of(), api.get(base() + "/client-findings", client).map().get("findings"));
        assertEquals(404, api.post("/api/v1/findings/" + ncId + "/answer", client,
                Map.of("correctiveAction", "x")).status());
        // edited while a draft, then issued
        TestApi.Res edited = api.put("/api/v1/findings/" + ncId, v.lead, Map.of("kind", "NONCONFORMITY",
                "severity", "MINOR", "clause", "4.1", "itemCode", "P10", "adjustmentId", deductionId,
                "finding", "3 号楼消防通道堆放杂物 / fire lane of building 3 blocked",
                "deadline", today().plusDays(14).toString(), "owner", "王经理 / Manager Wang"));
        assertEquals(200, edited.status(), edited.raw());
        TestApi.Res issued = api.post("/api/v1/findings/" + ncId + "/issue", v.lead, Map.of());
        assertEquals(200, issued.status(), issued.raw());
        assertEquals("ISSUED", issued.map().get("state"));
        TestApi.Res twice = api.post("/api/v1/findings/" + ncId + "/issue", v.lead, Map.of());
        assertEquals(409, twice.status(), twice.raw());
        assertTrue(twice.raw().contains("ISSUE") && twice.raw().contains("ISSUED"), twice.raw());
        // a deduction lists the finding raised from it
        Map<String, Object> page = api.get(base() + "/findings", v.lead).map();
        assertEquals(List.of(ncId), ((List<Number>) ((List<Map<String, Object>>) page.get("adjustments")).get(0)
                .get("findingIds")).stream().map(Number::longValue).toList());

        // the client's view: the lead's text, no visit answers, no team names
        List<Map<String, Object>> mine = (List<Map<String, Object>>) api.get(base() + "/client-findings", client).map()
                .get("findings");
        assertEquals(1, mine.size());
        assertEquals("3 号楼消防通道堆放杂物 / fire lane of building 3 blocked", mine.get(0).get("finding"));
        assertFalse(mine.get(0).containsKey("visitAnswerIds"));
        assertFalse(mine.get(0).containsKey("createdBy"));
        assertEquals(Boolean.FALSE, mine.get(0).get("overdue"));

        // another organisation's client: 404 everywhere; shopper, verifier: 403; the client cannot use lead routes
        assertEquals(404, api.get(base() + "/client-findings", otherClient).status());
        assertEquals(404, api.post("/api/v1/findings/" + ncId + "/answer", otherClient,
                Map.of("correctiveAction", "x")).status());
        assertEquals(403, api.get(base() + "/findings", v.shopper).status());
        assertEquals(403, api.get(base() + "/findings", api.demo("verifier")).status());
        assertEquals(404, api.get(base() + "/findings", client).status());
        assertEquals(403, api.post("/api/v1/findings/" + ncId + "/accept", client, Map.of()).status());
        assertEquals(403, api.post("/api/v1/findings/" + ncId + "/answer", v.lead,
                Map.of("correctiveAction", "x")).status());

        // the client answers with a photo it uploads; another client's upload cannot be cited
        byte[] photo = VisitFixture.jpeg("corrective");
        TestApi.Res att = upload(client, photo, VisitFixture.sha256(photo), "image/jpeg");
        assertEquals(201, att.status(), att.raw());
        long attId = id(att.map());
        assertEquals(404, upload(otherClient, photo, VisitFixture.sha256(photo), "image/jpeg").status());
        TestApi.Res empty = api.post("/api/v1/findings/" + ncId + "/answer", client, Map.of("correctiveAction", " "));
        assertEquals(400, empty.status(), empty.raw());
        TestApi.Res answered = api.post("/api/v1/findings/" + ncId + "/answer", client,
                Map.of("correctiveAction", "杂物已清理 / cleared", "attachmentIds", List.of(attId)));
        assertEquals(200, answered.status(), answered.raw());
        assertEquals("ANSWERED", answered.map().get("state"));
        assertEquals(409, api.post("/api/v1/findings/" + ncId + "/answer", client,
                Map.of("correctiveAction", "again")).status());

        // the lead sends it back with a reason: issued again, the client sees the reason and answers again
        TestApi.Res back = api.post("/api/v1/findings/" + ncId + "/send-back", v.lead,
                Map.of("reason", "照片看不到通道 / the photo does not show the lane"));
        assertEquals(200, back.status(), back.raw());
        assertEquals("ISSUED", back.map().get("state"));
        Map<String, Object> again = ((List<Map<String, Object>>) api.get(base() + "/client-findings", client).map()
                .get("findings")).get(0);
        assertEquals("照片看不到通道 / the photo does not show the lane", again.get("sentBackReason"));
        assertEquals(409, api.post("/api/v1/findings/" + ncId + "/accept", v.lead, Map.of()).status());
        assertEquals(200, api.post("/api/v1/findings/" + ncId + "/answer", client,
                Map.of("correctiveAction", "通道已清空，附全景照片 / lane cleared, wide photo", "attachmentIds",
                        List.of(attId))).status());
        TestApi.Res accepted = api.post("/api/v1/findings/" + ncId + "/accept", v.lead, Map.of());
        assertEquals(200, accepted.status(), accepted.raw());
        assertEquals("CLOSED", accepted.map().get("state"));
        assertEquals(2, ((Number) accepted.map().get("answerRounds")).intValue());

        // downloads: the team and the client; not another organisation's client
        TestApi.Res bytes = api.get("/api/v1/evaluation-attachments/" + attId, v.lead);
        assertEquals(200, bytes.status());
        assertEquals(200, api.get("/api/v1/evaluation-attachments/" + attId, client).status());
        assertEquals(404, api.get("/api/v1/evaluation-attachments/" + attId, otherClient).status());
        assertEquals(403, api.get("/api/v1/evaluation-attachments/" + attId, v.shopper).status());

        // every write is in the evidence log
        List<String> actions = new java.util.ArrayList<>();
        try (java.sql.Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource
                .unwrapDataSource(dataSource).getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(
                "select action from evidence_log where subject_type = 'EVALUATION' and subject_id = ? order by seq")) {
            ps.setLong(1, v.projectId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    actions.add(rs.getString(1));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        assertEquals(List.of("evaluation.finding.adjustment_record", "evaluation.finding.raise",
                "evaluation.finding.edit", "evaluation.finding.issue", "evaluation.finding.attach",
                "evaluation.finding.answer", "evaluation.finding.send_back", "evaluation.finding.answer",
                "evaluation.finding.accept"), actions);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anIssuedFindingPastItsDeadlineIsOverdueUntilClosed() {
        Map<String, Object> nc = raise("MAJOR", today().plusDays(3), null);
        long ncId = id(nc);
        assertEquals(200, api.post("/api/v1/findings/" + ncId + "/issue", v.lead, Map.of()).status());
        TestApi.Res improvement = api.post(base() + "/findings", v.lead, Map.of("kind", "IMPROVEMENT",
                "finding", "建议增设夜间照明 / more night lighting", "deadline", today().plusDays(30).toString()));
        assertEquals(201, improvement.status(), improvement.raw());
        assertNull(improvement.map().get("severity"));
        TestApi.Res pastDeadline = api.post(base() + "/findings", v.lead, Map.of("kind", "IMPROVEMENT",
                "finding", "x", "deadline", today().minusDays(1).toString()));
        assertEquals(400, pastDeadline.status(), pastDeadline.raw());
        assertEquals(List.of("deadline"), pastDeadline.problemFields());
        TestApi.Res noSeverity = api.post(base() + "/findings", v.lead, Map.of("kind", "NONCONFORMITY",
                "finding", "x", "deadline", today().toString()));
        assertEquals(400, noSeverity.status(), noSeverity.raw());
        assertEquals(List.of("severity"), noSeverity.problemFields());

        assertEquals(Boolean.FALSE, finding(api.get(base() + "/findings", v.lead).map(), ncId).get("overdue"));
        clock.advance(Duration.ofDays(5));
        String lead = api.demo("lead");
        String clientNow = api.login((String) api.get("/api/v1/me", client).map().get("username"), TestApi.USER_PASSWORD);
        assertEquals(Boolean.TRUE, finding(api.get(base() + "/findings", lead).map(), ncId).get("overdue"));
        List<Map<String, Object>> mine = (List<Map<String, Object>>) api.get(base() + "/client-findings", clientNow)
                .map().get("findings");
        assertEquals(Boolean.TRUE, mine.get(0).get("overdue"));
        // the improvement item's deadline is still ahead
        assertEquals(Boolean.FALSE, finding(api.get(base() + "/findings", lead).map(), id(improvement.map())).get("overdue"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> finding(Map<String, Object> page, long id) {
        return ((List<Map<String, Object>>) page.get("findings")).stream()
                .filter(f -> ((Number) f.get("id")).longValue() == id).findFirst().orElseThrow();
    }

    @Test
    void documentsArePdfByContentAndGarbageIsRefused() {
        byte[] pdf = ("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF " + System.nanoTime())
                .getBytes(StandardCharsets.US_ASCII);
        TestApi.Res ok = upload(v.lead, pdf, VisitFixture.sha256(pdf), "application/pdf");
        assertEquals(201, ok.status(), ok.raw());
        assertEquals("DOCUMENT", ok.map().get("kind"));
        assertEquals("application/pdf", ok.map().get("mediaType"));
        TestApi.Res bytes = api.get("/api/v1/evaluation-attachments/" + id(ok.map()), v.lead);
        assertEquals(200, bytes.status());
        assertTrue(bytes.header("Content-Type").startsWith("application/pdf"), bytes.header("Content-Type"));
        assertEquals(new String(pdf, StandardCharsets.US_ASCII), bytes.raw());

        // a 2 MB scanned document passes the 1 MB body limit of ordinary routes (an upload route, 15 MB)
        byte[] big = new byte[2 * 1024 * 1024];
        System.arraycopy(pdf, 0, big, 0, pdf.length);
        TestApi.Res large = upload(v.lead, big, VisitFixture.sha256(big), "application/pdf");
        assertEquals(201, large.status(), large.raw());

        // declared a PDF, but it is not one (a renamed executable): refused by its content
        byte[] garbage = ("MZ\u0090\u0000 not a pdf " + System.nanoTime()).getBytes(StandardCharsets.ISO_8859_1);
        TestApi.Res refused = upload(v.lead, garbage, VisitFixture.sha256(garbage), "application/pdf");
        assertEquals(400, refused.status(), refused.raw());
        assertEquals(List.of("body"), refused.problemFields());
        // bytes changed on the way
        TestApi.Res mismatch = upload(v.lead, pdf, VisitFixture.sha256(garbage), "application/pdf");
        assertEquals(400, mismatch.status(), mismatch.raw());
        assertEquals(List.of("sha256"), mismatch.problemFields());
        TestApi.Res empty = upload(v.lead, new byte[0], VisitFixture.sha256(new byte[0]), "application/pdf");
        assertEquals(400, empty.status(), empty.raw());
        // the auditor reads but does not attach; another organisation's client cannot reach the project
        assertEquals(403, upload(v.auditor, pdf, VisitFixture.sha256(pdf), "application/pdf").status());
        assertEquals(200, api.get("/api/v1/evaluation-attachments/" + id(ok.map()), v.auditor).status());
        assertEquals(404, api.get("/api/v1/evaluation-attachments/" + id(ok.map()), otherClient).status());
        // the lead's own attachment is not the client's until a finding it sees cites it
        assertEquals(404, api.get("/api/v1/evaluation-attachments/" + id(ok.map()), client).status());
    }
}
