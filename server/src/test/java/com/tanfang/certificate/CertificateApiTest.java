package com.tanfang.certificate;

import com.tanfang.MutableClock;
import com.tanfang.TestApi;
import com.tanfang.document.store.GeneratedDocuments;
import com.tanfang.message.Language;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Certificates over the API and the public check page, on a project of their own (CertificateFixture): the refusals
 * before a certificate can be issued, in order; issue; roles and objects; every status change and the 409s; expiry on
 * the clock; bounds; the public page (zh, en, forged ids, no personal data, size, headers, rate limit).
 */
@MicronautTest(transactional = false)
class CertificateApiTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    MutableClock clock;
    @Inject
    DataSource dataSource;
    @Inject
    GeneratedDocuments documents;
    @Inject
    TransactionOperations<Connection> tx;
    TestApi api;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() {
        api = new TestApi(server.getURL(), json);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private CertificateFixture issuable() {
        CertificateFixture f = new CertificateFixture(api, server.getURL().toString(), json, clock);
        f.signOff();
        f.release();
        f.auditReport(documents, tx);
        return f;
    }

    private Map<String, Object> issue(CertificateFixture f) {
        TestApi.Res r = api.post(f.path(), f.lead, Map.of());
        assertEquals(201, r.status(), r.raw());
        return r.map();
    }

    private List<String> evidence(long certificateId) throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement ps = c.prepareStatement("select action from evidence_log"
                     + " where subject_type = 'CERTIFICATE' and subject_id = ? order by seq")) {
            ps.setLong(1, certificateId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    private HttpResponse<String> page(String path, String acceptLanguage) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.getURL().toString().replaceAll("/$", "") + path));
        if (acceptLanguage != null) {
            b.header("Accept-Language", acceptLanguage);
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String code(TestApi.Res r) {
        return String.valueOf(r.raw());
    }

    @Test
    @SuppressWarnings("unchecked")
    void issuingIsRefusedUntilSignedReleasedAndReportedThenOnceOnly() throws Exception {
        CertificateFixture f = new CertificateFixture(api, server.getURL().toString(), json, clock);
        TestApi.Res r = api.post(f.path(), f.lead, Map.of());
        assertEquals(409, r.status(), r.raw());
        assertEquals("certificate.issue.not_signed", r.map().get("code"), r.raw());
        f.signOff();
        r = api.post(f.path(), f.lead, Map.of());
        assertEquals(409, r.status());
        assertEquals("certificate.issue.not_released", r.map().get("code"), r.raw());
        f.release();
        r = api.send("POST", f.path(), f.lead, Map.of(), Map.of("Accept-Language", "zh-CN"));
        assertEquals(409, r.status());
        assertTrue(code(r).contains("审核报告尚未生成"), r.raw());
        r = api.send("POST", f.path(), f.lead, Map.of(), Map.of("Accept-Language", "en"));
        assertTrue(code(r).contains("audit report of revision 1 is not generated yet"), r.raw());
        var report = f.auditReport(documents, tx);

        Map<String, Object> c = issue(f);
        long id = ((Number) c.get("id")).longValue();
        int year = LocalDate.ofInstant(clock.instant(), Certificates.ZONE).getYear();
        assertTrue(((String) c.get("number")).matches("TF-" + year + "-\\d{4}"), c.toString());
        assertEquals("VALID", c.get("status"));
        assertEquals(report.sha256(), c.get("auditReportSha256"));
        assertEquals(1, ((Number) c.get("revision")).intValue());
        LocalDate issued = LocalDate.parse((String) c.get("issuedOn"));
        assertEquals(issued.plusYears(3).minusDays(1), LocalDate.parse((String) c.get("expiresOn")), "three years by default");
        List<Map<String, Object>> windows = (List<Map<String, Object>>) c.get("surveillance");
        assertEquals(2, windows.size(), "first- and second-year surveillance");
        assertEquals(issued.plusMonths(9).toString(), windows.get(0).get("from"));
        assertEquals(issued.plusMonths(12).toString(), windows.get(0).get("to"));
        String url = (String) c.get("publicUrl");
        assertTrue(url.matches("https?://.+/c/[A-Za-z0-9_-]{32}"), url);
        assertEquals(List.of("ISSUE"), ((List<Map<String, Object>>) c.get("history")).stream().map(h -> h.get("action")).toList());
        assertTrue(((List<String>) c.get("actions")).containsAll(List.of("SUSPEND", "WITHDRAW", "CANCEL")));
        assertTrue(c.get("scopeZh").toString().contains(c.get("gradeNameZh").toString()), "the default scope names the grade");
        // both PDFs stored with kind CERTIFICATE and the certificate as subject, and their evidence
        for (Language l : List.of(Language.ZH_CN, Language.EN)) {
            assertTrue(tx.executeRead(s -> documents.find(com.tanfang.document.store.DocumentKind.CERTIFICATE, f.projectId, 1, l, id))
                    .isPresent(), l.tag());
        }
        assertTrue(evidence(id).contains("certificate.issue"), evidence(id).toString());
        r = api.post(f.path(), f.lead, Map.of());
        assertEquals(409, r.status(), "one certificate per revision");
        assertTrue(code(r).contains(c.get("number").toString()), r.raw());
        assertEquals(1, api.get(f.path(), f.lead).list().size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void rolesAndObjects() throws Exception {
        CertificateFixture f = issuable();
        assertEquals(403, api.post(f.path(), f.v.auditor, Map.of()).status(), "an auditor does not issue");
        assertEquals(403, api.post(f.path(), api.demo("client"), Map.of()).status());
        assertEquals(403, api.post(f.path(), api.demo("shopper"), Map.of()).status());
        String otherLead = api.newUser("cert-lead-" + System.nanoTime(), "LEAD", null);
        assertEquals(404, api.post(f.path(), otherLead, Map.of()).status(), "a lead off the team");
        Map<String, Object> c = issue(f);
        long id = ((Number) c.get("id")).longValue();
        String one = "/api/v1/certificates/" + id;
        // the team and the certified organisation's client read; the client changes nothing and sees no names
        assertEquals(200, api.get(one, f.v.auditor).status());
        TestApi.Res client = api.get(one, api.demo("client"));
        assertEquals(200, client.status(), client.raw());
        assertTrue(((List<Map<String, Object>>) client.map().get("history")).stream().allMatch(h -> h.get("actor") == null));
        assertEquals(List.of(), client.map().get("actions"));
        assertTrue(api.get("/api/v1/certificates", api.demo("client")).list().stream().anyMatch(x -> x.get("id").equals(c.get("id"))));
        assertEquals(403, api.post(one + "/status", api.demo("client"), Map.of("action", "SUSPEND", "reason", "x")).status());
        assertEquals(403, api.post(one + "/status", f.v.auditor, Map.of("action", "SUSPEND", "reason", "x")).status());
        assertEquals(403, api.get(one, api.demo("shopper")).status());
        assertEquals(403, api.get(one, api.demo("verifier")).status());
        assertEquals(404, api.get(one, otherLead).status(), "staff off the team");
        assertEquals(404, api.post(one + "/status", otherLead, Map.of("action", "SUSPEND", "reason", "x")).status());
        long otherOrg = ((Number) api.post("/api/v1/organizations", api.admin(),
                Map.of("name", "别家证书 " + System.nanoTime())).map().get("id")).longValue();
        String foreign = api.newUser("foreign-cert-" + System.nanoTime(), "CLIENT", otherOrg);
        assertEquals(404, api.get(one, foreign).status());
        assertEquals(404, api.send("GET", one + "/pdf", foreign, null, Map.of("Accept", "*/*")).status());
        assertEquals(404, api.get(f.path(), foreign).status());
        assertFalse(api.get("/api/v1/certificates", foreign).list().stream().anyMatch(x -> x.get("id").equals(c.get("id"))));
        assertEquals(404, api.get("/api/v1/certificates/999999999", f.lead).status());
        // the client downloads the PDF
        TestApi.Res pdf = api.send("GET", one + "/pdf?lang=zh-CN", api.demo("client"), null, Map.of("Accept", "application/pdf"));
        assertEquals(200, pdf.status());
        assertEquals("application/pdf", pdf.header("Content-Type"));
        // an ADMIN changes the status too
        TestApi.Res s = api.post(one + "/status", api.admin(), Map.of("action", "SUSPEND", "reason", "监督评价未通过"));
        assertEquals(200, s.status(), s.raw());
        assertEquals("SUSPENDED", s.map().get("status"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyStatusChangeWithItsReasonAndExpiryOnTheClock() throws Exception {
        CertificateFixture f = issuable();
        Map<String, Object> c = issue(f);
        long id = ((Number) c.get("id")).longValue();
        String status = "/api/v1/certificates/" + id + "/status";
        String publicPath = URI.create((String) c.get("publicUrl")).getPath();
        TestApi.Res bad = api.post(status, f.lead, Map.of("action", "SUSPEND"));
        assertEquals(400, bad.status());
        assertEquals(List.of("reason"), bad.problemFields());
        bad = api.post(status, f.lead, Map.of("action", "SUSPEND", "reason", "   "));
        assertEquals(List.of("reason"), bad.problemFields());
        bad = api.post(status, f.lead, Map.of("action", "EXPIRE", "reason", "x"));
        assertEquals(List.of("action"), bad.problemFields(), "expiry is the clock's");
        assertEquals(400, api.post(status, f.lead, Map.of("action", "SUSPEND", "reason", "x".repeat(1001))).status());
        assertEquals(409, api.post(status, f.lead, Map.of("action", "RESTORE", "reason", "x")).status(), "valid already");

        TestApi.Res s = api.post(status, f.lead, Map.of("action", "SUSPEND", "reason", "监督评价未通过"));
        assertEquals(200, s.status(), s.raw());
        assertEquals("SUSPENDED", s.map().get("status"));
        assertEquals(List.of("RESTORE", "WITHDRAW", "CANCEL"), s.map().get("actions"));
        assertTrue(page(publicPath, "zh-CN").body().contains("data-status=SUSPENDED"));
        assertEquals(409, api.post(status, f.lead, Map.of("action", "SUSPEND", "reason", "x")).status());
        s = api.post(status, f.lead, Map.of("action", "RESTORE", "reason", "复评通过"));
        assertEquals("VALID", s.map().get("status"));

        // past the last valid day the certificate is EXPIRED, on the page too, and nothing can change it
        LocalDate expires = LocalDate.parse((String) c.get("expiresOn"));
        clock.advance(Duration.between(clock.instant(), expires.plusDays(1).atStartOfDay(Certificates.ZONE).toInstant())
                .plusMinutes(1));
        Map<String, Object> expired = api.get("/api/v1/certificates/" + id, f.lead).map();
        assertEquals("EXPIRED", expired.get("status"));
        assertEquals("VALID", expired.get("storedStatus"));
        assertEquals(List.of(), expired.get("actions"));
        assertTrue(page(publicPath, "zh-CN").body().contains("data-status=EXPIRED"));
        TestApi.Res late = api.post(status, f.lead, Map.of("action", "SUSPEND", "reason", "x"));
        assertEquals(409, late.status(), late.raw());
        clock.reset();

        s = api.post(status, f.lead, Map.of("action", "WITHDRAW", "reason", "暂停期内复评未通过"));
        assertEquals("WITHDRAWN", s.map().get("status"));
        for (String action : List.of("SUSPEND", "RESTORE", "WITHDRAW", "CANCEL")) {
            assertEquals(409, api.post(status, f.lead, Map.of("action", action, "reason", "x")).status(), action);
        }
        List<Map<String, Object>> history = (List<Map<String, Object>>) s.map().get("history");
        assertEquals(List.of("ISSUE", "SUSPEND", "RESTORE", "WITHDRAW"), history.stream().map(h -> h.get("action")).toList());
        assertEquals("暂停期内复评未通过", history.get(3).get("reason"));
        assertEquals("SUSPENDED", history.get(2).get("from"));
        assertTrue(page(publicPath, "en").body().contains("Withdrawn"));
        List<String> rows = evidence(id);
        assertEquals(3, rows.stream().filter("certificate.status"::equals).count(), rows.toString());
    }

    @Test
    void cancellingAndBoundsOfTheIssueInput() {
        CertificateFixture f = issuable();
        TestApi.Res r = api.post(f.path(), f.lead, Map.of("expiresOn", "2020-01-01"));
        assertEquals(400, r.status(), r.raw());
        assertEquals(List.of("expiresOn"), r.problemFields());
        LocalDate today = LocalDate.ofInstant(clock.instant(), Certificates.ZONE); // the server's clock (moved by the fixture)
        assertEquals(List.of("expiresOn"), api.post(f.path(), f.lead, Map.of("expiresOn", today.plusYears(3).plusDays(1).toString())).problemFields());
        assertEquals(List.of("expiresOn"), api.post(f.path(), f.lead, Map.of("expiresOn", "next year")).problemFields());
        assertEquals(400, api.post(f.path(), f.lead, Map.of("scopeZh", "范".repeat(501))).status());
        r = api.post(f.path(), f.lead, Map.of("expiresOn", today.plusYears(1).toString(), "scopeZh", "锦绣花园物业服务（四星级）",
                "scopeEn", "Property services of Jinxiu Garden (four-star)"));
        assertEquals(201, r.status(), r.raw());
        assertEquals(today.plusYears(1).toString(), r.map().get("expiresOn"));
        assertEquals("锦绣花园物业服务（四星级）", r.map().get("scopeZh"));
        assertEquals(0, ((List<?>) r.map().get("surveillance")).size(),
                "a one-year certificate: its 12-month window ends on the expiry, when recertification is due instead");
        String status = "/api/v1/certificates/" + r.map().get("id") + "/status";
        TestApi.Res s = api.post(status, f.lead, Map.of("action", "CANCEL", "reason", "获证组织申请注销"));
        assertEquals("CANCELLED", s.map().get("status"));
        assertEquals(409, api.post(status, f.lead, Map.of("action", "RESTORE", "reason", "x")).status());
    }

    @Test
    void thePublicPageIsSmallBilingualFreeOfPersonalDataAndRefusesForgedIds() throws Exception {
        CertificateFixture f = issuable();
        Map<String, Object> c = issue(f);
        String path = URI.create((String) c.get("publicUrl")).getPath();
        HttpResponse<String> zh = page(path, "zh-CN,zh;q=0.9");
        assertEquals(200, zh.statusCode());
        String html = zh.body();
        assertTrue(html.contains("证书查验") && html.contains("有效") && html.contains("北京时间"), html);
        assertTrue(html.contains((String) c.get("number")) && html.contains((String) c.get("organizationName")));
        assertTrue(html.contains((String) c.get("auditReportSha256")), "the audit report's hash");
        assertTrue(html.contains("<svg"), "the radar chart inline");
        assertTrue(html.contains((String) c.get("gradeNameZh")));
        for (String personal : List.of("李组长", "Lead Li", "王经理", "0571", "陈暗访", "lead")) {
            assertFalse(html.contains(personal), personal);
        }
        int bytes = zh.body().getBytes(StandardCharsets.UTF_8).length;
        System.out.printf("Certificate public page: %d bytes (uncompressed), budget 30 KB%n", bytes);
        assertTrue(bytes < 30 * 1024, bytes + " bytes");
        assertFalse(html.contains("<script"), "no script");
        String csp = zh.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"), csp);
        assertEquals("nosniff", zh.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("DENY", zh.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals("no-store", zh.headers().firstValue("Cache-Control").orElse(""));

        HttpResponse<String> en = page(path, "en-US,en");
        assertTrue(en.body().contains("Certificate check") && en.body().contains("Valid") && en.body().contains("Beijing time"));
        assertTrue(en.body().contains("lang=zh-CN"), "a visible switch back to Chinese");
        assertTrue(page(path + "?lang=en", "zh-CN").body().contains("Certificate check"), "the switch");

        String id = path.substring(path.lastIndexOf('/') + 1);
        String altered = id.substring(0, 31) + (id.charAt(31) == 'A' ? 'B' : 'A');
        for (String forged : List.of("/c/" + altered, "/c/" + id.substring(0, 31), "/c/" + id + "x", "/c/%27%3Cscript%3E",
                "/c/TF-2026-0001")) {
            HttpResponse<String> r = page(forged, "zh-CN");
            assertEquals(404, r.statusCode(), forged);
            assertTrue(r.body().contains("无法验证此证书"), forged + " " + r.body());
            assertFalse(r.body().contains("<script"), forged);
        }
        assertTrue(page("/c/" + altered, "en").body().contains("This certificate cannot be verified"));
    }

    @Test
    void thePublicPageIsRateLimitedPerAddress() throws Exception {
        // a window of its own, far from the real minute other tests use, then the clock goes back
        clock.advance(Duration.ofDays(400));
        int limit = 60;
        int status = 0;
        for (int i = 0; i <= limit && status != 429; i++) {
            status = page("/c/" + "A".repeat(32), "en").statusCode();
        }
        assertEquals(429, status);
        HttpResponse<String> busy = page("/c/" + "A".repeat(32), "zh-CN");
        assertEquals(429, busy.statusCode());
        assertTrue(busy.body().contains("查验过于频繁"), busy.body());
        assertTrue(busy.headers().firstValue("Retry-After").isPresent());
        assertNotEquals("", busy.headers().firstValue("Content-Security-Policy").orElse(""));
    }

    @Test
    void thePdfCarriesTheQrCodeOfThePublicPageAndItsChineseGlyphs() throws Exception {
        CertificateFixture f = issuable();
        Map<String, Object> c = issue(f);
        String one = "/api/v1/certificates/" + c.get("id") + "/pdf";
        for (String lang : List.of("zh-CN", "en")) {
            byte[] pdf = http.send(HttpRequest.newBuilder(URI.create(server.getURL().toString().replaceAll("/$", "")
                            + one + "?lang=" + lang)).header("Authorization", "Bearer " + f.lead).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            assertTrue(new String(pdf, 0, 5, StandardCharsets.US_ASCII).startsWith("%PDF-"), lang);
            java.nio.file.Path dir = java.nio.file.Path.of("target", "screenshots");
            java.nio.file.Files.createDirectories(dir);
            for (int page = 0; page < com.tanfang.document.pdf.PdfPages.pageCount(pdf); page++) {
                java.nio.file.Files.write(dir.resolve("certificate-pdf-" + lang + "-" + (page + 1) + ".png"),
                        com.tanfang.document.pdf.PdfPages.png(pdf, page + 1, 100));
            }
            assertEquals(1, com.tanfang.document.pdf.PdfPages.pageCount(pdf), lang + ": one A4 page");
            assertFalse(com.tanfang.document.pdf.PdfPages.hasTofu(pdf), lang + ": every character has a glyph");
            String text = com.tanfang.document.pdf.PdfPages.text(pdf);
            assertTrue(text.contains((String) c.get("number")), text);
            assertTrue(text.contains((String) c.get("auditReportSha256")) || text.replaceAll("\\s", "")
                    .contains((String) c.get("auditReportSha256")), "the audit report's hash");
            if (lang.equals("zh-CN")) {
                assertTrue(text.contains("服务认证证书") && text.contains((String) c.get("organizationName")), text);
            } else {
                assertTrue(text.contains("Service Certification Certificate"), text);
            }
            // the QR code, decoded from the rendered page, opens the public page
            byte[] png = com.tanfang.document.pdf.PdfPages.png(pdf, 1, 150);
            assertEquals(c.get("publicUrl"), com.tanfang.document.QrDecoding.decodePng(png), lang);
        }
    }
}
