package com.tanfang.schemelibrary;

import com.tanfang.TestApi;
import com.tanfang.scheme.BuiltInSchemes;
import com.tanfang.scheme.Scheme;
import com.tanfang.scheme.SchemeDocument;
import com.tanfang.scheme.SchemeValidator;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scheme API through real HTTP against the embedded PostgreSQL. */
@MicronautTest
class SchemeApiTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    DataSource dataSource;
    @Inject
    Schemes schemes;
    TestApi api;
    String lead;

    @BeforeEach
    void setUp() {
        api = new TestApi(server.getURL(), json);
        lead = api.demo("lead");
    }

    // ------------------------------------------------------------------ helpers

    private long idOf(String code) {
        return api.get("/api/v1/schemes", lead).list().stream().filter(s -> code.equalsIgnoreCase((String) s.get("code")))
                .map(s -> ((Number) s.get("id")).longValue()).findFirst().orElseThrow(() -> new AssertionError(code));
    }

    /** A fresh, mutable copy of a version's document. */
    private Map<String, Object> document(long id, int version) {
        TestApi.Res r = api.get("/api/v1/schemes/" + id + "/versions/" + version, lead);
        assertEquals(200, r.status(), r.raw());
        return copy(r.map());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> copy(Object value) {
        try {
            return (Map<String, Object>) json.readValue(json.writeValueAsString(value), Argument.of(Object.class));
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Object root, Object... path) {
        Object node = root;
        for (Object step : path) {
            node = step instanceof Integer i ? ((List<Object>) node).get(i) : ((Map<String, Object>) node).get(step);
        }
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> doc) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Object p : (List<Object>) doc.get("parts")) {
            for (Object g : (List<Object>) ((Map<String, Object>) p).get("groups")) {
                items.addAll((List<Map<String, Object>>) ((Map<String, Object>) g).get("items"));
            }
        }
        return items;
    }

    private static String display(Map<String, Object> result, String field) {
        return (String) at(result, field).get("display");
    }

    private static String exact(Map<String, Object> result, String field) {
        return (String) at(result, field).get("exact");
    }

    private static String unique(String prefix) {
        return prefix + "-" + System.nanoTime();
    }

    private static String csv() throws IOException {
        try (InputStream in = SchemeApiTest.class.getResourceAsStream("/schemes/gbt27922-items.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The GB/T table with item B2 (line 3, 2 points) worth {@code points}. */
    private static String csvWithB2Points(String points) throws IOException {
        return csv().replaceFirst("\n(service,60,5\\.2\\.1,[^\n]*?,5\\.2\\.1\\.2,B2,)2,", "\n$1" + points + ",");
    }

    // ------------------------------------------------------------------ tests

    @Test
    void builtInsArePublishedVersionOneAndLoadingThemAgainChangesNothing() {
        List<Map<String, Object>> list = api.get("/api/v1/schemes", api.demo("auditor")).list();
        for (String code : List.of(BuiltInSchemes.GBT27922, BuiltInSchemes.PROPERTY, BuiltInSchemes.HOMESTAY,
                BuiltInSchemes.ELDERLY_CARE, BuiltInSchemes.BUS_LINE, BuiltInSchemes.ROBOT_PLATFORM, BuiltInSchemes.SCENIC_AREA)) {
            Map<String, Object> s = list.stream().filter(x -> code.equals(x.get("code"))).findFirst().orElseThrow();
            assertEquals(true, s.get("builtIn"));
            assertEquals(1, at(s, "published").get("version"));
            assertEquals("PUBLISHED", at(s, "published").get("status"));
        }
        Map<String, Object> gbt = list.stream().filter(x -> BuiltInSchemes.GBT27922.equals(x.get("code"))).findFirst().orElseThrow();
        assertEquals("商品售后服务评价（GB/T 27922-2011）", gbt.get("titleZh"));
        assertEquals("After-sales service evaluation (GB/T 27922-2011)", gbt.get("titleEn"));
        // A second start (or another instance) finds them all present.
        assertEquals(0, schemes.loadBuiltIns());
        assertEquals(list.size(), api.get("/api/v1/schemes", lead).list().size());
    }

    @Test
    void severalInstancesLoadingAtOnceStoreASchemeOnce() throws Exception {
        String code = unique("race");
        Scheme s = SchemeValidator.validate(renamedBusLine(code)).orThrow();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return schemes.loadPublished(List.of(s));
                }));
            }
            start.countDown();
            int loaded = 0;
            for (Future<Integer> run : runs) {
                loaded += run.get();
            }
            assertEquals(1, loaded);
        } finally {
            pool.shutdown();
        }
        List<?> versions = (List<?>) api.get("/api/v1/schemes/" + idOf(code), lead).map().get("versions");
        assertEquals(1, versions.size());
    }

    @Test
    void aChangedBuiltInIsPublishedAsItsNextVersionOnce() throws SQLException {
        String code = unique("changed");
        assertEquals(1, schemes.loadPublished(List.of(SchemeValidator.validate(renamedBusLine(code)).orThrow())));
        SchemeDocument d = renamedBusLine(code);
        SchemeDocument changed = new SchemeDocument(code, d.titleZh(), "Bus line, new rules", d.descriptionZh(),
                d.descriptionEn(), d.fullMarks(), d.likert(), d.special(), d.notApplicableClauses(), d.grades(), d.parts());
        Scheme next = SchemeValidator.validate(changed).orThrow();
        assertEquals(1, schemes.loadPublished(List.of(next)), "the changed document is published");
        assertEquals(0, schemes.loadPublished(List.of(next)), "and only once");
        // (read in the test's own transaction: the HTTP API would not see these uncommitted versions)
        List<String> versions = versionsInThisTransaction(code);
        assertEquals(List.of("1 PUBLISHED " + d.titleEn(), "2 PUBLISHED Bus line, new rules"), versions);
        assertEquals(0, schemes.loadBuiltIns(), "the bundled built-ins equal their stored versions");
    }

    @Test
    void aChangedBuiltInWithAnOpenDraftIsPublishedBeforeTheDraft() throws SQLException {
        String code = unique("drafted");
        assertEquals(1, schemes.loadPublished(List.of(SchemeValidator.validate(renamedBusLine(code)).orThrow())));
        long schemeId;
        long userId;
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select (select id from scheme where code = '" + code + "'), "
                     + "(select min(id) from app_user)")) {
            rs.next();
            schemeId = rs.getLong(1);
            userId = rs.getLong(2);
        }
        assertEquals(2, schemes.createDraft(schemeId, userId).version(), "a certification body starts editing v1");
        SchemeDocument d = renamedBusLine(code);
        Scheme next = SchemeValidator.validate(new SchemeDocument(code, d.titleZh(), "Bus line, new rules", d.descriptionZh(),
                d.descriptionEn(), d.fullMarks(), d.likert(), d.special(), d.notApplicableClauses(), d.grades(), d.parts())).orThrow();
        assertEquals(1, schemes.loadPublished(List.of(next)), "the changed built-in is published though a draft is open");
        // The draft stays the newest version, so publishing it later makes it the latest (not a version older than
        // the one the loader published); it still holds what the body wrote.
        List<String> versions = versionsInThisTransaction(code);
        assertEquals(List.of("1 PUBLISHED " + d.titleEn(), "2 PUBLISHED Bus line, new rules", "3 DRAFT " + d.titleEn()), versions);
        assertEquals(0, schemes.loadPublished(List.of(next)), "and only once");
    }

    /** "number STATUS title_en" of each version, read in the test's own transaction (the API would not see them). */
    private List<String> versionsInThisTransaction(String code) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select v.version, v.status, v.title_en from scheme_version v join scheme s on s.id = v.scheme_id "
                        + "where s.code = ? order by v.version")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3));
                }
            }
        }
        return versions;
    }

    private static SchemeDocument renamedBusLine(String code) {
        SchemeDocument d = BuiltInSchemes.busLineDocument();
        return new SchemeDocument(code, d.titleZh(), d.titleEn(), d.descriptionZh(), d.descriptionEn(),
                d.fullMarks(), d.likert(), d.special(), d.notApplicableClauses(), d.grades(), d.parts());
    }

    @Test
    void invalidJsonDocumentIsRejectedWithEveryProblemPinpointed() {
        Map<String, Object> doc = document(idOf(BuiltInSchemes.GBT27922), 1);
        String code = unique("bad");
        doc.put("code", code);
        at(doc, "parts", 0, "groups", 0, "items", 0).put("points", 5);          // group 5.2.1: 6 declared, 10 summed
        at(doc, "parts", 0, "groups", 0, "items", 1).put("clause", "5.2.1.1"); // same clause as item 0
        at(doc, "parts", 1, "groups", 0, "items", 0).put("methods", List.of("TELEPATHY"));
        at(doc, "parts", 1).put("gatedBy", "service"); // the service part has no pass rule

        TestApi.Res r = api.post("/api/v1/schemes", lead, doc);
        assertEquals(400, r.status(), r.raw());
        assertEquals("application/problem+json", r.header("Content-Type"));
        assertEquals(List.of("parts[0].groups[0].items[1].clause", "parts[0].groups[0].points",
                        "parts[1].groups[0].items[0].methods[0]", "parts[1].gatedBy").stream().sorted().toList(),
                r.problemFields().stream().sorted().toList(), r.raw());
        assertTrue(r.raw().contains("points.sum_mismatch") && r.raw().contains("clause.duplicate")
                && r.raw().contains("methods.unknown") && r.raw().contains("gatedBy.no_pass_rule"), r.raw());

        Map<String, Object> overlapping = document(idOf(BuiltInSchemes.GBT27922), 1);
        overlapping.put("code", code);
        at(overlapping, "grades", 1).put("minimum", 70); // three-star at 70, like compliant
        TestApi.Res o = api.post("/api/v1/schemes", lead, overlapping);
        assertEquals(400, o.status(), o.raw());
        assertEquals(List.of("grades[1].minimum"), o.problemFields());
        assertTrue(o.raw().contains("grades.minimum_not_increasing"), o.raw());

        assertTrue(api.get("/api/v1/schemes", lead).list().stream().noneMatch(s -> code.equals(s.get("code"))),
                "nothing was stored");
    }

    @Test
    void publishingMakesAVersionImmutableAndNewDraftsGetTheNextNumber() throws SQLException {
        Map<String, Object> doc = document(idOf(BuiltInSchemes.BUS_LINE), 1);
        String code = unique("bus");
        doc.put("code", code);
        TestApi.Res created = api.post("/api/v1/schemes", lead, doc);
        assertEquals(201, created.status(), created.raw());
        long id = ((Number) created.map().get("id")).longValue();
        assertEquals("DRAFT", at(created.map(), "versions", 0).get("status"));

        doc.put("titleEn", "Bus line, edited draft");
        TestApi.Res edited = api.put("/api/v1/schemes/" + id + "/draft", lead, doc);
        assertEquals(200, edited.status(), edited.raw());
        assertEquals(1, edited.map().get("version"));

        TestApi.Res published = api.post("/api/v1/schemes/" + id + "/publish", lead, null);
        assertEquals(200, published.status(), published.raw());
        assertEquals("PUBLISHED", published.map().get("status"));
        assertNotNull(published.map().get("publishedAt"));

        // After publishing: no draft to replace, nothing changes.
        doc.put("titleEn", "Changed after publishing");
        TestApi.Res refused = api.put("/api/v1/schemes/" + id + "/draft", lead, doc);
        assertEquals(409, refused.status(), refused.raw());
        assertEquals(409, api.post("/api/v1/schemes/" + id + "/publish", lead, null).status());
        assertEquals("Bus line, edited draft", document(id, 1).get("titleEn"));
        assertEquals(1, ((List<?>) api.get("/api/v1/schemes/" + id, lead).map().get("versions")).size());

        // The database refuses too, whatever the application does.
        long versionId = ((Number) published.map().get("id")).longValue();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> st.executeUpdate("update scheme_version set title_en = 'x' where id = " + versionId));
            assertEquals("23514", e.getSQLState());
        }

        // Editing again: a draft copied from version 1 becomes version 2; only one draft at a time.
        TestApi.Res draft = api.post("/api/v1/schemes/" + id + "/draft", lead, null);
        assertEquals(201, draft.status(), draft.raw());
        assertEquals(2, draft.map().get("version"));
        assertEquals("DRAFT", draft.map().get("status"));
        assertEquals(409, api.post("/api/v1/schemes/" + id + "/draft", lead, null).status());
        assertEquals(409, api.post("/api/v1/schemes", lead, doc).status(), "import of a code that has a draft");
        Map<String, Object> summary = api.get("/api/v1/schemes", lead).list().stream()
                .filter(s -> code.equals(s.get("code"))).findFirst().orElseThrow();
        assertEquals(1, at(summary, "published").get("version"));
        assertEquals(2, at(summary, "draft").get("version"));

        // A draft keeps its code.
        Map<String, Object> renamed = copy(doc);
        renamed.put("code", "other-code");
        TestApi.Res wrongCode = api.put("/api/v1/schemes/" + id + "/draft", lead, renamed);
        assertEquals(400, wrongCode.status(), wrongCode.raw());
        assertEquals(List.of("code"), wrongCode.problemFields());
    }

    @Test
    void exportImportRoundTripKeepsTheDocument() {
        long gbt = idOf(BuiltInSchemes.GBT27922);
        Map<String, Object> export = api.get("/api/v1/schemes/" + gbt, lead).map();
        assertEquals(BuiltInSchemes.GBT27922, export.get("code"));
        Map<String, Object> original = copy(at(export, "versions", 0, "document"));
        Map<String, Object> doc = copy(original);
        String code = unique("roundtrip");
        doc.put("code", code);
        TestApi.Res r = api.post("/api/v1/schemes", lead, doc);
        assertEquals(201, r.status(), r.raw());
        Map<String, Object> back = document(((Number) r.map().get("id")).longValue(), 1);
        assertEquals(code, back.remove("code"));
        original.remove("code");
        assertEquals(original, back);
        assertEquals(50, items(back).size());
    }

    @Test
    void decimalsStayExactThroughImportStorageAndExport() {
        Map<String, Object> doc = document(idOf(BuiltInSchemes.BUS_LINE), 1);
        doc.put("code", unique("exact"));
        // Still 12.5 + 12.5 together, but not as doubles (both would read as 12.5).
        at(doc, "parts", 0, "groups", 0, "items", 0).put("points", new BigDecimal("12.5000000000000000000001"));
        at(doc, "parts", 0, "groups", 0, "items", 1).put("points", new BigDecimal("12.4999999999999999999999"));
        TestApi.Res r = api.post("/api/v1/schemes", lead, doc);
        assertEquals(201, r.status(), r.raw());
        String exported = api.get("/api/v1/schemes/" + r.map().get("id") + "/versions/1", lead).raw();
        assertTrue(exported.contains("12.5000000000000000000001") && exported.contains("12.4999999999999999999999"), exported);
    }

    @Test
    void csvImportCreatesADraftAndReportsBadLines() throws IOException {
        String code = unique("csv");
        String path = "/api/v1/schemes/import-csv?code=" + code + "&titleZh=%E5%94%AE%E5%90%8E&titleEn=After-sales";
        TestApi.Res ok = api.send("POST", path, lead, csv(), Map.of("Content-Type", "text/csv; charset=utf-8"));
        assertEquals(201, ok.status(), ok.raw());
        Map<String, Object> doc = document(((Number) ok.map().get("id")).longValue(), 1);
        assertEquals("售后", doc.get("titleZh"));
        assertEquals(100, ((Number) doc.get("fullMarks")).intValue());
        assertEquals(50, items(doc).size());
        assertEquals("PERCENT", items(doc).get(0).get("answerType"));
        assertEquals(4, ((List<?>) doc.get("grades")).size(), "grades from the GB/T template");

        String bad = csvWithB2Points("two");
        TestApi.Res r = api.send("POST", "/api/v1/schemes/import-csv?code=" + unique("csvbad"), lead, bad,
                Map.of("Content-Type", "text/csv"));
        assertEquals(400, r.status(), r.raw());
        assertEquals(List.of("line 3: points"), r.problemFields(), r.raw());
        assertTrue(r.raw().contains("csv.not_a_number"), r.raw());

        // B2 worth 3 instead of 2: group 5.2.1 (from line 2) no longer adds up.
        String mismatch = csvWithB2Points("3");
        TestApi.Res sums = api.send("POST", "/api/v1/schemes/import-csv?code=" + unique("csvsum") + "&titleZh=x", lead,
                mismatch, Map.of("Content-Type", "text/csv"));
        assertEquals(400, sums.status(), sums.raw());
        assertEquals(List.of("line 2: parts[0].groups[0].points"), sums.problemFields(), sums.raw());

        TestApi.Res missing = api.send("POST", "/api/v1/schemes/import-csv", lead, csv(), Map.of("Content-Type", "text/csv"));
        assertEquals(400, missing.status(), missing.raw());
        assertTrue(missing.problemFields().containsAll(List.of("code", "titleZh")), missing.raw());

        // The same as one JSON body (what the web app sends).
        String jsonCode = unique("csvjson");
        TestApi.Res wrapped = api.post("/api/v1/schemes/import-csv", lead, Map.of("csv", csv(), "code", jsonCode,
                "titleZh", "售后", "titleEn", "After-sales", "fullMarks", 100));
        assertEquals(201, wrapped.status(), wrapped.raw());
        assertEquals(jsonCode, wrapped.map().get("code"));
        TestApi.Res wrappedBad = api.post("/api/v1/schemes/import-csv", lead, Map.of("csv", bad, "code", jsonCode));
        assertEquals(List.of("line 3: points"), wrappedBad.problemFields(), wrappedBad.raw());
    }

    /**
     * Issue 11: a 150-point table with the default (100-point) template used to get the template's five grades
     * scaled to 150 (70 became 105): the wrong grade table, silently. Now the import asks for a grade table.
     */
    @Test
    void csvImportWithOtherFullMarksThanTheTemplateAsksForGrades() throws IOException {
        String header = "part,part_points,group_clause,group_zh,group_en,group_points,clause,code,points,item_zh,item_en\n";
        String table = header + "service,150,1,组,Group,150,1.1,S1,100,甲,A\nservice,150,1,组,Group,150,1.2,S2,50,乙,B\n";
        TestApi.Res r = api.send("POST", "/api/v1/schemes/import-csv?code=" + unique("csv150") + "&titleZh=x", lead,
                table, Map.of("Content-Type", "text/csv"));
        assertEquals(400, r.status(), r.raw());
        assertEquals(List.of("grades"), r.problemFields(), r.raw());
        assertTrue(r.raw().contains("scheme.import.grades_needed"), r.raw());
    }

    private static final String HEADER150 = "part,part_points,group_clause,group_zh,group_en,group_points,clause,code,points,item_zh,item_en\n";
    private static final String TABLE150 = HEADER150 + "service,150,1,组,Group,150,1.1,S1,100,明示价格,A\nservice,150,1,组,Group,150,1.2,S2,50,乙,B\n";

    private static String base64(byte[] bytes) {
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }

    /** A GET whose body is binary (the XLSX export). */
    private byte[] download(String path, String token) throws Exception {
        java.net.http.HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.getURL() + path))
                        .header("Authorization", "Bearer " + token).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        return r.body();
    }

    @Test
    void aTableWithOtherFullMarksImportsWithTheGradesOrPassFailTheCallerGives() {
        TestApi.Res passFail = api.post("/api/v1/schemes/import-csv", lead, Map.of("csv", TABLE150,
                "code", unique("pf150"), "titleZh", "x", "passFailOnly", true));
        assertEquals(201, passFail.status(), passFail.raw());
        assertEquals(List.of(), at(passFail.map(), "versions", 0, "document").get("grades"));
        assertTrue(passFail.raw().contains("scheme.import.default.template"), passFail.raw());

        TestApi.Res graded = api.post("/api/v1/schemes/import-csv", lead, Map.of("csv", TABLE150,
                "code", unique("g150"), "titleZh", "x",
                "grades", List.of(Map.of("key", "pass", "nameZh", "合格", "nameEn", "Pass", "minimum", 90))));
        assertEquals(201, graded.status(), graded.raw());
        assertEquals(90, ((Number) at(graded.map(), "versions", 0, "document", "grades", 0).get("minimum")).intValue());

        TestApi.Res both = api.post("/api/v1/schemes/import-csv", lead, Map.of("csv", TABLE150, "code", unique("b150"),
                "titleZh", "x", "passFailOnly", true,
                "grades", List.of(Map.of("key", "pass", "nameZh", "合格", "nameEn", "Pass", "minimum", 90))));
        assertEquals(List.of("grades"), both.problemFields(), both.raw());
    }

    @Test
    void anUploadedGbkCsvKeepsItsChineseTexts() throws IOException {
        String code = unique("gbk");
        byte[] gbk = csv().getBytes(java.nio.charset.Charset.forName("GBK"));
        TestApi.Res r = api.post("/api/v1/schemes/import-table", lead, Map.of("file", base64(gbk), "fileName", "售后.csv",
                "code", code, "titleZh", "售后", "titleEn", "After-sales"));
        assertEquals(201, r.status(), r.raw());
        Map<String, Object> doc = document(((Number) r.map().get("id")).longValue(), 1);
        Map<String, Object> utf8 = document(idOf(BuiltInSchemes.GBT27922), 1);
        assertEquals(items(utf8).stream().map(i -> i.get("textZh")).toList(), items(doc).stream().map(i -> i.get("textZh")).toList());

        // The same bytes as a raw body (curl --data-binary), and through the text/csv route: no mojibake either.
        TestApi.Res raw = api.send("POST", "/api/v1/schemes/import-table?code=" + unique("gbkraw") + "&titleZh=x", lead, gbk,
                Map.of("Content-Type", "application/octet-stream"));
        assertEquals(201, raw.status(), raw.raw());
        TestApi.Res textCsv = api.send("POST", "/api/v1/schemes/import-csv?code=" + unique("gbkcsv") + "&titleZh=x", lead, gbk,
                Map.of("Content-Type", "text/csv"));
        assertEquals(201, textCsv.status(), textCsv.raw());
        assertEquals(items(utf8).get(0).get("textZh"),
                items(document(((Number) textCsv.map().get("id")).longValue(), 1)).get(0).get("textZh"));
    }

    @Test
    void garbageAndZipBombsAreA400AndNothingIsStored() throws IOException {
        int before = api.get("/api/v1/schemes", lead).list().size();
        byte[] garbage = new byte[5000];
        new java.util.Random(3).nextBytes(garbage);
        garbage[0] = (byte) 0x80;
        TestApi.Res r = api.post("/api/v1/schemes/import-table", lead, Map.of("file", base64(garbage), "code", unique("junk"), "titleZh", "x"));
        assertEquals(400, r.status(), r.raw());
        assertEquals(List.of("file"), r.problemFields(), r.raw());

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/sharedStrings.xml"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 100; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        TestApi.Res bomb = api.send("POST", "/api/v1/schemes/import-table?code=" + unique("bomb") + "&titleZh=x", lead,
                out.toByteArray(), Map.of("Content-Type", "application/octet-stream"));
        assertEquals(400, bomb.status(), bomb.raw());
        assertTrue(bomb.raw().contains("xlsx.unreadable"), bomb.raw());
        TestApi.Res notBase64 = api.post("/api/v1/schemes/import-table", lead, Map.of("file", "%%%", "code", unique("b64")));
        assertEquals(List.of("file"), notBase64.problemFields(), notBase64.raw());
        // The upload route takes more than the 1 MB of other routes (a 3 MB CSV reaches the service's own
        // 2 MB cap), and refuses more than 8 MB before reading it.
        TestApi.Res big = api.send("POST", "/api/v1/schemes/import-table?code=" + unique("big"), lead,
                new byte[3 * 1024 * 1024], Map.of("Content-Type", "application/octet-stream"));
        assertEquals(400, big.status(), big.raw());
        assertTrue(big.raw().contains("table.csv_too_large"), big.raw());
        TestApi.Res huge = api.send("POST", "/api/v1/schemes/import-table?code=" + unique("huge"), lead,
                new byte[9 * 1024 * 1024], Map.of("Content-Type", "application/octet-stream"));
        assertEquals(413, huge.status(), huge.raw());
        assertEquals(before, api.get("/api/v1/schemes", lead).list().size());

        TestApi.Res auditor = api.post("/api/v1/schemes/import-table", api.demo("auditor"), Map.of("file", base64(garbage)));
        assertEquals(403, auditor.status(), auditor.raw());
    }

    @Test
    void aGbkRulesFileBesideTheItemFileGivesGradesAndItsProblemsNameTheirRulesLine() {
        java.nio.charset.Charset gbk = java.nio.charset.Charset.forName("GBK");
        String rules = "规则,值\n名称,一百五十分方案\n满分,150\n等级,pass,合格,Pass,120\n";
        TestApi.Res r = api.post("/api/v1/schemes/import-table", lead, Map.of("file", base64(TABLE150.getBytes(gbk)),
                "rules", base64(rules.getBytes(gbk)), "code", unique("rules150")));
        assertEquals(201, r.status(), r.raw());
        Map<String, Object> doc = at(r.map(), "versions", 0, "document");
        assertEquals("一百五十分方案", doc.get("titleZh"));
        assertEquals("合格", at(doc, "grades", 0).get("nameZh"));
        assertTrue(r.raw().contains("scheme.import.default.likert"), r.raw());

        TestApi.Res bad = api.post("/api/v1/schemes/import-table", lead, Map.of("file", base64(TABLE150.getBytes(gbk)),
                "rules", base64((rules + "颜色,蓝\n").getBytes(gbk)), "code", unique("rulesbad")));
        assertEquals(List.of("rules line 5: 颜色"), bad.problemFields(), bad.raw());
        TestApi.Res withTemplate = api.post("/api/v1/schemes/import-table", lead, Map.of("file", base64(TABLE150.getBytes(gbk)),
                "rules", base64(rules.getBytes(gbk)), "code", unique("rulestpl"), "template", BuiltInSchemes.GBT27922));
        assertEquals(List.of("template"), withTemplate.problemFields(), withTemplate.raw());
    }

    @Test
    void aBuiltInExportedAsXlsxAndAsCsvTablesImportsBackToTheSameRules() throws Exception {
        long id = idOf("scenic-area");
        Map<String, Object> original = document(id, 1);
        byte[] xlsx = download("/api/v1/schemes/" + id + "/versions/1/item-table.xlsx", api.demo("auditor"));
        String code = unique("scenic-xlsx");
        TestApi.Res r = api.post("/api/v1/schemes/import-table", lead, Map.of("file", base64(xlsx), "fileName", "scenic.xlsx",
                "code", code));
        assertEquals(201, r.status(), r.raw());
        Map<String, Object> back = document(((Number) r.map().get("id")).longValue(), 1);
        assertEquals(code, back.get("code"));
        back.put("code", original.get("code"));
        assertEquals(original, back);

        String items = new String(download("/api/v1/schemes/" + id + "/versions/1/item-table.csv", lead), StandardCharsets.UTF_8);
        String rules = new String(download("/api/v1/schemes/" + id + "/versions/1/item-table-rules.csv", lead), StandardCharsets.UTF_8);
        String csvCode = unique("scenic-csv");
        TestApi.Res c = api.post("/api/v1/schemes/import-csv", lead, Map.of("csv", items, "rules", rules, "code", csvCode));
        assertEquals(201, c.status(), c.raw());
        Map<String, Object> fromCsv = document(((Number) c.map().get("id")).longValue(), 1);
        fromCsv.put("code", original.get("code"));
        assertEquals(original, fromCsv);
    }

    @Test
    void cloningABuiltInGivesANewSchemeWithADraft() {
        long gbt = idOf(BuiltInSchemes.GBT27922);
        String code = unique("my-gbt");
        TestApi.Res r = api.post("/api/v1/schemes/" + gbt + "/clone", lead, Map.of("code", code, "titleZh", "我们的售后方案"));
        assertEquals(201, r.status(), r.raw());
        assertEquals(code, r.map().get("code"));
        assertEquals(false, r.map().get("builtIn"));
        Map<String, Object> v1 = at(r.map(), "versions", 0);
        assertEquals("DRAFT", v1.get("status"));
        assertEquals("我们的售后方案", at(v1, "document").get("titleZh"));
        assertEquals("After-sales service evaluation (GB/T 27922-2011)", at(v1, "document").get("titleEn"));
        assertEquals(409, api.post("/api/v1/schemes/" + gbt + "/clone", lead, Map.of("code", code.toUpperCase())).status());
        TestApi.Res blank = api.post("/api/v1/schemes/" + gbt + "/clone", lead, Map.of("code", " "));
        assertEquals(400, blank.status(), blank.raw());
        assertEquals(List.of("code"), blank.problemFields());
        // The built-in itself is untouched.
        assertEquals(1, ((List<?>) api.get("/api/v1/schemes/" + gbt, lead).map().get("versions")).size());
    }

    @Test
    void dryRunGbtAllItemsAtEightyPercentIsThreeStar() {
        long gbt = idOf(BuiltInSchemes.GBT27922);
        Map<String, Object> doc = document(gbt, 1);
        List<Map<String, Object>> ratings = new ArrayList<>();
        for (Map<String, Object> item : items(doc)) {
            ratings.add(Map.of("item", item.get("code"), "rater", "A", "percent", 80));
        }
        TestApi.Res r = api.post("/api/v1/schemes/" + gbt + "/versions/1/score", api.demo("auditor"), Map.of("ratings", ratings));
        assertEquals(200, r.status(), r.raw());
        Map<String, Object> result = r.map();
        assertEquals("80", exact(result, "total"));
        assertEquals("80", display(result, "total"));
        assertEquals("three-star", at(result, "grade").get("key"));
        assertEquals("三星级", at(result, "grade").get("nameZh"));
        assertEquals(true, result.get("passed"));
        assertEquals(true, result.get("complete"));
        assertEquals(List.of(), result.get("missingItems"), "empty lists are sent as []");
        assertEquals("48", display(at(result, "parts", 0), "score"));
        assertEquals("32", display(at(result, "parts", 1), "score"));
        assertTrue(((List<?>) result.get("explanation")).size() > 0);
        // Explanation lines are messages, their text in the caller's language.
        TestApi.Res zh = api.send("POST", "/api/v1/schemes/" + gbt + "/versions/1/score", lead, Map.of("ratings", ratings),
                Map.of("Accept-Language", "zh-CN"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lines = (List<Map<String, Object>>) zh.map().get("explanation");
        assertEquals("scoring.total.prorated", lines.get(0).get("code"), zh.raw());
        assertEquals("得分 80 / 适用 100 × 100 = 80", lines.get(0).get("text"), zh.raw());
        assertTrue(((String) lines.get(lines.size() - 1).get("text")).startsWith("等级："), zh.raw());

        // Without B1 (1 point): 79.2 of 100, incomplete, B1 listed as missing, grade compliant.
        TestApi.Res partial = api.post("/api/v1/schemes/" + gbt + "/versions/1/score", lead,
                Map.of("ratings", ratings.subList(1, ratings.size())));
        assertEquals(200, partial.status(), partial.raw());
        assertEquals("396/5", exact(partial.map(), "total"));
        assertEquals(false, partial.map().get("complete"));
        assertEquals(List.of("B1"), partial.map().get("missingItems"));
        assertEquals("compliant", at(partial.map(), "grade").get("key"));
    }

    @Test
    void dryRunBusLineTwoRidersDisagreeingAreAveraged() throws IOException {
        long bus = idOf(BuiltInSchemes.BUS_LINE);
        List<Map<String, Object>> ratings = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            ratings.add(Map.of("item", "BUS" + i, "rater", "rider-A", "yes", i != 8));
            ratings.add(Map.of("item", "BUS" + i, "rater", "rider-B", "yes", i != 8 && i != 3));
        }
        Map<String, Object> body = Map.of("ratings", ratings,
                "deductions", List.of(Map.of("reason", "Driver used a phone while driving")));
        TestApi.Res r = api.post("/api/v1/schemes/" + bus + "/versions/1/score", lead, body);
        assertEquals(200, r.status(), r.raw());
        Map<String, Object> result = r.map();
        System.out.println("BUS LINE DRY RUN " + json.writeValueAsString(body) + "\n=> " + r.raw());
        // BUS3: (1 + 0) / 2 × 12.5 = 6.25; BUS8: 0; six items at 12.5 = 75; 81.25 − 5 = 76.25
        Map<String, Object> bus3 = at(result, "parts", 0, "groups", 0, "items", 2);
        assertEquals("BUS3", bus3.get("code"));
        assertEquals(2, bus3.get("ratings"));
        assertEquals("1/2", exact(bus3, "coefficient"));
        assertEquals("6.25", display(bus3, "achieved"));
        assertEquals("325/4", exact(result, "prorated"));
        assertEquals("305/4", exact(result, "total"));
        assertEquals("76.25", display(result, "total"));
        assertEquals(1, result.get("deductionCount"));
        assertEquals("compliant", at(result, "grade").get("key"));
    }

    @Test
    void invalidRatingsArePinpointed() {
        long homestay = idOf(BuiltInSchemes.HOMESTAY);
        Map<String, Object> doc = document(homestay, 1);
        List<Map<String, Object>> items = items(doc);
        String likertItem = (String) items.stream().filter(i -> "LIKERT_5".equals(i.get("answerType"))).findFirst()
                .orElseThrow().get("code");
        List<Map<String, Object>> ratings = new ArrayList<>();
        ratings.add(Map.of("item", likertItem, "rater", "A", "likert", 4));
        ratings.add(Map.of("item", "NO-SUCH-ITEM", "rater", "A", "likert", 4));
        ratings.add(Map.of("item", likertItem, "rater", "B", "likert", 5));
        ratings.add(Map.of("item", likertItem, "rater", "C", "likert", 7));
        TestApi.Res r = api.post("/api/v1/schemes/" + homestay + "/versions/1/score", lead, Map.of("ratings", ratings));
        assertEquals(400, r.status(), r.raw());
        assertEquals(List.of("ratings[1].item", "ratings[3].likert"), r.problemFields(), r.raw());
        assertEquals(404, api.post("/api/v1/schemes/" + homestay + "/versions/99/score", lead, Map.of()).status());
    }

    @Test
    void rolesDecideWhoReadsAndWhoWrites() {
        String auditor = api.demo("auditor");
        long gbt = idOf(BuiltInSchemes.GBT27922);
        assertEquals(200, api.get("/api/v1/schemes", auditor).status());
        assertEquals(200, api.get("/api/v1/schemes/" + gbt, auditor).status());
        Map<String, Object> doc = document(gbt, 1);
        doc.put("code", unique("auditor"));
        assertEquals(403, api.post("/api/v1/schemes", auditor, doc).status());
        assertEquals(403, api.post("/api/v1/schemes/" + gbt + "/clone", auditor, Map.of("code", unique("x"))).status());
        for (String user : List.of("client", "shopper", "verifier")) {
            String token = api.demo(user);
            assertEquals(403, api.get("/api/v1/schemes", token).status(), user);
            assertEquals(403, api.get("/api/v1/schemes/" + gbt + "/versions/1", token).status(), user);
            assertEquals(403, api.post("/api/v1/schemes/" + gbt + "/versions/1/score", token, Map.of()).status(), user);
        }
        assertEquals(201, api.post("/api/v1/schemes", api.admin(), doc).status(), "ADMIN imports");
    }

    // ------------------------------------------------------------ issue 11: the new rules through the API

    @Test
    void unknownFieldsAnywhereInADocumentAreA400NamingTheField() {
        Map<String, Object> doc = document(idOf(BuiltInSchemes.SCENIC_AREA), 1);
        doc.put("code", unique("typo"));
        at(doc, "parts", 0).put("passMinimumPoint", 30); // typo of passMinimumPoints
        TestApi.Res r = api.post("/api/v1/schemes", lead, doc);
        assertEquals(400, r.status(), r.raw());
        assertEquals(List.of("passMinimumPoint"), r.problemFields(), r.raw());
        Map<String, Object> veto = document(idOf(BuiltInSchemes.SCENIC_AREA), 1);
        veto.put("code", unique("typo"));
        at(veto, "bonusItems").put("maximum", 10);
        TestApi.Res v = api.post("/api/v1/schemes", lead, veto);
        assertEquals(400, v.status(), v.raw());
        assertEquals(List.of("maximum"), v.problemFields(), v.raw());
    }

    @Test
    void newRulesRoundTripThroughTheDocument() {
        Map<String, Object> doc = document(idOf(BuiltInSchemes.SCENIC_AREA), 1);
        assertEquals(10, ((Number) at(doc, "bonusItems").get("cap")).intValue());
        assertEquals(false, at(doc, "parts", 1, "groups", 0, "items", 2, "veto").get("answer"));
        Map<String, Object> elderly = document(idOf(BuiltInSchemes.ELDERLY_CARE), 1);
        assertEquals("management", at(elderly, "parts", 1).get("gatedBy"));
        assertEquals("MAJORITY", at(elderly, "combination").get("yesNo"));
        String code = unique("scenic-copy");
        doc.put("code", code);
        TestApi.Res created = api.post("/api/v1/schemes", lead, doc);
        assertTrue(created.status() < 300, created.raw());
        long id = idOf(code);
        assertEquals(doc.get("bonusItems"), document(id, 1).get("bonusItems"));
    }

    @Test
    void tryScoringTakesVisitsBonusItemsDeductionsAndVetoes() {
        long scenic = idOf(BuiltInSchemes.SCENIC_AREA);
        List<Map<String, Object>> ratings = new ArrayList<>();
        for (Map<String, Object> item : items(document(scenic, 1))) {
            String code = (String) item.get("code");
            if ("YES_NO".equals(item.get("answerType"))) {
                ratings.add(Map.of("item", code, "rater", "A", "visit", "day-1", "yes", true));
            } else {
                ratings.add(Map.of("item", code, "rater", "A", "visit", "day-1", "likert", 5));
                ratings.add(Map.of("item", code, "rater", "A", "visit", "day-2", "likert", code.equals("SC2") ? 3 : 5));
                ratings.add(Map.of("item", code, "rater", "B", "visit", "day-1", "likert", 5));
            }
        }
        ratings.add(Map.of("item", "SCB1", "rater", "A", "yes", true));
        ratings.add(Map.of("item", "B.2", "rater", "A", "yes", true));
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("ratings", ratings);
        body.put("deductions", List.of(Map.of("reason", "Queue without shade")));
        body.put("vetoes", List.of());
        TestApi.Res r = api.post("/api/v1/schemes/" + scenic + "/versions/1/score", lead, body);
        assertEquals(200, r.status(), r.raw());
        Map<String, Object> result = r.map();
        // SC2: A (1 + 0.5) / 2 = 0.75, B 1 → 0.875 × 10 = 8.75; 98.75 − 1 + 4 + 3 = 104.75
        assertEquals("98.75", display(result, "prorated"));
        assertEquals("7", display(result, "bonusItemPoints"));
        assertEquals("104.75", display(result, "total"));
        assertEquals("104.75", result.get("printedTotal"));
        assertEquals("excellent", at(result, "grade").get("key")); // 优秀 100 needs bonus points
        assertEquals("COMBINED_TOTAL", result.get("reporting"));
        assertEquals("MEAN_PER_RATER", at(result, "combination").get("raters"));
        assertEquals("58.75", display(at(result, "parts", 0), "contribution"));
        assertEquals(4, ((List<?>) result.get("bonusItems")).size());

        body.put("vetoes", List.of(Map.of("reason", "Fire exit chained shut")));
        TestApi.Res vetoed = api.post("/api/v1/schemes/" + scenic + "/versions/1/score", lead, body);
        assertEquals(200, vetoed.status(), vetoed.raw());
        assertEquals(false, vetoed.map().get("passed"));
        assertEquals("veto", at(vetoed.map(), "failReasons", 0).get("code"));

        List<Map<String, Object>> twice = new ArrayList<>(ratings);
        twice.add(Map.of("item", "SC1", "rater", "B", "visit", "day-1", "likert", 4));
        TestApi.Res duplicate = api.post("/api/v1/schemes/" + scenic + "/versions/1/score", lead, Map.of("ratings", twice));
        assertEquals(400, duplicate.status(), duplicate.raw());
        assertEquals(List.of("ratings[" + (twice.size() - 1) + "].visit"), duplicate.problemFields());
    }

    @Test
    void tryScoringPartsReportedSeparatelyShowsNoTotal() {
        long robot = idOf(BuiltInSchemes.ROBOT_PLATFORM);
        List<Map<String, Object>> ratings = new ArrayList<>();
        for (Map<String, Object> item : items(document(robot, 1))) {
            String code = (String) item.get("code");
            ratings.add(Map.of("item", code, "rater", "team", "percent",
                    code.equals("C1") ? 90.2 : code.equals("D1") ? 100 : code.startsWith("C") ? 87.5 : 90));
        }
        TestApi.Res r = api.post("/api/v1/schemes/" + robot + "/versions/1/score", lead, Map.of("ratings", ratings));
        assertEquals(200, r.status(), r.raw());
        Map<String, Object> result = r.map();
        assertNull(result.get("total"));
        assertNull(result.get("grade"));
        assertEquals(true, result.get("passed"));
        assertEquals("876.35", display(at(result, "parts", 0), "score"));
        assertEquals("90.60", at(result, "parts", 1).get("printedScore"));
    }
}
