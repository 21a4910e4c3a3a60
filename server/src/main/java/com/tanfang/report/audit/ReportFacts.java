package com.tanfang.report.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The facts of the report that are not in the signed snapshot, read in one place (plain JDBC, a few small queries):
 * the organisation and site, the scheme version's number, the audit team, and the dates of the on-site visits.
 */
@Singleton
class ReportFacts {
    /** The organisation, its site and the scheme version the project pins. */
    record Project(String organizationName, @Nullable String organizationNameEn, @Nullable String contact,
                   @Nullable String phone, String siteName, @Nullable String siteNameEn, @Nullable String siteAddress,
                   int schemeVersion) {
    }

    /** A member of the audit team as the report names it: the lead, or a member holding LEAD or AUDITOR. */
    record Member(long userId, String name, boolean lead) {
    }

    private final JdbcOperations jdbc;

    ReportFacts(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    Project project(long projectId) {
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("select o.name, o.name_en, o.contact, o.phone, s.name,"
                    + " s.name_en, s.address, v.version from evaluation_project ep join organization o on o.id = ep.organization_id"
                    + " join site s on s.id = ep.site_id join scheme_version v on v.id = ep.scheme_version_id where ep.id = ?")) {
                ps.setLong(1, projectId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("project " + projectId + " without organisation or site");
                    }
                    return new Project(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8));
                }
            }
        });
    }

    /**
     * The audit team: the lead first, then the members who hold the LEAD or AUDITOR role, by name. Members who are
     * only SHOPPER or VERIFIER are never named: covert shoppers must stay unknown to the provider.
     */
    List<Member> team(long projectId) {
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("select u.id, u.display_name, u.id = ep.lead_user_id as lead"
                    + " from evaluation_project ep join app_user u on u.id = ep.lead_user_id"
                    + " or (u.id in (select pm.user_id from project_member pm where pm.project_id = ep.id)"
                    + " and u.roles && array['LEAD','AUDITOR']::text[])"
                    + " where ep.id = ? order by lead desc, u.display_name, u.id")) {
                ps.setLong(1, projectId);
                List<Member> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Member(rs.getLong(1), rs.getString(2), rs.getBoolean(3)));
                    }
                }
                return out;
            }
        });
    }

    /** The Beijing dates on which the given (announced, on-site) visits checked in, first to last. */
    List<LocalDate> onSiteDates(Collection<Long> visitIds) {
        if (visitIds.isEmpty()) {
            return List.of();
        }
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("select distinct (coalesce(check_in_device_at,"
                    + " check_in_server_at, submitted_at) at time zone 'Asia/Shanghai')::date d from visit"
                    + " where id = any(?) and coalesce(check_in_device_at, check_in_server_at, submitted_at) is not null"
                    + " order by d")) {
                Array ids = c.createArrayOf("bigint", Set.copyOf(visitIds).toArray());
                ps.setArray(1, ids);
                List<LocalDate> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getDate(1).toLocalDate());
                    }
                }
                return out;
            }
        });
    }
}
