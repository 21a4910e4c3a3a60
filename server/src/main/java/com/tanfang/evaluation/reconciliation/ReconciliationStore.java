package com.tanfang.evaluation.reconciliation;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Table evaluation_reconciliation (V16) and the answers that pair (plain JDBC, one query per read for the whole
 * project; called inside the caller's transaction).
 */
@Singleton
public class ReconciliationStore {
    private static final String SELECT = """
            select r.id, r.plan_id, r.item_code, r.first_answer_id, r.second_answer_id, r.value, r.not_applicable,
                   r.not_applicable_reason, r.reason, r.decided_by, u.display_name, r.decided_at, r.superseded_at,
                   r.superseded_by
            from evaluation_reconciliation r join app_user u on u.id = r.decided_by
            """;

    /**
     * The current answers of APPROVED copies of two-rater plans: the only answers that pair. Approved implies
     * submitted, so the blind rule never hides one of these from a rater of the other copy.
     */
    private static final String PAIRED_ANSWERS = """
            select a.id, a.visit_id, v.plan_id, a.item_code, v.rater_user_id, u.username, u.display_name, a.value,
                   a.not_applicable, a.not_applicable_reason
            from visit v join visit_plan p on p.id = v.plan_id join visit_answer a on a.visit_id = v.id
                 left join app_user u on u.id = v.rater_user_id
            where v.project_id = ? and p.raters = 2 and v.state = 'APPROVED' and a.superseded_at is null
              and (a.value is not null or a.not_applicable)""";

    private final JdbcOperations jdbc;

    public ReconciliationStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** A plan of the project, locked (FOR UPDATE) so that two reconciliations of one pair run one after the other. */
    public record PlanRow(long id, long projectId, int raters) {
    }

    public Optional<PlanRow> lockPlan(long planId) {
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select id, project_id, raters from visit_plan where id = ? for update")) {
                ps.setLong(1, planId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new PlanRow(rs.getLong(1), rs.getLong(2), rs.getInt(3)))
                            : Optional.<PlanRow>empty();
                }
            }
        });
    }

    /** The raters of the plan's copies (a lead who rated one may not reconcile it). */
    public List<Long> raters(long planId) {
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select rater_user_id from visit where plan_id = ? and rater_user_id is not null")) {
                ps.setLong(1, planId);
                List<Long> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
                return out;
            }
        });
    }

    /** Every side that may pair in the project ({@link #PAIRED_ANSWERS}). */
    public List<ReconciliationDtos.Side> pairedAnswers(long projectId) {
        return sides(PAIRED_ANSWERS + " order by a.visit_id, a.id", projectId, null, null);
    }

    /** The sides of one plan and item (0, 1 or 2). */
    public List<ReconciliationDtos.Side> sidesOf(long projectId, long planId, String itemCode) {
        return sides(PAIRED_ANSWERS + " and v.plan_id = ? and a.item_code = ? order by a.visit_id", projectId, planId,
                itemCode);
    }

    private List<ReconciliationDtos.Side> sides(String sql, long projectId, Long planId, String itemCode) {
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, projectId);
                if (planId != null) {
                    ps.setLong(2, planId);
                    ps.setString(3, itemCode);
                }
                ps.setFetchSize(1000);
                List<ReconciliationDtos.Side> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long rater = rs.getLong(5);
                        Long raterId = rs.wasNull() ? null : rater;
                        String username = rs.getString(6);
                        out.add(new ReconciliationDtos.Side(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                                rs.getString(4), raterId, username != null ? username : "visit " + rs.getLong(2),
                                rs.getString(7), rs.getBigDecimal(8), rs.getBoolean(9), rs.getString(10)));
                    }
                }
                return out;
            }
        });
    }

    /** The project's current reconciliations (one per pair at most). */
    public List<ReconciliationDtos.Confirmed> current(long projectId) {
        return list(SELECT + " where r.project_id = ? and r.superseded_at is null order by r.id", projectId);
    }

    /** Every reconciliation of the project, superseded ones too, oldest first. */
    public List<ReconciliationDtos.Confirmed> history(long projectId) {
        return list(SELECT + " where r.project_id = ? order by r.id", projectId);
    }

    public Optional<ReconciliationDtos.Confirmed> currentOf(long planId, String itemCode) {
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT
                    + " where r.plan_id = ? and r.item_code = ? and r.superseded_at is null")) {
                ps.setLong(1, planId);
                ps.setString(2, itemCode);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(confirmed(rs)) : Optional.<ReconciliationDtos.Confirmed>empty();
                }
            }
        });
    }

    public ReconciliationDtos.Confirmed get(long id) {
        return list(SELECT + " where r.id = ?", id).get(0);
    }

    private List<ReconciliationDtos.Confirmed> list(String sql, long id) {
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, id);
                List<ReconciliationDtos.Confirmed> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(confirmed(rs));
                    }
                }
                return out;
            }
        });
    }

    private static ReconciliationDtos.Confirmed confirmed(ResultSet rs) throws SQLException {
        long supersededBy = rs.getLong(14);
        Long by = rs.wasNull() ? null : supersededBy;
        Timestamp superseded = rs.getTimestamp(13);
        BigDecimal value = rs.getBigDecimal(6);
        return new ReconciliationDtos.Confirmed(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
                rs.getLong(5), value == null ? null : value.stripTrailingZeros(), rs.getBoolean(7), rs.getString(8),
                rs.getString(9), rs.getLong(10), rs.getString(11), rs.getTimestamp(12).toInstant(),
                superseded == null ? null : superseded.toInstant(), by);
    }

    /** A new current reconciliation of the pair; the previous one (if any) must have been superseded first. */
    public long insert(long projectId, long planId, String itemCode, long firstAnswerId, long secondAnswerId,
                       BigDecimal value, boolean notApplicable, String notApplicableReason, String reason,
                       long decidedBy, Instant at) {
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into evaluation_reconciliation (project_id, plan_id, item_code, first_answer_id,
                        second_answer_id, value, not_applicable, not_applicable_reason, reason, decided_by, decided_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")) {
                ps.setLong(1, projectId);
                ps.setLong(2, planId);
                ps.setString(3, itemCode);
                ps.setLong(4, firstAnswerId);
                ps.setLong(5, secondAnswerId);
                if (value == null) {
                    ps.setNull(6, Types.NUMERIC);
                } else {
                    ps.setBigDecimal(6, value);
                }
                ps.setBoolean(7, notApplicable);
                ps.setString(8, notApplicableReason);
                ps.setString(9, reason);
                ps.setLong(10, decidedBy);
                ps.setTimestamp(11, Timestamp.from(at));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Marks the current reconciliation superseded (before the new one is inserted: one current per pair). */
    public void supersede(long id, Instant at) {
        update("update evaluation_reconciliation set superseded_at = ? where id = ?", at, id, null);
    }

    /** Links the superseded reconciliation to the one that replaced it. */
    public void supersededBy(long id, long by) {
        update("update evaluation_reconciliation set superseded_by = ? where id = ?", null, id, by);
    }

    private void update(String sql, Instant at, long id, Long by) {
        jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (at != null) {
                    ps.setTimestamp(1, Timestamp.from(at));
                } else {
                    ps.setLong(1, by);
                }
                ps.setLong(2, id);
                return ps.executeUpdate();
            }
        });
    }
}
