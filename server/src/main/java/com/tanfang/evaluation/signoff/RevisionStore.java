package com.tanfang.evaluation.signoff;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The table {@code evaluation_revision} (V18), plain JDBC: a handful of rows per project. Called inside the
 * services' transactions.
 */
@Singleton
class RevisionStore {
    /** One revision as stored; {@code snapshot} only when asked for (it holds the whole sheet). */
    record Revision(long projectId, int number, Instant openedAt, @Nullable Long openedBy, @Nullable String openedByName,
                    @Nullable String reason, @Nullable Instant signedAt, @Nullable Long signedBy,
                    @Nullable String signedByName, @Nullable String sha256, @Nullable Instant releasedAt,
                    @Nullable Long releasedBy, @Nullable String releasedByName, @Nullable String snapshot) {
        boolean signed() {
            return signedAt != null;
        }

        boolean released() {
            return releasedAt != null;
        }
    }

    private static final String COLUMNS = """
            r.project_id, r.number, r.opened_at, r.opened_by, uo.display_name, r.reason, r.signed_at, r.signed_by,
            us.display_name, r.snapshot_sha256, r.released_at, r.released_by, ur.display_name""";
    private static final String FROM = " from evaluation_revision r left join app_user uo on uo.id = r.opened_by"
            + " left join app_user us on us.id = r.signed_by left join app_user ur on ur.id = r.released_by";

    private final JdbcOperations jdbc;

    RevisionStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Every revision of the project, first to last, without their snapshots. */
    List<Revision> list(long projectId) {
        return query("select " + COLUMNS + ", null" + FROM + " where r.project_id = ? order by r.number", projectId);
    }

    /** One revision with its stored snapshot text. */
    Optional<Revision> withSnapshot(long projectId, int number) {
        return query("select " + COLUMNS + ", r.snapshot" + FROM + " where r.project_id = ? and r.number = ?",
                projectId, number).stream().findFirst();
    }

    /** The last released revision with its snapshot: what the CLIENT reads. */
    Optional<Revision> lastReleased(long projectId) {
        return query("select " + COLUMNS + ", r.snapshot" + FROM + " where r.project_id = ? and r.released_at is not null"
                + " order by r.number desc limit 1", projectId).stream().findFirst();
    }

    /** The last signed revision with its snapshot (released or not). */
    Optional<Revision> lastSigned(long projectId) {
        return query("select " + COLUMNS + ", r.snapshot" + FROM + " where r.project_id = ? and r.signed_at is not null"
                + " order by r.number desc limit 1", projectId).stream().findFirst();
    }

    /**
     * Locks the project's row for the rest of the transaction: sign-off, revisions and release of one project run
     * one after the other (each reads the current revision, then writes on it).
     */
    void lockProject(long projectId) {
        jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("select id from evaluation_project where id = ? for update")) {
                ps.setLong(1, projectId);
                ps.executeQuery().close();
            }
            return null;
        });
    }

    void insert(long projectId, int number, Instant openedAt, @Nullable Long openedBy, @Nullable String reason) {
        update("insert into evaluation_revision (project_id, number, opened_at, opened_by, reason) values (?, ?, ?, ?, ?)",
                projectId, number, Timestamp.from(openedAt), openedBy, reason);
    }

    void sign(long projectId, int number, Instant at, long by, String snapshot, String sha256) {
        int n = update("update evaluation_revision set signed_at = ?, signed_by = ?, snapshot = ?, snapshot_sha256 = ?"
                        + " where project_id = ? and number = ? and signed_at is null",
                Timestamp.from(at), by, snapshot, sha256, projectId, number);
        if (n != 1) {
            throw new IllegalStateException("revision " + number + " of project " + projectId + " not open");
        }
    }

    void release(long projectId, int number, Instant at, long by) {
        int n = update("update evaluation_revision set released_at = ?, released_by = ? where project_id = ?"
                + " and number = ? and signed_at is not null and released_at is null", Timestamp.from(at), by, projectId, number);
        if (n != 1) {
            throw new IllegalStateException("revision " + number + " of project " + projectId + " not releasable");
        }
    }

    private int update(String sql, Object... args) {
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, args);
                return ps.executeUpdate();
            }
        });
    }

    private List<Revision> query(String sql, Object... args) {
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, args);
                List<Revision> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Revision(rs.getLong(1), rs.getInt(2), instant(rs, 3), longOrNull(rs, 4),
                                rs.getString(5), rs.getString(6), instant(rs, 7), longOrNull(rs, 8), rs.getString(9),
                                rs.getString(10), instant(rs, 11), longOrNull(rs, 12), rs.getString(13), rs.getString(14)));
                    }
                }
                return out;
            }
        });
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
