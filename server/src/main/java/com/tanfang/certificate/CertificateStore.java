package com.tanfang.certificate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The tables {@code certificate} and {@code certificate_status_change} (V22), plain JDBC, in the callers' transactions. */
@Singleton
class CertificateStore {
    /** A certificate row as stored ({@code status} is the stored one: see {@link CertificateStatus#effective}). */
    record Row(long id, String publicId, String number, long projectId, int revision, String revisionSha256,
               String auditReportSha256, long organizationId, String organizationName, @Nullable String organizationNameEn,
               long siteId, String siteName, @Nullable String siteNameEn, @Nullable String siteAddress,
               String schemeCode, int schemeVersion, String schemeTitleZh, @Nullable String schemeTitleEn,
               String scopeZh, @Nullable String scopeEn, String gradeKey, String gradeNameZh, @Nullable String gradeNameEn,
               @Nullable String printedTotal, @Nullable String fullMarks, @Nullable String radarSvgZh,
               @Nullable String radarSvgEn, String publicUrl, LocalDate issuedOn, LocalDate expiresOn,
               CertificateStatus status, Instant statusChangedAt, Instant issuedAt, long issuedBy) {
    }

    /** One line of the history. */
    record Change(long id, String action, @Nullable String fromStatus, String toStatus, String reason, long actor,
                  @Nullable String actorName, Instant changedAt) {
    }

    private static final String COLUMNS = "id, public_id, number, project_id, revision, revision_sha256,"
            + " audit_report_sha256, organization_id, organization_name, organization_name_en, site_id, site_name,"
            + " site_name_en, site_address, scheme_code, scheme_version, scheme_title_zh, scheme_title_en, scope_zh,"
            + " scope_en, grade_key, grade_name_zh, grade_name_en, printed_total, full_marks, radar_svg_zh, radar_svg_en,"
            + " public_url, issued_on, expires_on, status, status_changed_at, issued_at, issued_by";

    private final JdbcOperations jdbc;

    CertificateStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Row> byId(long id) {
        return query("select " + COLUMNS + " from certificate where id = ?", id).stream().findFirst();
    }

    Optional<Row> byPublicId(String publicId) {
        return query("select " + COLUMNS + " from certificate where public_id = ?", publicId).stream().findFirst();
    }

    Optional<Row> byRevision(long projectId, int revision) {
        return query("select " + COLUMNS + " from certificate where project_id = ? and revision = ?", projectId, revision)
                .stream().findFirst();
    }

    List<Row> ofProject(long projectId) {
        return query("select " + COLUMNS + " from certificate where project_id = ? order by id", projectId);
    }

    List<Row> all() {
        return query("select " + COLUMNS + " from certificate order by id desc limit 500");
    }

    List<Row> ofOrganization(long organizationId) {
        return query("select " + COLUMNS + " from certificate where organization_id = ? order by id desc limit 500",
                organizationId);
    }

    /** The certificates of projects whose team the user is on (lead or member). */
    List<Row> onTeam(long userId) {
        return query("select " + COLUMNS + " from certificate c where exists (select 1 from evaluation_project ep"
                + " where ep.id = c.project_id and (ep.lead_user_id = ? or exists (select 1 from project_member pm"
                + " where pm.project_id = ep.id and pm.user_id = ?))) order by id desc limit 500", userId, userId);
    }

    /**
     * The next number of {@code year}: the year's lock (an advisory lock for the rest of the transaction) makes two
     * issues of one year wait for each other, so they never draw the same sequence; the unique constraint backs it.
     */
    int nextSequence(int year) {
        return jdbc.execute(c -> {
            try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(22, ?)")) {
                lock.setInt(1, year);
                lock.executeQuery().close();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "select coalesce(max(number_sequence), 0) + 1 from certificate where number_year = ?")) {
                ps.setInt(1, year);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    long insert(Row r, int year, int sequence) {
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into certificate (public_id, number, number_year,"
                    + " number_sequence, project_id, revision, revision_sha256, audit_report_sha256, organization_id,"
                    + " organization_name, organization_name_en, site_id, site_name, site_name_en, site_address, scheme_code,"
                    + " scheme_version, scheme_title_zh, scheme_title_en, scope_zh, scope_en, grade_key, grade_name_zh,"
                    + " grade_name_en, printed_total, full_marks, radar_svg_zh, radar_svg_en, public_url, issued_on,"
                    + " expires_on, status, status_changed_at, issued_at, issued_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id")) {
                int i = 0;
                ps.setString(++i, r.publicId());
                ps.setString(++i, r.number());
                ps.setInt(++i, year);
                ps.setInt(++i, sequence);
                ps.setLong(++i, r.projectId());
                ps.setInt(++i, r.revision());
                ps.setString(++i, r.revisionSha256());
                ps.setString(++i, r.auditReportSha256());
                ps.setLong(++i, r.organizationId());
                ps.setString(++i, r.organizationName());
                ps.setString(++i, r.organizationNameEn());
                ps.setLong(++i, r.siteId());
                ps.setString(++i, r.siteName());
                ps.setString(++i, r.siteNameEn());
                ps.setString(++i, r.siteAddress());
                ps.setString(++i, r.schemeCode());
                ps.setInt(++i, r.schemeVersion());
                ps.setString(++i, r.schemeTitleZh());
                ps.setString(++i, r.schemeTitleEn());
                ps.setString(++i, r.scopeZh());
                ps.setString(++i, r.scopeEn());
                ps.setString(++i, r.gradeKey());
                ps.setString(++i, r.gradeNameZh());
                ps.setString(++i, r.gradeNameEn());
                ps.setString(++i, r.printedTotal());
                ps.setString(++i, r.fullMarks());
                ps.setString(++i, r.radarSvgZh());
                ps.setString(++i, r.radarSvgEn());
                ps.setString(++i, r.publicUrl());
                ps.setDate(++i, Date.valueOf(r.issuedOn()));
                ps.setDate(++i, Date.valueOf(r.expiresOn()));
                ps.setString(++i, r.status().name());
                ps.setTimestamp(++i, Timestamp.from(r.statusChangedAt()));
                ps.setTimestamp(++i, Timestamp.from(r.issuedAt()));
                ps.setLong(++i, r.issuedBy());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Locks the certificate's row for the rest of the transaction (status changes run one after the other). */
    Optional<Row> lock(long id) {
        return query("select " + COLUMNS + " from certificate where id = ? for update", id).stream().findFirst();
    }

    void setStatus(long id, CertificateStatus status, Instant at) {
        update("update certificate set status = ?, status_changed_at = ? where id = ?", status.name(), Timestamp.from(at), id);
    }

    void addChange(long certificateId, String action, @Nullable CertificateStatus from, CertificateStatus to, String reason,
                   long actor, Instant at) {
        update("insert into certificate_status_change (certificate_id, action, from_status, to_status, reason, actor,"
                        + " changed_at) values (?, ?, ?, ?, ?, ?, ?)", certificateId, action, from == null ? null : from.name(),
                to.name(), reason, actor, Timestamp.from(at));
    }

    List<Change> history(long certificateId) {
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("select h.id, h.action, h.from_status, h.to_status, h.reason,"
                    + " h.actor, u.display_name, h.changed_at from certificate_status_change h left join app_user u"
                    + " on u.id = h.actor where h.certificate_id = ? order by h.id")) {
                ps.setLong(1, certificateId);
                List<Change> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Change(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getLong(6), rs.getString(7), rs.getTimestamp(8).toInstant()));
                    }
                }
                return out;
            }
        });
    }

    private void update(String sql, Object... args) {
        jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, args);
                return ps.executeUpdate();
            }
        });
    }

    private List<Row> query(String sql, Object... args) {
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, args);
                List<Row> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                ps.setNull(i + 1, Types.VARCHAR);
            } else if (a instanceof Long l) {
                ps.setLong(i + 1, l);
            } else if (a instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else if (a instanceof Timestamp t) {
                ps.setTimestamp(i + 1, t);
            } else {
                ps.setString(i + 1, a.toString());
            }
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        int i = 0;
        return new Row(rs.getLong(++i), rs.getString(++i), rs.getString(++i), rs.getLong(++i), rs.getInt(++i),
                rs.getString(++i), rs.getString(++i), rs.getLong(++i), rs.getString(++i), rs.getString(++i),
                rs.getLong(++i), rs.getString(++i), rs.getString(++i), rs.getString(++i), rs.getString(++i),
                rs.getInt(++i), rs.getString(++i), rs.getString(++i), rs.getString(++i), rs.getString(++i),
                rs.getString(++i), rs.getString(++i), rs.getString(++i), rs.getString(++i), rs.getString(++i),
                rs.getString(++i), rs.getString(++i), rs.getString(++i), rs.getDate(++i).toLocalDate(),
                rs.getDate(++i).toLocalDate(), CertificateStatus.valueOf(rs.getString(++i)),
                rs.getTimestamp(++i).toInstant(), rs.getTimestamp(++i).toInstant(), rs.getLong(++i));
    }
}
