package com.tanfang.report.audit;

import com.tanfang.project.EvaluationProject;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The table {@code audit_report_narrative} (V20), plain JDBC, inside the services' transactions. */
@Singleton
class NarrativeStore {
    private static final String SELECT = "select n.project_id, n.revision, n.audit_type, n.purpose, n.scope, n.strengths,"
            + " n.improvements, n.conclusion, n.recommend, n.author, n.reviewer, n.report_date, n.version, n.updated_at,"
            + " n.updated_by, u.display_name from audit_report_narrative n left join app_user u on u.id = n.updated_by";

    private final JdbcOperations jdbc;

    NarrativeStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Narrative> find(long projectId, int revision) {
        return query(SELECT + " where n.project_id = ? and n.revision = ?", projectId, revision).stream().findFirst();
    }

    /** The narrative of the latest revision before {@code revision} that has one: what a new revision starts from. */
    Optional<Narrative> latestBefore(long projectId, int revision) {
        return query(SELECT + " where n.project_id = ? and n.revision < ? order by n.revision desc limit 1",
                projectId, revision).stream().findFirst();
    }

    /**
     * The project's current revision: the last row of evaluation_revision, 1 without any (the sign-off package's rule,
     * server/docs/evaluation.md "Revisions"). Read-only; the row is locked by the caller first.
     */
    int currentRevision(long projectId) {
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select coalesce(max(number), 1) from evaluation_revision where project_id = ?")) {
                ps.setLong(1, projectId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** Locks the project's row: saves and the report's generation of one project run one after the other. */
    void lockProject(long projectId) {
        jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("select id from evaluation_project where id = ? for update")) {
                ps.setLong(1, projectId);
                ps.executeQuery().close();
            }
            return null;
        });
    }

    void upsert(Narrative n, Instant at, long by) {
        jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into audit_report_narrative (project_id, revision,"
                    + " audit_type, purpose, scope, strengths, improvements, conclusion, recommend, author, reviewer,"
                    + " report_date, version, updated_at, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)"
                    + " on conflict (project_id, revision) do update set audit_type = excluded.audit_type,"
                    + " purpose = excluded.purpose, scope = excluded.scope, strengths = excluded.strengths,"
                    + " improvements = excluded.improvements, conclusion = excluded.conclusion,"
                    + " recommend = excluded.recommend, author = excluded.author, reviewer = excluded.reviewer,"
                    + " report_date = excluded.report_date, version = audit_report_narrative.version + 1,"
                    + " updated_at = excluded.updated_at, updated_by = excluded.updated_by")) {
                int i = 1;
                ps.setLong(i++, n.projectId());
                ps.setInt(i++, n.revision());
                ps.setString(i++, n.auditType().name());
                ps.setString(i++, n.purpose());
                ps.setString(i++, n.scope());
                ps.setString(i++, n.strengths());
                ps.setString(i++, n.improvements());
                ps.setString(i++, n.conclusion());
                ps.setBoolean(i++, n.recommend());
                ps.setString(i++, n.author());
                ps.setString(i++, n.reviewer());
                ps.setDate(i++, n.reportDate() == null ? null : Date.valueOf(n.reportDate()));
                ps.setTimestamp(i++, Timestamp.from(at));
                ps.setLong(i, by);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private List<Narrative> query(String sql, Object... args) {
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                List<Narrative> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Date d = rs.getDate(12);
                        Timestamp at = rs.getTimestamp(14);
                        long by = rs.getLong(15);
                        Long byOrNull = rs.wasNull() ? null : by;
                        out.add(new Narrative(rs.getLong(1), rs.getInt(2),
                                EvaluationProject.EvaluationType.valueOf(rs.getString(3)), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getBoolean(9),
                                rs.getString(10), rs.getString(11), d == null ? null : d.toLocalDate(), rs.getInt(13),
                                at == null ? null : at.toInstant(), byOrNull, rs.getString(16)));
                    }
                }
                return out;
            }
        });
    }

}
