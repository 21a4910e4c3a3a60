package com.tanfang.evidence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * The evidence chain's SQL: appending a row under the chain lock, and walking the chain to verify it. Plain JDBC
 * on a given connection, so that the application (inside the caller's transaction), the {@code verify-log}
 * command (without the server) and tests against another database all run the same code.
 *
 * <p>Appends are serialised by one transaction-scoped advisory lock, taken before the last row is read and held
 * until the caller's transaction ends: a second writer (another thread or another server instance on the same
 * database) waits, then reads the row the first one committed, so the chain neither forks nor skips a number.
 * The primary key on {@code seq} is the backstop: a writer that somehow read a stale head fails instead of forking.
 * The lock must be taken in its own statement: under READ COMMITTED each statement sees the rows committed before
 * it started, and the head is read only after the lock is held.
 */
public final class EvidenceChain {
    /** pg_advisory_xact_lock key of the chain (ASCII "tfevidnc"); nothing else in Tanfang uses advisory locks. */
    public static final long LOCK_KEY = 0x7466_6576_6964_6e63L;
    public static final int PAGE = 1000;

    private EvidenceChain() {
    }

    /** The row appended. */
    public record Appended(long seq, String hash, Instant at) {
    }

    public static Appended append(Connection c, Instant at, Long actor, Subject subject, String action,
                                  Map<String, ?> detail) throws SQLException {
        ChainFormat.checkAction(action);
        String json = CanonicalJson.write(detail == null ? Map.of() : detail);
        Instant stored = ChainFormat.storedPrecision(at);
        if (c.getAutoCommit()) {
            // The lock would end with the statement: the next writer could read a head about to change.
            throw new IllegalStateException("evidence rows are appended inside a transaction");
        }
        try (Statement st = c.createStatement()) {
            st.execute("select pg_advisory_xact_lock(" + LOCK_KEY + ")");
        }
        long seq = 1;
        String prev = ChainFormat.GENESIS;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select seq, hash from evidence_log order by seq desc limit 1")) {
            if (rs.next()) {
                seq = rs.getLong(1) + 1;
                prev = rs.getString(2);
            }
        }
        String hash = ChainFormat.sha256(ChainFormat.content(seq, prev, stored, actor, subject.type().name(),
                subject.id(), action, json));
        try (PreparedStatement st = c.prepareStatement("""
                insert into evidence_log (seq, subject_type, subject_id, actor, at, action, detail, prev_hash, hash)
                values (?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?)""")) {
            st.setLong(1, seq);
            st.setString(2, subject.type().name());
            st.setLong(3, subject.id());
            st.setObject(4, actor, java.sql.Types.BIGINT);
            st.setObject(5, OffsetDateTime.ofInstant(stored, java.time.ZoneOffset.UTC));
            st.setString(6, action);
            st.setString(7, json);
            st.setString(8, prev);
            st.setString(9, hash);
            st.executeUpdate();
        }
        return new Appended(seq, hash, stored);
    }

    /** Why a link is broken. */
    public enum BreakKind {
        /** A seq is missing: that row was deleted (or its number changed). */
        GAP,
        /** The row's prev_hash is not the previous row's hash: the previous row was rewritten with a new hash. */
        PREV_HASH_MISMATCH,
        /** The row's content does not hash to its stored hash: the row was edited. */
        HASH_MISMATCH
    }

    /** The first broken link: the seq (the row's id) where the chain breaks, and why. */
    public record Break(long seq, BreakKind kind, String message) {
    }

    /** Rows checked, the last row reached (the head while intact), and the first broken link if any. */
    public record Verification(long checked, long headSeq, String headHash, Break firstBreak) {
        public boolean intact() {
            return firstBreak == null;
        }
    }

    /**
     * Walks the chain in seq order, a page at a time (memory does not grow with the log), and stops at the first
     * broken link. Run it in one REPEATABLE READ transaction for a consistent snapshot while others append.
     */
    public static Verification verify(Connection c) throws SQLException {
        long expected = 1;
        String prev = ChainFormat.GENESIS;
        long checked = 0;
        long lastSeq = 0;
        try (PreparedStatement st = c.prepareStatement("""
                select seq, subject_type, subject_id, actor, at, action, detail::text, prev_hash, hash from evidence_log
                where seq > ? order by seq limit ?""")) {
            while (true) {
                st.setLong(1, lastSeq);
                st.setInt(2, PAGE);
                int inPage = 0;
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        inPage++;
                        long seq = rs.getLong(1);
                        String prevHash = rs.getString(8);
                        String hash = rs.getString(9);
                        if (seq != expected) {
                            return new Verification(checked, lastSeq, prev, new Break(expected, BreakKind.GAP,
                                    "seq " + expected + (seq - 1 > expected ? " to " + (seq - 1) : "")
                                            + " missing: the next row is seq " + seq));
                        }
                        if (!prev.equals(prevHash)) {
                            return new Verification(checked, lastSeq, prev, new Break(seq, BreakKind.PREV_HASH_MISMATCH,
                                    "seq " + seq + " links to " + prevHash + " but the row before it hashes to " + prev
                                            + (seq == 1 ? " (the genesis value)" : ": seq " + (seq - 1) + " was rewritten")));
                        }
                        String recomputed;
                        try {
                            long actorValue = rs.getLong(4);
                            Long actor = rs.wasNull() ? null : actorValue;
                            Instant at = rs.getObject(5, OffsetDateTime.class).toInstant();
                            String detail = CanonicalJson.write(CanonicalJson.read(rs.getString(7)));
                            recomputed = ChainFormat.sha256(ChainFormat.content(seq, prevHash, at, actor,
                                    rs.getString(2), rs.getLong(3), rs.getString(6), detail));
                        } catch (IllegalArgumentException e) {
                            recomputed = "not computable (" + e.getMessage() + ")";
                        }
                        if (!recomputed.equals(hash)) {
                            return new Verification(checked, lastSeq, prev, new Break(seq, BreakKind.HASH_MISMATCH,
                                    "seq " + seq + " was edited: its content hashes to " + recomputed + ", stored "
                                            + hash));
                        }
                        checked++;
                        lastSeq = seq;
                        prev = hash;
                        expected = seq + 1;
                    }
                }
                if (inPage < PAGE) {
                    return new Verification(checked, lastSeq, lastSeq == 0 ? null : prev, null);
                }
            }
        }
    }

    /** Opens a consistent read-only snapshot on a connection of its own and verifies. */
    public static Verification verifySnapshot(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        try {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            return verify(c);
        } finally {
            c.rollback();
            c.setReadOnly(false);
            c.setTransactionIsolation(isolation);
            c.setAutoCommit(auto);
        }
    }

}
