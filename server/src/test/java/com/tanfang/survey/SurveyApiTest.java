package com.tanfang.survey;

import com.tanfang.document.QrDecoding;
import com.tanfang.survey.intake.PhonePurge;

import com.tanfang.MutableClock;
import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The survey end to end through HTTP on the real database. Not wrapped in a test transaction: what a test does
 * through beans (the phone purge) must be committed for the server's requests to see it.
 */
@MicronautTest(transactional = false)
class SurveyApiTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    MutableClock clock;
    @Inject
    PhonePurge purge;
    TestApi api;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @BeforeEach
    void setUp() {
        api = new TestApi(server.getURL(), json);
    }

    private SurveyFixture open() {
        return SurveyFixture.openNow(api);
    }

    private TestApi.Res submit(SurveyFixture f, int point, Map<String, Object> body) {
        return api.post("/api/v1/public/surveys/" + f.token(point) + "/responses", null, body);
    }

    private static Map<String, Object> body(String id, Map<String, Integer> answers) {
        Map<String, Object> b = new HashMap<>();
        b.put("submissionId", id);
        b.put("answers", answers);
        return b;
    }

    @Test
    void aRetriedSubmissionIsStoredOnce() {
        SurveyFixture f = open();
        String id = UUID.randomUUID().toString();
        TestApi.Res first = submit(f, 0, body(id, f.answers(4)));
        assertEquals(201, first.status(), first.raw());
        assertEquals(false, first.map().get("duplicate"));
        TestApi.Res retry = submit(f, 0, body(id, f.answers(2)));
        assertEquals(200, retry.status());
        assertEquals(true, retry.map().get("duplicate"));
        assertEquals(first.map().get("responseId"), retry.map().get("responseId"));
        assertEquals(1, f.online());
        // The retry's different answers were not applied: the first submission stands.
        @SuppressWarnings("unchecked")
        var q = (List<Map<String, Object>>) f.results().get("questions");
        @SuppressWarnings("unchecked")
        var merged = (Map<String, Object>) ((Map<String, Object>) q.get(0).get("all")).get("merged");
        assertEquals(4.0, ((Number) merged.get("mean")).doubleValue());
    }

    @Test
    void invalidAnswersNameTheQuestionAndStoreNothing() {
        SurveyFixture f = open();
        Map<String, Integer> answers = f.answers(4);
        answers.remove(f.questionId(0));
        answers.put(f.questionId(1), 7);
        answers.put("999999", 3);
        TestApi.Res r = submit(f, 0, body(UUID.randomUUID().toString(), answers));
        assertEquals(400, r.status());
        assertEquals("application/problem+json", r.header("Content-Type"));
        assertTrue(r.problemFields().containsAll(List.of("answers." + f.questionId(0), "answers." + f.questionId(1),
                "answers.999999")), r.raw());

        Map<String, Object> badPhone = body(UUID.randomUUID().toString(), f.answers(3));
        badPhone.put("phone", "12345");
        badPhone.put("phoneConsent", true);
        assertEquals(List.of("phone"), submit(f, 0, badPhone).problemFields());
        Map<String, Object> noConsent = body(UUID.randomUUID().toString(), f.answers(3));
        noConsent.put("phone", "138 1234 5678");
        assertEquals(List.of("phoneConsent"), submit(f, 0, noConsent).problemFields());
        Map<String, Object> longComment = body(UUID.randomUUID().toString(), f.answers(3));
        longComment.put("comment", "很".repeat(1001));
        assertEquals(List.of("comment"), submit(f, 0, longComment).problemFields());
        assertEquals(List.of("submissionId"), submit(f, 0, body("short", f.answers(3))).problemFields());
        assertEquals(0, f.online(), "nothing was stored");
    }

    @Test
    void phoneNumbersAreStoredEncryptedAndShownMasked() {
        SurveyFixture f = open();
        Map<String, Object> b = body(UUID.randomUUID().toString(), f.answers(5));
        b.put("phone", "+86 138-1234-5678");
        b.put("phoneConsent", true);
        assertEquals(201, submit(f, 0, b).status());
        TestApi.Res list = api.get("/api/v1/campaigns/" + f.campaignId + "/responses", f.lead);
        assertEquals("138****5678", list.list().get(0).get("maskedPhone"));
        assertFalse(list.raw().contains("13812345678"));
        TestApi.Res auditorView = api.get("/api/v1/campaigns/" + f.campaignId + "/responses", api.demo("auditor"));
        assertFalse(auditorView.raw().contains("12345678"));
    }

    @Test
    void phoneNumbersArePurgedAfterTheRetentionPeriodAndTheResponseStays() throws Exception {
        SurveyFixture f = open();
        Map<String, Object> b = body(UUID.randomUUID().toString(), f.answers(4));
        b.put("phone", "13900001111");
        b.put("phoneConsent", true);
        assertEquals(201, submit(f, 0, b).status());
        purge.purge();
        assertEquals("139****1111", api.get("/api/v1/campaigns/" + f.campaignId + "/responses", f.lead).list().get(0).get("maskedPhone"));
        // Move time to 181 days after the close: beyond the project's 180-day retention (the demo campaign's
        // numbers, kept until 194 days from now, stay).
        f.closedDaysAgo(clock, 181);
        assertTrue(purge.purge() >= 1);
        List<Map<String, Object>> after = api.get("/api/v1/campaigns/" + f.campaignId + "/responses", f.lead).list();
        assertEquals(1, after.size(), "the response stays");
        assertEquals(null, after.get(0).get("maskedPhone"));
    }

    @Test
    void beforeOpeningAndAfterClosingTheSurveySaysSo() throws Exception {
        SurveyFixture early = SurveyFixture.create(api, Duration.ofDays(2), Duration.ofDays(1), Map.of());
        TestApi.Res r = submit(early, 0, body(UUID.randomUUID().toString(), early.answers(4)));
        assertEquals(409, r.status());
        assertTrue(r.raw().contains("campaign.not_open"));
        String page = page(early.token(0), "zh-CN");
        assertTrue(page.contains("调查尚未开始"), page);

        SurveyFixture late = SurveyFixture.create(api, Duration.ofDays(-3), Duration.ofDays(1), Map.of());
        assertTrue(submit(late, 0, body(UUID.randomUUID().toString(), late.answers(4))).raw().contains("campaign.closed"));
        assertTrue(page(late.token(0), "en").contains("The survey has closed"));
    }

    @Test
    void aReplacedTokenStopsWorkingAndTheNewOneWorks() throws Exception {
        SurveyFixture f = open();
        String old = f.token(0);
        TestApi.Res fresh = api.post("/api/v1/campaigns/" + f.campaignId + "/points/" + f.pointId(0) + "/token", f.lead, null);
        assertEquals(200, fresh.status(), fresh.raw());
        String url = (String) fresh.map().get("url");
        String newToken = url.substring(url.lastIndexOf('/') + 1);
        TestApi.Res gone = api.post("/api/v1/public/surveys/" + old + "/responses", null, body(UUID.randomUUID().toString(), f.answers(4)));
        assertEquals(410, gone.status());
        assertTrue(page(old, "zh-CN").contains("此二维码已失效"));
        assertEquals(201, api.post("/api/v1/public/surveys/" + newToken + "/responses", null,
                body(UUID.randomUUID().toString(), f.answers(4))).status());
    }

    @Test
    void faceToFaceAnswersNeedTwoAuditorsAndTheStaffAway() {
        SurveyFixture f = open();
        String auditor = api.demo("auditor");
        long leadId = ((Number) api.get("/api/v1/me", f.lead).map().get("id")).longValue();
        long auditorId = ((Number) api.get("/api/v1/me", auditor).map().get("id")).longValue();
        String path = "/api/v1/campaigns/" + f.campaignId + "/offline-responses";
        Map<String, Object> entry = new HashMap<>(Map.of("submissionId", UUID.randomUUID().toString(),
                "pointId", f.pointId(1), "secondAuditorId", leadId, "staffAbsent", false, "answers", f.answers(3)));
        TestApi.Res noAttestation = api.post(path, auditor, entry);
        assertEquals(400, noAttestation.status());
        assertEquals(List.of("staffAbsent"), noAttestation.problemFields());
        entry.put("staffAbsent", true);
        entry.put("secondAuditorId", auditorId);
        assertEquals(List.of("secondAuditorId"), api.post(path, auditor, entry).problemFields());
        entry.put("secondAuditorId", leadId);
        TestApi.Res ok = api.post(path, auditor, entry);
        assertEquals(201, ok.status(), ok.raw());
        assertEquals(200, api.post(path, auditor, entry).status(), "a retry after a dropped connection is not doubled");
        assertEquals(1L, ((Number) f.results().get("offline")).longValue());
        assertEquals(403, api.post(path, api.demo("verifier"), entry).status());
    }

    @Test
    void flaggedResponsesCanBeExcludedWithAReasonAndLeaveTheResults() {
        SurveyFixture f = open();
        // Every answer the same: straight-lining, recorded as a flag.
        assertEquals(201, submit(f, 0, body(UUID.randomUUID().toString(), f.answers(5))).status());
        Map<String, Integer> varied = f.answers(4);
        varied.put(f.questionId(0), 2);
        assertEquals(201, submit(f, 1, body(UUID.randomUUID().toString(), varied)).status());
        List<Map<String, Object>> flagged = api.get("/api/v1/campaigns/" + f.campaignId + "/responses?flagged=true", f.lead).list();
        assertEquals(1, flagged.size());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> flags = (List<Map<String, Object>>) flagged.get(0).get("flags");
        assertTrue(flags.stream().anyMatch(x -> "STRAIGHT_LINING".equals(x.get("kind"))), flags.toString());
        // The reason is a code with arguments, its text in the reader's language.
        String flaggedPath = "/api/v1/campaigns/" + f.campaignId + "/responses?flagged=true";
        for (Map.Entry<String, String> lang : Map.of("zh-CN", "全部选择了 5", "en", "were 5").entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> reason = (Map<String, Object>) ((List<Map<String, Object>>) api.send("GET", flaggedPath,
                    f.lead, null, Map.of("Accept-Language", lang.getKey())).list().get(0).get("flags")).stream()
                    .filter(x -> "STRAIGHT_LINING".equals(x.get("kind"))).findFirst().orElseThrow().get("reason");
            assertEquals("survey.flag.straight-lining", reason.get("code"), reason.toString());
            assertTrue(((String) reason.get("text")).contains(lang.getValue()), reason.toString());
        }
        long id = ((Number) flagged.get(0).get("id")).longValue();
        String exclusion = "/api/v1/campaigns/" + f.campaignId + "/responses/" + id + "/exclusion";
        assertEquals(List.of("reason"), api.post(exclusion, f.lead, Map.of("reason", " ")).problemFields());
        assertEquals(204, api.post(exclusion, f.lead, Map.of("reason", "Straight-lined; respondent unknown to the estate")).status());
        assertEquals(409, api.post(exclusion, f.lead, Map.of("reason", "again")).status());
        Map<String, Object> results = f.results();
        assertEquals(1L, ((Number) results.get("online")).longValue());
        assertEquals(1L, ((Number) results.get("excluded")).longValue());
        List<Map<String, Object>> all = api.get("/api/v1/campaigns/" + f.campaignId + "/responses", f.lead).list();
        assertEquals(2, all.size(), "nothing is deleted");
    }

    @Test
    void theSixthAnswerFromOneAddressWithinTenMinutesIsFlaggedNotRefused() {
        SurveyFixture f = open();
        for (int i = 0; i < 6; i++) {
            Map<String, Integer> varied = f.answers(4);
            varied.put(f.questionId(0), 2 + i % 2); // never all the same: not straight-lining
            assertEquals(201, submit(f, i % 3, body(UUID.randomUUID().toString(), varied)).status());
        }
        List<Map<String, Object>> flagged = api.get("/api/v1/campaigns/" + f.campaignId + "/responses?flagged=true", f.lead).list();
        assertEquals(1, flagged.size(), "only the sixth is over the limit of 5 in 10 minutes");
        assertTrue(flagged.get(0).get("flags").toString().contains("BURST_FROM_ADDRESS"), flagged.toString());
        assertEquals(6, f.online(), "flagged, not dropped");
    }

    @Test
    void qrCodesDecodeToThePointUrlAndNoticesArePrintablePdfs() throws Exception {
        SurveyFixture f = open();
        String base = "/api/v1/campaigns/" + f.campaignId + "/points/" + f.pointId(0);
        byte[] png = bytes(base + "/qr.png?size=300", f.lead);
        assertEquals(f.points.get(0).url(), QrDecoding.decodePng(png));
        String svg = new String(bytes(base + "/qr.svg", f.lead), StandardCharsets.UTF_8);
        assertTrue(svg.startsWith("<svg") || svg.startsWith("<?xml"), svg.substring(0, 40));
        byte[] pdf = bytes(base + "/notice.pdf", f.lead);
        try (var doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("测试调查"), text);
            assertTrue(text.contains(f.points.get(0).locationName()), text);
        }
        byte[] all = bytes("/api/v1/campaigns/" + f.campaignId + "/notices.pdf", f.lead);
        try (var doc = Loader.loadPDF(all)) {
            assertEquals(f.points.size(), doc.getNumberOfPages());
        }
    }

    @Test
    void theNoticeSaysAnonymousOnlyWhenNoPhoneNumberIsAsked() throws Exception {
        for (String mode : List.of("OFF", "OPTIONAL", "REQUIRED")) {
            SurveyFixture f = SurveyFixture.create(api, Duration.ofMinutes(-1), Duration.ofDays(1),
                    Map.of("phoneMode", mode, "english", true));
            byte[] pdf = bytes("/api/v1/campaigns/" + f.campaignId + "/points/" + f.pointId(0) + "/notice.pdf", f.lead);
            try (var doc = Loader.loadPDF(pdf)) {
                String text = new PDFTextStripper().getText(doc);
                boolean anonymous = mode.equals("OFF");
                assertEquals(anonymous, text.contains("匿名"), mode + ": " + text);
                assertEquals(anonymous, text.toLowerCase(java.util.Locale.ROOT).contains("anonymous"), mode + ": " + text);
            }
        }
    }

    @Test
    void resultsExportAsCsv() throws Exception {
        SurveyFixture f = open();
        submit(f, 0, body(UUID.randomUUID().toString(), f.answers(4)));
        String csv = new String(bytes("/api/v1/campaigns/" + f.campaignId + "/results.csv", f.lead), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\uFEFF部分 Section,题号 Question,条款编码 Item code"), csv.substring(0, 60));
        // header, the overall score, 3 channels per question, per point its overall row and one per question
        assertEquals(1 + 1 + 3 * f.questions.size() + f.points.size() * (1 + f.questions.size()), csv.split("\n").length);
        assertTrue(csv.contains("question,1,S1,"), csv.substring(0, 400));
    }

    private byte[] bytes(String path, String token) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.getURI().resolve(path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        return r.body();
    }

    private String page(String token, String lang) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + "/s/" + token))
                .header("Accept-Language", lang).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
