package com.tanfang.report.survey;

import com.tanfang.MutableClock;
import com.tanfang.TestApi;
import com.tanfang.access.Caller;
import com.tanfang.account.AppUser;
import com.tanfang.account.AppUserRepository;
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

    @Test
    void theFiguresOfTheFixtureByHand() {
        SurveyReportFixture s = new SurveyReportFixture(api, server.getURL().toString(), json, clock);
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
    }
}
