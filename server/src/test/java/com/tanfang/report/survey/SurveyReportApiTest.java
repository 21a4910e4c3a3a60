package com.tanfang.report.survey;

import com.tanfang.MutableClock;
import com.tanfang.TestApi;
import com.tanfang.access.Caller;
import com.tanfang.account.AppUser;
import com.tanfang.account.AppUserRepository;
import com.tanfang.document.pdf.PdfPages;
import com.tanfang.document.store.GeneratedDocuments;
import com.tanfang.evidence.CanonicalJson;
import com.tanfang.message.Language;
import com.tanfang.project.EvaluationProject;
import com.tanfang.project.ProjectRepository;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The survey analysis report over the API on a campaign of its own ({@link SurveyReportFixture}), every figure
 * computed by hand from the fixture's answers.
 */
@MicronautTest(transactional = false)
class SurveyReportApiTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    MutableClock clock;
    @Inject
    SurveyReportAssembler assembler;
    @Inject
    ProjectRepository projects;
    @Inject
    AppUserRepository users;
    @Inject
    GeneratedDocuments documents;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(server.getURL(), json);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @SuppressWarnings("unchecked")
    private SurveyReportModel model(SurveyReportFixture s, Language language) {
        Map<String, Object> r1 = api.get("/api/v1/projects/" + s.projectId + "/evaluation/revisions/1", s.lead).map();
        String snapshot = (String) r1.get("snapshot");
        Map<String, Object> view = (Map<String, Object>) r1.get("revision");
        var signed = new SurveyReportAssembler.Signed(s.projectId, 1, (String) r1.get("sha256"),
                Instant.parse((String) view.get("signedAt")), (String) view.get("signedBy"),
                (Map<String, Object>) CanonicalJson.read(snapshot));
        EvaluationProject p = projects.findById(s.projectId).orElseThrow();
        AppUser u = users.findById(p.leadUserId()).orElseThrow();
        return assembler.model(p, signed, language, new Caller(u.id(), u.username(), u.roleSet(), u.organizationId()));
    }

    private TestApi.Res generate(SurveyReportFixture s, String token, String lang) {
        return api.post("/api/v1/projects/" + s.projectId + "/reports/survey" + (lang == null ? "" : "?lang=" + lang),
                token, null);
    }

    private byte[] content(Map<String, Object> row) {
        long id = ((Number) row.get("id")).longValue();
        return documents.get(id).map(documents::content).orElseThrow();
    }

    /**
     * One fixture for the whole route, in the order that keeps each step's data: refused before the sign-off, the
     * figures by hand, the roles, the zh and en PDFs (the same bytes twice), then the two 409s that change it.
     */
    @Test
    void theSurveyReportOfTheFixture() {
        SurveyReportFixture s = new SurveyReportFixture(api, server.getURL().toString(), json, clock);
        TestApi.Res early = generate(s, s.lead, null);
        assertEquals(409, early.status(), early.raw());
        assertTrue(early.raw().contains("report.survey.not_signed"), early.raw());

        s.signOff();
        s.decide("S3", "ACCEPT"); // after the sign-off: not in the report of revision 1
        SurveyReportModel m = model(s, Language.ZH_CN);

        // counted: 5, 4 (point 0), 3 online and 5 face to face (point 1); the 2 was denied on the call-back
        assertEquals(3, m.overall().online());
        assertEquals(1, m.overall().offline());
        assertEquals(4, m.method().counted());
        assertEquals(1, m.method().excluded());
        assertEquals(1, m.method().excludedByDenial());
        // S1..S6: answers 5, 4, 3, 5 -> coefficients 1, 0.75, 0.5, 1 -> mean 0.8125 -> 81.25; mean answer 17/4;
        // satisfied (4-5) 3 of 4
        SurveyReportModel.ItemLine s1 = m.items().get(0);
        assertEquals("S1", s1.item());
        assertEquals(4, s1.answered());
        assertEquals("81.25", s1.score());
        assertEquals("4.25", s1.mean());
        assertEquals("75.00", s1.satisfaction());
        assertTrue(s1.belowThreshold(), "81.25 < 85");
        assertEquals(3, s1.onlineAnswered());
        assertEquals("75.00", s1.onlineScore()); // (1 + 0.75 + 0.5) / 3
        assertEquals(1, s1.offlineAnswered());
        assertEquals("100.00", s1.offlineScore());
        // S7: the face-to-face "don't know" leaves 5, 4, 3 -> 0.75 -> 75.00
        SurveyReportModel.ItemLine s7 = m.items().get(6);
        assertEquals("S7", s7.item());
        assertEquals(3, s7.answered());
        assertEquals(1, s7.dontKnows());
        assertEquals("75.00", s7.score());
        // overall: (6 × 4 × 81.25 + 6 × 75) / 30 = 80.00
        assertEquals("80.00", m.overall().score());
        // households: 32 at each stairwell; points 0 and 1 have 2 responses each -> 6.25 %
        assertEquals("6.25%", m.points().get(0).responseRate());
        assertEquals(2, m.points().get(0).total());
        assertEquals("6.25%", m.points().get(1).responseRate());

        // call-backs: three drawn (100 %), one confirmed, one differing, one denied
        SurveyReportModel.CallBack cb = m.callBack();
        assertEquals("100%", cb.rate());
        assertEquals(3, cb.eligible());
        assertEquals(3, cb.sample());
        assertEquals(3, cb.reached());
        assertEquals(1, cb.confirmed());
        assertEquals(1, cb.differs());
        assertEquals(1, cb.denied());
        assertEquals("66.67", cb.confirmationRate());
        assertEquals(1, cb.excluded());
        // with the denied 2 counted back in: S1 (3.25 + 0.25) / 5 = 0.70 -> 70.00, +11.25 by the exclusion;
        // S7 (2.25 + 0.25) / 4 = 0.625 -> 62.50, +12.50; overall (24 × 70 + 6 × 62.5) / 30 = 68.50, +11.50
        SurveyReportModel.EffectLine e1 = cb.effects().get(0);
        assertEquals(5, e1.answeredBefore());
        assertEquals("70.00", e1.scoreBefore());
        assertEquals(4, e1.answeredAfter());
        assertEquals("81.25", e1.scoreAfter());
        assertEquals("+11.25", e1.change());
        SurveyReportModel.EffectLine e7 = cb.effects().get(6);
        assertEquals("62.50", e7.scoreBefore());
        assertEquals("+12.50", e7.change());
        assertEquals("68.50", cb.overallBefore());
        assertEquals("80.00", cb.overallAfter());
        assertEquals("+11.50", cb.overallChange());

        // every item is below 85: S7 (75) first, then S1..S6 (81.25) by code; decisions as of the sign-off
        List<SurveyReportModel.LowLine> low = m.low();
        assertEquals(7, low.size());
        assertEquals("S7", low.get(0).item());
        assertEquals("S1", low.get(1).item());
        assertEquals("现场核实", low.get(1).decision());
        assertEquals("S2", low.get(2).item());
        assertEquals("接受该得分", low.get(2).decision(), "the newer decision on S2 supersedes the older");
        assertEquals("S3", low.get(3).item());
        assertNull(low.get(3).decision(), "the decision on S3 came after the sign-off");
        assertEquals("85", m.threshold());

        // --- roles: the project's lead only
        assertEquals(403, generate(s, api.admin(), null).status(), "ADMIN does not sign reports");
        assertEquals(403, generate(s, api.demo("auditor"), null).status(), "an auditor of the team");
        assertEquals(403, generate(s, api.demo("verifier"), null).status());
        assertEquals(403, generate(s, api.demo("shopper"), null).status());
        assertEquals(404, generate(s, api.demo("client"), null).status(), "the evaluated organisation's CLIENT");
        TestApi.Res otherOrg = api.post("/api/v1/organizations", s.lead, Map.of("name", "别家物业 " + System.nanoTime()));
        assertEquals(201, otherOrg.status(), otherOrg.raw());
        String foreignClient = api.newUser("sr-client-" + System.nanoTime(), "CLIENT",
                ((Number) otherOrg.map().get("id")).longValue());
        assertEquals(404, generate(s, foreignClient, null).status());
        assertEquals(404, generate(s, api.newUser("sr-lead-" + System.nanoTime(), "LEAD", null), null).status(),
                "a lead off the team");
        TestApi.Res badLang = generate(s, s.lead, "fr");
        assertEquals(400, badLang.status(), badLang.raw());
        assertEquals(List.of("lang"), badLang.problemFields());

        // --- the zh report: stored, the same bytes twice
        long started = System.nanoTime();
        TestApi.Res zh = generate(s, s.lead, "zh-CN");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(200, zh.status(), zh.raw());
        System.out.println("survey report (fixture, 31 points, 7 questions): generated and stored in " + millis + " ms");
        Map<String, Object> row = zh.map();
        assertEquals("SURVEY_REPORT", row.get("kind"));
        assertEquals(1, ((Number) row.get("revision")).intValue());
        assertEquals("ZH_CN", row.get("language"));
        TestApi.Res again = generate(s, s.lead, null);
        assertEquals(200, again.status(), again.raw());
        assertEquals(row.get("sha256"), again.map().get("sha256"), "the same revision gives the same bytes");
        assertEquals(row.get("id"), again.map().get("id"), "and the same stored row");
        byte[] pdf = content(row);
        assertEquals(row.get("sha256"), SurveyReports.sha256(pdf));
        assertFalse(PdfPages.hasTofu(pdf), "every Chinese character has its glyph");
        String text = PdfPages.text(pdf).replaceAll("\\s+", " ");
        for (String expected : List.of("顾客感知调查分析报告", "一、调查方法", "五、回访核实", "六、低分题目及处理",
                "81.25", "4.25", "75.00", "100.00", "80.00", "6.25%", "66.67", "70.00", "+11.25", "62.50", "+12.50",
                "68.50", "+11.50", "现场核实", "接受该得分", "未记录处理决定", "第 1 页", m.cover().sha256())) {
            assertTrue(text.contains(expected), "the zh report shows " + expected);
        }
        for (String never : List.of("13900000002", "139****0002", "测试决定", "13800138000", "测试：直接拨打")) {
            assertFalse(text.contains(never), "no phone number, decision note or verifier note: " + never);
        }

        // --- the en report
        TestApi.Res en = generate(s, s.lead, "en");
        assertEquals(200, en.status(), en.raw());
        assertEquals("EN", en.map().get("language"));
        String english = PdfPages.text(content(en.map())).replaceAll("\\s+", " ");
        for (String expected : List.of("Customer perception survey analysis report", "1. Method",
                "5. Call-back verification", "Check on site", "Accept the score", "81.25", "+11.25", "Page 1 of")) {
            assertTrue(english.contains(expected), "the en report shows " + expected);
        }
        assertFalse(english.contains("调查分析报告"), "no Chinese fixed text in the en report");

        // --- a lead's exclusion after the sign-off moves the figures: refused until a new revision is signed
        TestApi.Res excluded = api.post("/api/v1/campaigns/" + s.f.campaignId + "/responses/" + s.unverified
                + "/exclusion", s.lead, Map.of("reason", "签发后复核"));
        assertEquals(204, excluded.status(), excluded.raw());
        TestApi.Res moved = generate(s, s.lead, "zh-CN");
        assertEquals(409, moved.status(), moved.raw());
        assertTrue(moved.raw().contains("report.survey.changed_since_sign_off"), moved.raw());
        assertTrue(moved.problemFields().contains("items"), moved.raw());

        // --- the campaign open again (the test clock back before its close): 409
        clock.reset();
        TestApi.Res open = generate(s, s.lead, "zh-CN");
        assertEquals(409, open.status(), open.raw());
        assertTrue(open.raw().contains("report.survey.campaign_open"), open.raw());
    }
}
