package com.tanfang.survey.results;

import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The results API and its CSV on the real database. */
@MicronautTest(transactional = false)
class ResultsApiTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(server.getURL(), json);
    }

    private void submit(SurveyFixture f, int point, Map<String, Integer> answers) {
        TestApi.Res r = api.post("/api/v1/public/surveys/" + f.token(point) + "/responses", null,
                Map.of("submissionId", UUID.randomUUID().toString(), "answers", answers));
        assertEquals(201, r.status(), r.raw());
    }

    /** The CSV download as the lead gets it: its Content-Disposition and its text. */
    private record Download(String disposition, String text) {
    }

    private Download csv(SurveyFixture f) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.getURI()
                        .resolve("/api/v1/campaigns/" + f.campaignId + "/results.csv"))
                .header("Authorization", "Bearer " + f.lead).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        return new Download(r.headers().firstValue("Content-Disposition").orElseThrow(),
                new String(r.body(), StandardCharsets.UTF_8));
    }

    private static List<CSVRecord> records(String csv) throws IOException {
        return CSVFormat.DEFAULT.parse(new StringReader(csv.substring(1))).getRecords();
    }

    /**
     * Per-point rows carry the below-threshold flag by the campaign's rule (score under the threshold, at least one
     * answer). Before, every per-point row said false.
     */
    @Test
    void perPointRowsBelowTheThresholdAreMarkedInTheCsv() throws Exception {
        SurveyFixture f = SurveyFixture.openNow(api);
        Map<String, Integer> poor = f.answers(1);
        poor.put(f.questionId(0), 2);
        submit(f, 0, poor);
        submit(f, 1, f.answers(5));
        List<CSVRecord> rows = records(csv(f).text());
        CSVRecord header = rows.get(0);
        int pointColumn = -1;
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).toLowerCase(java.util.Locale.ROOT).endsWith("point")) {
                pointColumn = i;
            }
        }
        int flag = header.size() - 1;
        String point0 = f.points.get(0).locationCode() + " " + f.points.get(0).locationName();
        String point1 = f.points.get(1).locationCode() + " " + f.points.get(1).locationName();
        int poorRows = 0;
        int goodRows = 0;
        for (CSVRecord r : rows.subList(1, rows.size())) {
            if (r.get(1).isEmpty() || r.get(pointColumn).isEmpty()) {
                continue; // not a point's question row
            }
            if (r.get(pointColumn).equals(point0)) {
                assertEquals("true", r.get(flag), "point 0 scored low on every question: " + r);
                poorRows++;
            } else if (r.get(pointColumn).equals(point1)) {
                assertEquals("false", r.get(flag), r.toString());
                goodRows++;
            } else {
                assertEquals("false", r.get(flag), "nobody answered there: not flagged " + r);
            }
        }
        assertEquals(f.questions.size(), poorRows);
        assertEquals(f.questions.size(), goodRows);
    }

    @Test
    void theCsvHasBilingualHeadersHouseholdsRatesAndTheCampaignTitleAsItsName() throws Exception {
        SurveyFixture f = SurveyFixture.openNow(api);
        submit(f, 0, f.answers(4));
        submit(f, 0, f.answers(5));
        Download r = csv(f);
        String disposition = r.disposition();
        assertTrue(disposition.startsWith("attachment; filename=\"Test survey results.csv\"; filename*=UTF-8''"),
                disposition);
        String encoded = disposition.substring(disposition.indexOf("UTF-8''") + 7);
        assertTrue(encoded.matches("[A-Za-z0-9%!#$&+\\-.^_`|~]+"), "RFC 5987 attr-chars only: " + encoded);
        assertEquals("测试调查 调查结果.csv", URLDecoder.decode(encoded, StandardCharsets.UTF_8));

        List<CSVRecord> rows = records(r.text());
        CSVRecord header = rows.get(0);
        assertTrue(header.toList().contains("得分 Score"), header.toString());
        assertTrue(header.toList().contains("户数 Households"), header.toString());
        assertTrue(header.toList().contains("回应率 % Response rate %"), header.toString());
        for (String h : header) {
            assertTrue(h.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                    && h.matches(".*[A-Za-z].*"), "Chinese and English in every header: " + h);
        }
        int households = header.toList().indexOf("户数 Households");
        int rate = header.toList().indexOf("回应率 % Response rate %");
        int responses = header.toList().indexOf("有效答卷 Responses");
        int score = header.toList().indexOf("得分 Score");
        CSVRecord survey = rows.get(1);
        assertEquals("survey", survey.get(0));
        assertFalse(survey.get(score).isEmpty(), "the overall survey score: " + survey);
        String point0 = f.points.get(0).locationCode() + " " + f.points.get(0).locationName();
        CSVRecord pointRow = rows.stream().filter(x -> x.get(0).equals("point") && x.get(5).equals(point0))
                .findFirst().orElseThrow();
        int hh = f.points.get(0).households();
        assertEquals(String.valueOf(hh), pointRow.get(households));
        assertEquals("2", pointRow.get(responses));
        assertEquals(new BigDecimal(200).divide(new BigDecimal(hh), 2, java.math.RoundingMode.HALF_UP),
                new BigDecimal(pointRow.get(rate)));
        assertEquals(1 + 1 + 3 * f.questions.size() + f.points.size() * (1 + f.questions.size()), rows.size());
    }

    @Test
    void theOverallScoreIsThePointsWeightedMeanOfTheScoredItems() {
        SurveyFixture f = SurveyFixture.create(api, java.time.Duration.ofMinutes(-1), java.time.Duration.ofDays(1),
                Map.of("overallQuestion", true));
        Map<String, Integer> a = f.answers(4);
        a.put(f.questionId(0), 2);
        submit(f, 0, a);
        Map<String, Integer> b = f.answers(5);
        b.put(f.questionId(1), 0);
        submit(f, 0, b);
        submit(f, 1, f.answers(3));
        SurveyResults.Results r = api.read("/api/v1/campaigns/" + f.campaignId + "/results", f.lead,
                SurveyResults.Results.class);
        // Σ points × score / Σ points over the scored, answered items; the unscored overall question stays out.
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal total = BigDecimal.ZERO;
        int scored = 0;
        for (SurveyResults.QuestionResult q : r.questions()) {
            if (!q.scored()) {
                assertTrue(q.itemCode() == null, "only the overall question is unscored: " + q);
                continue;
            }
            scored++;
            BigDecimal s = new BigDecimal(decimal(q.all().merged().exactScore()));
            weighted = weighted.add(q.itemPoints().multiply(s));
            total = total.add(q.itemPoints());
        }
        assertTrue(scored >= 2 && scored < r.questions().size(), "the overall question is there and unscored");
        SurveyResults.OverallScore o = r.overall();
        assertEquals(SurveyResults.Weighting.ITEM_POINTS, o.weighting());
        assertEquals(scored, o.items());
        assertEquals(0, weighted.divide(total, 2, java.math.RoundingMode.HALF_UP).compareTo(o.score()), o.toString());
        assertNotNull(o.scoreLow());
        assertTrue(o.scoreLow().compareTo(o.score()) <= 0 && o.score().compareTo(o.scoreHigh()) <= 0, o.toString());
        // One don't-know counted beside; response rate over the points' households.
        assertEquals(1, r.questions().get(1).all().merged().dontKnows());
        long households = f.points.stream().mapToLong(p -> p.households() == null ? 0 : p.households()).sum();
        assertEquals(households, r.households());
        assertEquals(new BigDecimal(300).divide(new BigDecimal(households), 2, java.math.RoundingMode.HALF_UP),
                r.responseRatePercent());
        SurveyResults.PointResult p0 = r.points().get(0);
        assertEquals(2, p0.online());
        assertNotNull(p0.overall().score());
        assertTrue(p0.overall().score().compareTo(r.points().get(1).overall().score()) > 0,
                "point 0 (4s, 5s) scores above point 1 (3s)");
        assertEquals(null, r.points().get(2).overall().score(), "nobody answered at point 2");
    }

    /** An exact score as text ("1075/12" or "75"), as a decimal with 10 places. */
    private static String decimal(String exact) {
        if (!exact.contains("/")) {
            return exact;
        }
        String[] nd = exact.split("/");
        return new BigDecimal(nd[0]).divide(new BigDecimal(nd[1]), 10, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
