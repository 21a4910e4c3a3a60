package com.tanfang.export;

import com.tanfang.MutableClock;
import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import com.tanfang.VisitFixture;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exports through HTTP on the real database: files read back with commons-csv and POI. */
@MicronautTest(transactional = false)
class ExportApiTest {
    private static final String PHONE = "13812345678";
    private static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"点我\")";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    MutableClock clock;
    @Inject
    javax.sql.DataSource dataSource;
    TestApi api;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() {
        api = new TestApi(server.getURL(), json);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    record Download(int status, String contentType, String disposition, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private Download download(String path, String token, String acceptLanguage) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Authorization", "Bearer " + token);
        if (acceptLanguage != null) {
            b.header("Accept-Language", acceptLanguage);
        }
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Download(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                r.headers().firstValue("Content-Disposition").orElse(""), r.body());
    }

    private static List<CSVRecord> csv(Download d) throws IOException {
        String text = d.text();
        assertTrue(text.startsWith("\uFEFF"), "UTF-8 BOM first");
        return CSVFormat.DEFAULT.parse(new StringReader(text.substring(1))).getRecords();
    }

    private long submit(SurveyFixture f, int point, int value, String phone, String comment) {
        Map<String, Object> b = new HashMap<>();
        b.put("submissionId", UUID.randomUUID().toString());
        b.put("answers", f.answers(value));
        if (phone != null) {
            b.put("phone", phone);
            b.put("phoneConsent", true);
        }
        if (comment != null) {
            b.put("comment", comment);
        }
        TestApi.Res r = api.post("/api/v1/public/surveys/" + f.token(point) + "/responses", null, b);
        assertEquals(201, r.status(), r.raw());
        return ((Number) r.map().get("responseId")).longValue();
    }

    @Test
    void responsesAsCsvReadBackWithMaskedPhoneAndNeutralisedFormula() throws Exception {
        SurveyFixture f = SurveyFixture.create(api, java.time.Duration.ofMinutes(-1), java.time.Duration.ofDays(1),
                Map.of("commentAllowed", true, "phoneMode", "OPTIONAL"));
        long first = submit(f, 0, 4, PHONE, FORMULA);
        long second = submit(f, 1, 5, null, "-1+2");
        long third = submit(f, 0, 3, null, null);

        Download d = download("/api/v1/campaigns/" + f.campaignId + "/exports/responses?format=csv", f.lead, "zh-CN");
        assertEquals(200, d.status(), d.text());
        assertTrue(d.contentType().startsWith("text/csv"), d.contentType());
        assertTrue(d.disposition().startsWith("attachment;") && d.disposition().contains(".csv"), d.disposition());
        assertFalse(d.text().contains("12345678") || d.text().contains("5678"), "no phone digits in the file");

        List<CSVRecord> rows = csv(d);
        int questions = f.questions.size();
        assertEquals(4, rows.size(), "header + 3 responses");
        CSVRecord header = rows.get(0);
        assertEquals("答卷编号", header.get(0));
        assertEquals("提交时间（北京时间）", header.get(1));
        assertEquals("第1题 " + f.questions.get(0).textZh(), header.get(5));
        assertEquals(5 + questions + 6, header.size());
        int flagsAt = 5 + questions;

        CSVRecord r1 = rows.get(1);
        assertEquals(String.valueOf(first), r1.get(0));
        assertEquals("线上", r1.get(2));
        assertEquals("4", r1.get(5));
        assertEquals("已留（隐藏）", r1.get(flagsAt + 4));
        assertEquals("'" + FORMULA, r1.get(flagsAt + 5), "a formula is neutralised with an apostrophe");
        // submitted time: Beijing time, within a minute of now
        java.time.LocalDateTime at = java.time.LocalDateTime.parse(r1.get(1).replace(' ', 'T'));
        java.time.LocalDateTime now = java.time.LocalDateTime.now(ZoneId.of("Asia/Shanghai"));
        assertTrue(Math.abs(java.time.Duration.between(at, now).toMinutes()) <= 2, at + " vs " + now);

        CSVRecord r2 = rows.get(2);
        assertEquals(String.valueOf(second), r2.get(0));
        assertEquals("5", r2.get(5));
        assertEquals("", r2.get(flagsAt + 4), "no phone left");
        assertEquals("'-1+2", r2.get(flagsAt + 5));
        assertEquals(String.valueOf(third), rows.get(3).get(0));
        assertEquals("否", rows.get(3).get(flagsAt + 1), "not excluded");

        // English headers by the caller's language, or by ?lang=
        Download en = download("/api/v1/campaigns/" + f.campaignId + "/exports/responses?format=csv", f.lead, "en-US,en");
        assertEquals("Response", csv(en).get(0).get(0));
        assertEquals("Q1 " + f.questions.get(0).textEn(), csv(en).get(0).get(5));
        Download en2 = download("/api/v1/campaigns/" + f.campaignId + "/exports/responses?format=csv&lang=en", f.lead,
                "zh-CN");
        assertEquals("online", csv(en2).get(1).get(2));
    }

    private long sql(String query, Object... args) throws java.sql.SQLException {
        try (java.sql.Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource
                .unwrapDataSource(dataSource).getConnection(); var st = c.prepareStatement(query)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            if (!st.execute()) {
                return st.getUpdateCount();
            }
            var rs = st.getResultSet();
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The response's flag kinds as the export prints them: distinct, sorted, space-separated ("" when none). */
    private String flags(long responseId) throws java.sql.SQLException {
        try (java.sql.Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource
                .unwrapDataSource(dataSource).getConnection();
             var st = c.prepareStatement("select coalesce(string_agg(distinct kind, ' ' order by kind), '') from response_flag where response_id = ?")) {
            st.setLong(1, responseId);
            var rs = st.executeQuery();
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * The responses export merges three ordered streams (responses, answers, flags) over the campaign's id range: a
     * campaign open at the same time interleaves its ids with this one's, and its answers and flags must be skipped,
     * never shifted onto a neighbour. Each download is in the evidence log; a HEAD is not.
     */
    @Test
    void interleavedCampaignsKeepTheirOwnAnswersAndFlagsAndEveryDownloadIsLogged() throws Exception {
        SurveyFixture a = SurveyFixture.create(api, java.time.Duration.ofMinutes(-1), java.time.Duration.ofDays(1),
                Map.of());
        SurveyFixture b = SurveyFixture.create(api, java.time.Duration.ofMinutes(-1), java.time.Duration.ofDays(1),
                Map.of());
        long a1 = submit(a, 0, 4, null, null);
        long b1 = submit(b, 0, 2, null, null);
        Map<String, Object> dontKnow = new HashMap<>();
        dontKnow.put("submissionId", UUID.randomUUID().toString());
        Map<String, Integer> answers = a.answers(5);
        answers.put(a.questionId(0), 0);
        dontKnow.put("answers", answers);
        TestApi.Res r = api.post("/api/v1/public/surveys/" + a.token(1) + "/responses", null, dontKnow);
        assertEquals(201, r.status(), r.raw());
        long a2 = ((Number) r.map().get("responseId")).longValue();
        long b2 = submit(b, 1, 1, null, null);
        long a3 = submit(a, 0, 3, null, null);
        // flags of b's responses between a's (the submissions may have raised real ones too: see flags())
        for (long flagged : List.of(b1, a2, b2)) {
            sql("insert into response_flag (response_id, kind, reason, reason_code) values (?, ?, 'test', 'survey.flag.burst.general')",
                    flagged, flagged == a2 ? "TOO_FAST" : "CLOCK_SKEW");
        }

        long before = sql("select count(*) from evidence_log where action = 'export.downloaded' and subject_type = 'CAMPAIGN' and subject_id = ?", a.campaignId);
        Download d = download("/api/v1/campaigns/" + a.campaignId + "/exports/responses?format=csv&lang=en", a.lead, null);
        assertEquals(200, d.status(), d.text());
        List<CSVRecord> rows = csv(d);
        int n = a.questions.size();
        assertEquals(4, rows.size(), "header + a's 3 responses, none of b's");
        assertEquals(List.of(String.valueOf(a1), String.valueOf(a2), String.valueOf(a3)),
                rows.subList(1, 4).stream().map(x -> x.get(0)).toList());
        for (int q = 0; q < n; q++) {
            assertEquals("4", rows.get(1).get(5 + q), "a1 q" + q);
            assertEquals(q == 0 ? "don't know" : "5", rows.get(2).get(5 + q), "a2 q" + q);
            assertEquals("3", rows.get(3).get(5 + q), "a3 q" + q);
        }
        assertEquals(flags(a1), rows.get(1).get(5 + n), "a1's flags (b1's skipped)");
        assertTrue(rows.get(2).get(5 + n).contains("TOO_FAST"), rows.get(2).toString());
        assertEquals(flags(a2), rows.get(2).get(5 + n), "a2's flags, not b's");
        assertEquals(flags(a3), rows.get(3).get(5 + n), "a3's flags (b2's skipped)");
        assertFalse(d.text().contains("CLOCK_SKEW"), "no flag of b's responses");

        assertEquals(before + 1, sql("select count(*) from evidence_log where action = 'export.downloaded' and subject_type = 'CAMPAIGN' and subject_id = ?"
                + " and detail ->> 'export' = 'responses' and detail ->> 'format' = 'csv' and detail ->> 'language' = 'en'"
                + " and actor is not null", a.campaignId), "the download is logged with its caller");
        HttpResponse<byte[]> head = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/campaigns/"
                        + a.campaignId + "/exports/responses")).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + a.lead).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, head.statusCode());
        assertEquals(before + 1, sql("select count(*) from evidence_log where action = 'export.downloaded' and subject_type = 'CAMPAIGN' and subject_id = ?", a.campaignId),
                "a HEAD reads nothing and is not logged");
        Download refused = download("/api/v1/campaigns/" + a.campaignId + "/exports/responses?format=pdf", a.lead, null);
        assertEquals(400, refused.status());
        assertEquals(before + 1, sql("select count(*) from evidence_log where action = 'export.downloaded' and subject_type = 'CAMPAIGN' and subject_id = ?", a.campaignId),
                "a refused export is not logged");
    }

    @Test
    void responsesAsXlsxKeepNumbersAsNumbersAndTimesAsDates() throws Exception {
        SurveyFixture f = SurveyFixture.create(api, java.time.Duration.ofMinutes(-1), java.time.Duration.ofDays(1),
                Map.of("commentAllowed", true, "phoneMode", "OPTIONAL"));
        long first = submit(f, 0, 2, PHONE, FORMULA);
        submit(f, 1, 5, null, null);

        Download d = download("/api/v1/campaigns/" + f.campaignId + "/exports/responses?format=xlsx", f.lead, "zh-CN");
        assertEquals(200, d.status(), d.text());
        assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", d.contentType());
        assertTrue(d.disposition().contains(".xlsx"), d.disposition());
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(d.body()))) {
            Sheet s = wb.getSheetAt(0);
            assertEquals("答卷", s.getSheetName());
            assertEquals(2, s.getLastRowNum(), "header + 2 rows");
            Row h = s.getRow(0);
            assertEquals("答卷编号", h.getCell(0).getStringCellValue());
            Row r = s.getRow(1);
            assertEquals(CellType.NUMERIC, r.getCell(0).getCellType());
            assertEquals(first, (long) r.getCell(0).getNumericCellValue());
            Cell submitted = r.getCell(1);
            assertEquals(CellType.NUMERIC, submitted.getCellType());
            assertTrue(DateUtil.isCellDateFormatted(submitted), "a date cell");
            assertEquals(LocalDate.now(ZoneId.of("Asia/Shanghai")), submitted.getLocalDateTimeCellValue().toLocalDate());
            assertEquals(CellType.NUMERIC, r.getCell(5).getCellType(), "an answer is a number");
            assertEquals(2.0, r.getCell(5).getNumericCellValue());
            int flagsAt = 5 + f.questions.size();
            assertEquals(CellType.STRING, r.getCell(flagsAt + 5).getCellType());
            assertEquals("'" + FORMULA, r.getCell(flagsAt + 5).getStringCellValue());
            assertEquals("已留（隐藏）", r.getCell(flagsAt + 4).getStringCellValue());
            for (Row row : s) {
                for (Cell c : row) {
                    assertFalse(c.getCellType() == CellType.FORMULA, "no formula cells");
                }
            }
        }
    }

    @Test
    void rolesObjectsAndParametersAreChecked() throws Exception {
        SurveyFixture f = SurveyFixture.openNow(api);
        submit(f, 0, 4, null, null);
        String path = "/api/v1/campaigns/" + f.campaignId + "/exports/responses?format=csv";
        long orgId = ((Number) ((Map<?, ?>) api.get("/api/v1/projects/" + f.projectId, f.lead).map().get("project"))
                .get("organizationId")).longValue();
        String client = api.newUser("xclient" + System.nanoTime(), "CLIENT", orgId);
        String outsider = api.newUser("xlead" + System.nanoTime(), "LEAD", null);
        assertEquals(403, download(path, client, null).status(), "a CLIENT never gets respondents' data");
        assertEquals(404, download(path, outsider, null).status(), "a lead off the team: as if it did not exist");
        assertEquals(404, download("/api/v1/campaigns/999999999/exports/responses?format=csv", f.lead, null).status());
        assertEquals(200, download(path, api.demo("auditor"), null).status(), "the auditor on the team");
        assertEquals(403, download(path, api.demo("verifier"), null).status(), "a verifier: not the responses");

        TestApi.Res bad = api.get("/api/v1/campaigns/" + f.campaignId + "/exports/responses?format=pdf", f.lead);
        assertEquals(400, bad.status(), bad.raw());
        assertTrue(bad.header("Content-Type").startsWith("application/problem+json"), bad.header("Content-Type"));
        assertEquals(List.of("format"), bad.problemFields());
        assertTrue(download("/api/v1/campaigns/" + f.campaignId + "/exports/responses", f.lead, null).contentType()
                .startsWith("text/csv"), "CSV when no format is given");
        TestApi.Res lang = api.get(path + "&lang=fr", f.lead);
        assertEquals(400, lang.status(), lang.raw());
        assertEquals(List.of("lang"), lang.problemFields());

        // HEAD (Micronaut answers it on every GET route) gives its cursor back: more HEADs than the 3 concurrent
        // exports allowed, then a GET still succeeds (a leaked cursor would answer 429)
        for (int i = 0; i < 5; i++) {
            HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + f.lead)
                    .build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(200, head.statusCode());
        }
        assertEquals(200, download(path, f.lead, null).status());

        // call-backs: the team's verifier may export (its own items), a CLIENT may not, an outsider gets 404
        String cb = "/api/v1/campaigns/" + f.campaignId + "/exports/callbacks?format=csv";
        Download v = download(cb, api.demo("verifier"), "zh-CN");
        assertEquals(200, v.status(), v.text());
        assertEquals("调查点编号", csv(v).get(0).get(0));
        assertEquals(1, csv(v).size(), "no draw yet: the header only");
        assertEquals(403, download(cb, client, null).status());
        assertEquals(404, download(cb, outsider, null).status());
        assertEquals(200, download(cb.replace("csv", "xlsx"), f.lead, null).status());
    }

    @Test
    void evaluationSheetAndFindingsExportForTheTeamAndTheClient() throws Exception {
        VisitFixture v = new VisitFixture(api, server.getURL().toString(), json);
        String base = "/api/v1/projects/" + v.projectId;
        long orgId = ((Number) ((Map<?, ?>) api.get(base, v.lead).map().get("project")).get("organizationId")).longValue();
        String client = api.newUser("eclient" + System.nanoTime(), "CLIENT", orgId);
        long otherOrg = ((Number) api.post("/api/v1/organizations", api.admin(),
                Map.of("name", "别家物业 " + System.nanoTime())).map().get("id")).longValue();
        String otherClient = api.newUser("eother" + System.nanoTime(), "CLIENT", otherOrg);

        // the sheet: one row per item, as the lead's sheet lists them
        Map<String, Object> sheet = api.get(base + "/evaluation", v.lead).map();
        int items = ((List<?>) sheet.get("items")).size();
        Download e = download(base + "/exports/evaluation?format=csv", v.lead, "zh-CN");
        assertEquals(200, e.status(), e.text());
        List<CSVRecord> rows = csv(e);
        assertEquals("部分", rows.get(0).get(0));
        assertEquals("条款", rows.get(0).get(2));
        int blank = 1 + items;
        assertEquals(String.valueOf(((Map<?, ?>) ((List<?>) sheet.get("items")).get(0)).get("clause")), rows.get(1).get(2));
        assertEquals("部分", rows.get(blank).get(0), "then the parts table");
        Download ex = download(base + "/exports/evaluation?format=xlsx", v.lead, "en");
        assertEquals(200, ex.status());
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(ex.body()))) {
            assertEquals(2, wb.getNumberOfSheets());
            assertEquals("Items", wb.getSheetAt(0).getSheetName());
            assertEquals(items, wb.getSheetAt(0).getLastRowNum());
            assertEquals(CellType.NUMERIC, wb.getSheetAt(0).getRow(1).getCell(6).getCellType(), "points: a number");
        }
        assertEquals(403, download(base + "/exports/evaluation?format=csv", client, null).status());
        assertEquals(403, download(base + "/exports/evaluation?format=csv", v.shopper, null).status());

        // a nonconformity: the team sees the draft, the client only once issued; another client: 404
        Map<String, Object> body = new HashMap<>(Map.of("kind", "NONCONFORMITY", "severity", "MINOR",
                "clause", "4.1", "itemCode", "P10", "finding", "=消防通道堆放杂物",
                "deadline", LocalDate.now().plusDays(14).toString(), "owner", "王经理"));
        TestApi.Res nc = api.post(base + "/findings", v.lead, body);
        assertEquals(201, nc.status(), nc.raw());
        long ncId = ((Number) nc.map().get("id")).longValue();
        String path = base + "/exports/findings?format=csv";
        List<CSVRecord> team = csv(download(path, v.lead, "zh-CN"));
        assertEquals(2, team.size());
        assertEquals("不符合项", team.get(1).get(1));
        assertEquals("'=消防通道堆放杂物", team.get(1).get(5));
        assertEquals("草稿", team.get(1).get(8));
        assertEquals("填写人", team.get(0).get(14));
        assertEquals(1, csv(download(path, client, "zh-CN")).size(), "a draft is not the client's");
        assertEquals(200, api.post("/api/v1/findings/" + ncId + "/issue", v.lead, Map.of()).status());
        List<CSVRecord> mine = csv(download(path, client, "zh-CN"));
        assertEquals(2, mine.size());
        assertEquals("已发出", mine.get(1).get(8));
        assertEquals(14, mine.get(0).size(), "the client's view: no author column");
        assertEquals(404, download(path, otherClient, null).status());
        assertEquals(200, download(path.replace("csv", "xlsx"), client, null).status());
    }
}
