package com.tanfang.evidence;

import com.tanfang.TestApi;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The evidence chain on the real PostgreSQL: migration, tampering, concurrency, the route and the command. */
@MicronautTest(transactional = false)
class EvidenceChainTest {
    @Inject
    io.micronaut.context.ApplicationContext context;

    /** The embedded PostgreSQL asks for its generated password (scram); raw connections need it too. */
    private String dbPassword() {
        return context.getProperty("datasources.default.password", String.class).orElse("");
    }

    @Inject
    DataSource dataSource;
    @Inject
    EvidenceLog evidence;
    @Inject
    TransactionOperations<Connection> transactions;
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    private Connection raw() throws SQLException {
        return DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The pure-SQL check of docs/evidence-log.md: the seqs of rows whose hash or link does not hold. */
    static final String SQL_CHECK = """
            select seq from (
              select seq, prev_hash, hash, lag(hash, 1, repeat('0', 64)) over (order by seq) as expected_prev,
                     lag(seq, 1, 0::bigint) over (order by seq) as prev_seq,
                     encode(sha256(convert_to(evidence_canonical_content(seq, prev_hash, at, actor, subject_type,
                            subject_id, action, detail), 'UTF8')), 'hex') as recomputed
              from evidence_log) x
            where hash <> recomputed or prev_hash <> expected_prev or seq <> prev_seq + 1
            order by seq""";

    private static List<Long> sqlCheck(Connection c) throws SQLException {
        List<Long> broken = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(SQL_CHECK)) {
            while (rs.next()) {
                broken.add(rs.getLong(1));
            }
        }
        return broken;
    }

    private static void appendInTransaction(Connection c, Subject subject, String action, Map<String, ?> detail)
            throws SQLException {
        c.setAutoCommit(false);
        EvidenceChain.append(c, Instant.now(), null, subject, action, detail);
        c.commit();
        c.setAutoCommit(true);
    }

    @Test
    void theMigrationChainsTheOldRowsAndEveryTamperingIsFound() throws Exception {
        ScratchDatabase db;
        try (Connection shared = raw()) {
            db = ScratchDatabase.create(shared, "evidence_migration_test", dbPassword());
        }
        try (Connection c = db.connect()) {
            assertEquals(2, VerifyLogCommand.verify(c, new PrintStream(new ByteArrayOutputStream())), "empty database");
        }
        db.migrate("4");
        try (Connection c = db.connect()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(2, VerifyLogCommand.verify(c, new PrintStream(out, true, StandardCharsets.UTF_8)), "before V5");
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("not migrated to V5"), out.toString());
        }
        String[] details = {"seed commitment abc", null, "多行\n\"引号\" | 竖线 \\ 反斜杠\ttab\u0001控制", "point 1 -> 2",
                "回访：受访者否认填写过问卷 (call-back: the respondent denies having answered)", "emoji \uD83D\uDE00"};
        try (Connection c = db.connect()) {
            exec(c, "insert into app_user (username, display_name, password_hash, roles) values ('lead', 'Lead', 'x',"
                    + " array['LEAD'])");
            long userId = count(c, "select id from app_user");
            // Rows as V3 wrote them; the campaigns and responses they name are not needed (foreign keys off).
            exec(c, "set session_replication_role = replica");
            try (PreparedStatement st = c.prepareStatement("insert into evidence_log (campaign_id, response_id, user_id,"
                    + " action, detail, at) values (?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < details.length; i++) {
                    st.setLong(1, 7);
                    st.setObject(2, i % 2 == 1 ? (Long) (100L + i) : null, java.sql.Types.BIGINT);
                    st.setObject(3, i == 0 ? null : (Long) userId, java.sql.Types.BIGINT);
                    st.setString(4, i == 4 ? "response.excluded" : "callback.outcome");
                    st.setString(5, details[i]);
                    st.setObject(6, java.time.OffsetDateTime.parse("2026-03-0" + (6 - i) + "T08:00:00.123456789+08:00"));
                    st.executeUpdate();
                }
            }
            exec(c, "insert into survey_response (campaign_id, point_id, channel, submission_id, excluded,"
                    + " excluded_reason) values (7, 1, 'ONLINE', 'a', true, 'lead'), (7, 1, 'ONLINE', 'b', true, 'denied'),"
                    + " (7, 1, 'ONLINE', 'c', false, null)");
            exec(c, "insert into callback_item (draw_id, response_id, point_id, position, called, added_as, outcome,"
                    + " caused_exclusion) select 1, id, 1, 0, true, 'SAMPLE', 'DENIED', true from survey_response"
                    + " where submission_id = 'b'");
            exec(c, "set session_replication_role = origin");
        }
        db.migrate("latest");
        try (Connection c = db.connect()) {
            EvidenceChain.Verification v = EvidenceChain.verifySnapshot(c);
            assertTrue(v.intact(), String.valueOf(v.firstBreak()));
            assertEquals(details.length, v.checked());
            assertEquals(List.of(), sqlCheck(c), "the documented SQL check agrees");
            assertEquals("1 2 3 4 5 6", text(c, "select string_agg(seq::text, ' ' order by seq) from evidence_log"));
            // Oldest first: the row written last in V3 (the earliest time) is seq 1.
            assertEquals("{\"text\": \"emoji \uD83D\uDE00\", \"campaignId\": 7, \"migratedFrom\": \"evidence_log v3 id 6\"}",
                    text(c, "select detail::text from evidence_log where seq = 1"));
            assertEquals("RESPONSE 105", text(c, "select subject_type || ' ' || subject_id from evidence_log where seq = 1"));
            assertEquals("CAMPAIGN 7", text(c, "select subject_type || ' ' || subject_id from evidence_log where seq = 2"));
            assertEquals("2026-03-01 00:00:00.123457+00", text(c, "select (at at time zone 'UTC')::text || '+00'"
                    + " from evidence_log where seq = 1"), "rounded to PostgreSQL's microseconds, as stored before");
            assertEquals("LEAD_REVIEW CALLBACK_DENIED -", text(c, "select string_agg(coalesce(excluded_cause, '-'), ' '"
                    + " order by submission_id) from survey_response"));

            // The application appends after the migrated rows.
            for (int i = 0; i < 4; i++) {
                appendInTransaction(c, Subject.campaign(7), "test.appended", Map.of("i", i, "note", "第 " + i + " 条"));
            }
            assertTrue(EvidenceChain.verifySnapshot(c).intact());
            assertEquals(10, EvidenceChain.verifySnapshot(c).checked());

            // Nobody, not even the owner, updates, deletes or truncates.
            for (String change : List.of("update evidence_log set action = 'x.y' where seq = 3",
                    "delete from evidence_log where seq = 3", "truncate evidence_log")) {
                SQLException refused = assertThrows(SQLException.class, () -> exec(c, change), change);
                assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
            }

            // An edit behind the trigger's back (superuser, replication role): that row's hash no longer matches.
            String original = text(c, "select detail::text from evidence_log where seq = 8");
            exec(c, "set session_replication_role = replica");
            exec(c, "update evidence_log set detail = jsonb_set(detail, '{i}', '99') where seq = 8");
            exec(c, "set session_replication_role = origin");
            EvidenceChain.Verification edited = EvidenceChain.verifySnapshot(c);
            assertEquals(8, edited.firstBreak().seq());
            assertEquals(EvidenceChain.BreakKind.HASH_MISMATCH, edited.firstBreak().kind());
            assertEquals(7, edited.checked());
            assertEquals(List.of(8L), sqlCheck(c));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(1, VerifyLogCommand.verify(c, new PrintStream(out, true, StandardCharsets.UTF_8)));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("BROKEN at seq 8 (HASH_MISMATCH)"), out.toString());

            // The same edit with the hash recomputed: the next row's link gives it away.
            exec(c, "set session_replication_role = replica");
            exec(c, "update evidence_log set hash = encode(sha256(convert_to(evidence_canonical_content(seq, prev_hash,"
                    + " at, actor, subject_type, subject_id, action, detail), 'UTF8')), 'hex') where seq = 8");
            exec(c, "set session_replication_role = origin");
            EvidenceChain.Verification rehashed = EvidenceChain.verifySnapshot(c);
            assertEquals(9, rehashed.firstBreak().seq());
            assertEquals(EvidenceChain.BreakKind.PREV_HASH_MISMATCH, rehashed.firstBreak().kind());

            // A deleted row: a gap at its seq.
            exec(c, "set session_replication_role = replica");
            exec(c, "delete from evidence_log where seq >= 8 and seq <= 9");
            exec(c, "set session_replication_role = origin");
            EvidenceChain.Verification gap = EvidenceChain.verifySnapshot(c);
            assertEquals(8, gap.firstBreak().seq());
            assertEquals(EvidenceChain.BreakKind.GAP, gap.firstBreak().kind());
            assertTrue(gap.firstBreak().message().contains("seq 8 to 9 missing"), gap.firstBreak().message());
            assertNotNull(original);
        }
        try (Connection shared = raw()) {
            exec(shared, "drop database evidence_migration_test with (force)");
        }
    }

    @Test
    void javaAndPostgresqlWriteTheSameCanonicalJson() throws SQLException {
        Random random = new Random(8);
        String alphabet = "aZ09 |\"\\/\b\f\n\r\t\u0001\u001f\u007f\u00e9中文\u2028\uD83D\uDE00{}[]:,";
        try (Connection c = raw(); PreparedStatement st = c.prepareStatement(
                "select evidence_canonical_json(cast(? as jsonb)), cast(? as jsonb)::text")) {
            for (int n = 0; n < 300; n++) {
                Map<String, Object> detail = randomMap(random, alphabet, 0);
                String canonical = CanonicalJson.write(detail);
                st.setString(1, canonical);
                st.setString(2, canonical);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    assertEquals(canonical, rs.getString(1), "SQL canonical form of " + detail);
                    assertEquals(canonical, CanonicalJson.write(CanonicalJson.read(rs.getString(2))),
                            "read back from jsonb text");
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(Map.of("rate", 0.1)));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(Map.of("not a key", 1)));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(Map.of("nul", "a\u0000b")));
        assertEquals("{\"a\":[1,true,null],\"b\":\"x\\u001fy\"}",
                CanonicalJson.write(new java.util.TreeMap<>(Map.of("b", "x\u001fy", "a", java.util.Arrays.asList(1, true, null)))));
    }

    private static Map<String, Object> randomMap(Random r, String alphabet, int depth) {
        Map<String, Object> m = new HashMap<>();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            String key = "k" + (char) ('A' + r.nextInt(26)) + r.nextInt(100) + (r.nextBoolean() ? "_x" : "");
            m.put(key, randomValue(r, alphabet, depth));
        }
        return m;
    }

    private static Object randomValue(Random r, String alphabet, int depth) {
        return switch (r.nextInt(depth < 2 ? 7 : 5)) {
            case 0 -> {
                StringBuilder sb = new StringBuilder();
                int len = r.nextInt(12);
                for (int i = 0; i < len; i++) {
                    int at = r.nextInt(alphabet.length());
                    char ch = alphabet.charAt(at);
                    if (Character.isHighSurrogate(ch)) {
                        sb.append(ch).append(alphabet.charAt(at + 1));
                    } else if (!Character.isLowSurrogate(ch)) {
                        sb.append(ch);
                    }
                }
                yield sb.toString();
            }
            case 1 -> r.nextLong() >> r.nextInt(64);
            case 2 -> r.nextBoolean();
            case 3 -> null;
            case 4 -> r.nextInt(1000) - 500;
            case 5 -> randomMap(r, alphabet, depth + 1);
            default -> {
                List<Object> l = new ArrayList<>();
                int len = r.nextInt(4);
                for (int i = 0; i < len; i++) {
                    l.add(randomValue(r, alphabet, depth + 1));
                }
                yield l;
            }
        };
    }

    @Test
    void recordingOutsideATransactionFails() {
        // MANDATORY: Micronaut refuses before any SQL runs.
        assertThrows(io.micronaut.transaction.exceptions.IllegalTransactionStateException.class,
                () -> evidence.record(Subject.campaign(1), "test.outside", null, Map.of()));
    }

    /**
     * 8 writers x 50 appends, each in its own transaction: four through the application's EvidenceLog, four on
     * connections of their own (as another server instance would). The chain has every row once, no gap, no fork.
     */
    @Test
    void concurrentWritersAndInstancesNeitherForkNorSkip() throws Exception {
        long before;
        try (Connection c = raw()) {
            before = count(c, "select coalesce(max(seq), 0) from evidence_log");
        }
        int writers = 8;
        int each = 50;
        String url;
        try (Connection c = raw()) {
            url = c.getMetaData().getURL();
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    if (writer % 2 == 0) {
                        for (int i = 0; i < each; i++) {
                            int n = i;
                            transactions.executeWrite(status -> evidence.record(Subject.campaign(0), "test.concurrent",
                                    null, Map.of("writer", writer, "n", n)));
                        }
                    } else {
                        try (Connection c = java.sql.DriverManager.getConnection(url, "postgres", dbPassword())) {
                            for (int i = 0; i < each; i++) {
                                appendInTransaction(c, Subject.campaign(0), "test.concurrent", Map.of("writer", writer, "n", i));
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("EvidenceChainTest: %d appends by %d writers in %.2f s (%.0f per second)%n", writers * each,
                writers, seconds, writers * each / seconds);
        try (Connection c = raw()) {
            assertEquals(writers * each, count(c, "select count(*) from evidence_log where seq > " + before));
            assertEquals(writers * each, count(c, "select count(distinct (detail ->> 'writer') || '/' || (detail ->> 'n'))"
                    + " from evidence_log where action = 'test.concurrent' and seq > " + before));
            assertEquals(before + writers * each, count(c, "select max(seq) from evidence_log"));
            EvidenceChain.Verification v = EvidenceChain.verifySnapshot(c);
            assertTrue(v.intact(), String.valueOf(v.firstBreak()));
            assertEquals(List.of(), sqlCheck(c));
        }
    }

    /** The demo load (first start of the test server) wrote its evidence into the chain, and the chain holds. */
    @Test
    void theChainHoldsAfterTheDemoLoad() throws SQLException {
        try (Connection c = raw()) {
            assertTrue(count(c, "select count(*) from evidence_log where action = 'campaign.created'") >= 2);
            assertTrue(count(c, "select count(*) from evidence_log where action = 'callback.drawn'") >= 1);
            assertTrue(count(c, "select count(*) from evidence_log where action = 'response.excluded'"
                    + " and detail ->> 'cause' = 'CALLBACK_DENIED'") >= 1, "the demo's denial");
            EvidenceChain.Verification v = EvidenceChain.verifySnapshot(c);
            assertTrue(v.intact(), String.valueOf(v.firstBreak()));
        }
    }

    /** On the shared database: a row edited behind the trigger is reported by the route and the command, by seq. */
    @Test
    void theAdminRouteAndTheCommandReportATamperedRowByItsSeq() throws Exception {
        TestApi api = new TestApi(server.getURL(), json);
        String admin = api.admin();
        TestApi.Res ok = api.get("/api/v1/admin/evidence-log/verification", admin);
        assertEquals(200, ok.status(), ok.raw());
        assertEquals(true, ok.map().get("intact"), ok.raw());
        TestApi.Res lead = api.get("/api/v1/admin/evidence-log/verification", api.demo("lead"));
        assertEquals(403, lead.status());
        assertTrue(lead.header("Content-Type").startsWith("application/problem+json"), lead.header("Content-Type"));

        long seq = transactions.executeWrite(status -> evidence.record(Subject.campaign(0), "test.tampered", null,
                Map.of("amount", 1)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, VerifyLogCommand.run(new PrintStream(out, true, StandardCharsets.UTF_8)), out.toString());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("evidence chain intact"), out.toString());
        try (Connection c = raw()) {
            exec(c, "set session_replication_role = replica");
            exec(c, "update evidence_log set detail = '{\"amount\": 1000}' where seq = " + seq);
            try {
                TestApi.Res broken = api.get("/api/v1/admin/evidence-log/verification", admin);
                assertEquals(false, broken.map().get("intact"), broken.raw());
                @SuppressWarnings("unchecked")
                Map<String, Object> first = (Map<String, Object>) broken.map().get("firstBreak");
                assertEquals(seq, ((Number) first.get("seq")).longValue());
                assertEquals("HASH_MISMATCH", first.get("kind"));
                out.reset();
                assertEquals(1, VerifyLogCommand.run(new PrintStream(out, true, StandardCharsets.UTF_8)));
                assertTrue(out.toString(StandardCharsets.UTF_8).contains("BROKEN at seq " + seq + " "), out.toString());
            } finally {
                exec(c, "update evidence_log set detail = '{\"amount\": 1}' where seq = " + seq);
                exec(c, "set session_replication_role = origin");
            }
        }
        TestApi.Res again = api.get("/api/v1/admin/evidence-log/verification", admin);
        assertEquals(true, again.map().get("intact"), again.raw());
        assertNull(again.map().get("firstBreak"));
    }
}
