package com.tanfang.evaluation.finding;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The V17 tables in plain JDBC (their id arrays read and write most simply this way). Called inside the services'
 * transactions; one query per list, never one per row.
 */
@Singleton
public class FindingStore {
    private final JdbcOperations jdbc;

    public FindingStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    public record AttachmentRow(long id, long projectId, String sha256, String mediaType, int sizeBytes, String kind,
                                @Nullable String fileName, long uploadedBy, boolean byClient, Instant createdAt) {
    }

    public record NaRow(long id, long projectId, String itemCode, String justification, String decidedBy,
                        Instant decidedAt) {
    }

    public record AdjustmentRow(long id, long projectId, FindingDtos.AdjustmentKind kind, @Nullable String itemCode,
                                @Nullable String clause, int count, @Nullable BigDecimal points, String reason,
                                List<Long> visitAnswerIds, List<Long> photoIds, List<Long> attachmentIds,
                                @Nullable String noEvidenceNote, String createdBy, Instant createdAt) {
    }

    public record FindingRow(long id, long projectId, FindingDtos.FindingKind kind, @Nullable FindingDtos.Severity severity,
                             @Nullable String itemCode, @Nullable Long adjustmentId, @Nullable String clause,
                             String finding, LocalDate deadline, @Nullable String owner, FindingState state,
                             List<Long> visitAnswerIds, List<Long> attachmentIds, @Nullable String correctiveAction,
                             List<Long> answerAttachmentIds, @Nullable Long answeredBy, @Nullable Instant answeredAt,
                             @Nullable String sentBackReason, int answerRounds, @Nullable Instant issuedAt,
                             @Nullable Instant closedAt, String createdBy, Instant createdAt, Instant updatedAt) {
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps, Connection c) throws SQLException;
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Binder binder, Reader<T> reader) {
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps, c);
                List<T> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(reader.read(rs));
                    }
                }
                return out;
            }
        });
    }

    private long insert(String sql, Binder binder) {
        return query(sql + " returning id", binder, rs -> rs.getLong(1)).get(0);
    }

    private int update(String sql, Binder binder) {
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps, c);
                return ps.executeUpdate();
            }
        });
    }

    private static Array ids(Connection c, List<Long> ids) throws SQLException {
        return c.createArrayOf("bigint", (ids == null ? List.<Long>of() : ids).toArray());
    }

    private static List<Long> ids(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        if (a == null) {
            return List.of();
        }
        Object[] values = (Object[]) a.getArray();
        return Arrays.stream(values).map(v -> ((Number) v).longValue()).toList();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static void text(PreparedStatement ps, int i, String v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }

    // ------------------------------------------------------------------ attachments

    private static final String ATTACHMENT_COLUMNS =
            "id, project_id, sha256, media_type, size_bytes, kind, file_name, uploaded_by, by_client, created_at";

    private static AttachmentRow attachment(ResultSet rs) throws SQLException {
        return new AttachmentRow(rs.getLong("id"), rs.getLong("project_id"), rs.getString("sha256"),
                rs.getString("media_type"), rs.getInt("size_bytes"), rs.getString("kind"), rs.getString("file_name"),
                rs.getLong("uploaded_by"), rs.getBoolean("by_client"), instant(rs, "created_at"));
    }

    public AttachmentRow saveAttachment(long projectId, String sha256, String mediaType, int size, String kind,
                                        @Nullable String fileName, long uploadedBy, boolean byClient, Instant at) {
        long id = insert("insert into evaluation_attachment (project_id, sha256, media_type, size_bytes, kind,"
                + " file_name, uploaded_by, by_client, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", (ps, c) -> {
            ps.setLong(1, projectId);
            ps.setString(2, sha256);
            ps.setString(3, mediaType);
            ps.setInt(4, size);
            ps.setString(5, kind);
            text(ps, 6, fileName);
            ps.setLong(7, uploadedBy);
            ps.setBoolean(8, byClient);
            ps.setTimestamp(9, Timestamp.from(at));
        });
        return attachment(id).orElseThrow();
    }

    public Optional<AttachmentRow> attachment(long id) {
        return query("select " + ATTACHMENT_COLUMNS + " from evaluation_attachment where id = ?",
                (ps, c) -> ps.setLong(1, id), FindingStore::attachment).stream().findFirst();
    }

    public List<AttachmentRow> attachmentsOf(long projectId) {
        return query("select " + ATTACHMENT_COLUMNS + " from evaluation_attachment where project_id = ? order by id",
                (ps, c) -> ps.setLong(1, projectId), FindingStore::attachment);
    }

    /** Whether the attachment is cited by a finding the client may see (issued or later), or by its answer. */
    public boolean citedByVisibleFinding(long projectId, long attachmentId) {
        return !query("select 1 from evaluation_finding where project_id = ? and state <> 'DRAFT'"
                        + " and (? = any(attachment_ids) or ? = any(answer_attachment_ids)) limit 1", (ps, c) -> {
                    ps.setLong(1, projectId);
                    ps.setLong(2, attachmentId);
                    ps.setLong(3, attachmentId);
                }, rs -> 1).isEmpty();
    }

    /** How many of {@code ids} are current answers or earlier versions of this project's visits. */
    public int countVisitAnswers(long projectId, List<Long> ids) {
        return query("select count(*) from visit_answer a join visit v on v.id = a.visit_id"
                + " where v.project_id = ? and a.id = any(?)", (ps, c) -> {
            ps.setLong(1, projectId);
            ps.setArray(2, ids(c, ids));
        }, rs -> rs.getInt(1)).get(0);
    }

    /** Photo id to visit id, for this project's visit photos among {@code ids}. */
    public List<long[]> visitPhotos(long projectId, List<Long> ids) {
        return query("select ph.id, ph.visit_id from visit_photo ph join visit v on v.id = ph.visit_id"
                + " where v.project_id = ? and ph.id = any(?) order by ph.id", (ps, c) -> {
            ps.setLong(1, projectId);
            ps.setArray(2, ids(c, ids));
        }, rs -> new long[]{rs.getLong(1), rs.getLong(2)});
    }

    // ------------------------------------------------------------------ N/A decisions

    public long saveNa(long projectId, String itemCode, String justification, long by, Instant at) {
        return insert("insert into evaluation_na_decision (project_id, item_code, justification, decided_by, decided_at)"
                + " values (?, ?, ?, ?, ?)", (ps, c) -> {
            ps.setLong(1, projectId);
            ps.setString(2, itemCode);
            ps.setString(3, justification);
            ps.setLong(4, by);
            ps.setTimestamp(5, Timestamp.from(at));
        });
    }

    public List<NaRow> currentNa(long projectId) {
        return query("select d.id, d.project_id, d.item_code, d.justification, u.username, d.decided_at"
                + " from evaluation_na_decision d join app_user u on u.id = d.decided_by"
                + " where d.project_id = ? and d.withdrawn_at is null order by d.id", (ps, c) -> ps.setLong(1, projectId),
                rs -> new NaRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        instant(rs, "decided_at")));
    }

    /** Locks the current decision (for withdrawal); empty when none or withdrawn already. */
    public Optional<NaRow> lockCurrentNa(long projectId, long id) {
        return query("select d.id, d.project_id, d.item_code, d.justification, '' as username, d.decided_at"
                + " from evaluation_na_decision d where d.id = ? and d.project_id = ? and d.withdrawn_at is null"
                + " for update", (ps, c) -> {
            ps.setLong(1, id);
            ps.setLong(2, projectId);
        }, rs -> new NaRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                instant(rs, "decided_at"))).stream().findFirst();
    }

    public void withdrawNa(long id, long by, String reason, Instant at) {
        update("update evaluation_na_decision set withdrawn_at = ?, withdrawn_by = ?, withdraw_reason = ? where id = ?",
                (ps, c) -> {
                    ps.setTimestamp(1, Timestamp.from(at));
                    ps.setLong(2, by);
                    ps.setString(3, reason);
                    ps.setLong(4, id);
                });
    }

    // ------------------------------------------------------------------ adjustments

    private static final String ADJUSTMENT_SELECT = "select a.id, a.project_id, a.kind, a.item_code, a.clause,"
            + " a.deduction_count, a.points, a.reason, a.visit_answer_ids, a.photo_ids, a.attachment_ids,"
            + " a.no_evidence_note, u.username, a.created_at from evaluation_adjustment a"
            + " join app_user u on u.id = a.created_by";

    private static AdjustmentRow adjustment(ResultSet rs) throws SQLException {
        return new AdjustmentRow(rs.getLong("id"), rs.getLong("project_id"),
                FindingDtos.AdjustmentKind.valueOf(rs.getString("kind")), rs.getString("item_code"),
                rs.getString("clause"), rs.getInt("deduction_count"), rs.getBigDecimal("points"), rs.getString("reason"),
                ids(rs, "visit_answer_ids"), ids(rs, "photo_ids"), ids(rs, "attachment_ids"),
                rs.getString("no_evidence_note"), rs.getString("username"), instant(rs, "created_at"));
    }

    public long saveAdjustment(long projectId, FindingDtos.AdjustmentKind kind, @Nullable String itemCode,
                               @Nullable String clause, int count, @Nullable BigDecimal points, String reason,
                               List<Long> answers, List<Long> photos, List<Long> attachments,
                               @Nullable String noEvidenceNote, long by, Instant at) {
        return insert("insert into evaluation_adjustment (project_id, kind, item_code, clause, deduction_count, points,"
                + " reason, visit_answer_ids, photo_ids, attachment_ids, no_evidence_note, created_by, created_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (ps, c) -> {
            ps.setLong(1, projectId);
            ps.setString(2, kind.name());
            text(ps, 3, itemCode);
            text(ps, 4, clause);
            ps.setInt(5, count);
            ps.setBigDecimal(6, points);
            ps.setString(7, reason);
            ps.setArray(8, ids(c, answers));
            ps.setArray(9, ids(c, photos));
            ps.setArray(10, ids(c, attachments));
            text(ps, 11, noEvidenceNote);
            ps.setLong(12, by);
            ps.setTimestamp(13, Timestamp.from(at));
        });
    }

    public List<AdjustmentRow> currentAdjustments(long projectId) {
        return query(ADJUSTMENT_SELECT + " where a.project_id = ? and a.withdrawn_at is null order by a.id",
                (ps, c) -> ps.setLong(1, projectId), FindingStore::adjustment);
    }

    public Optional<AdjustmentRow> lockCurrentAdjustment(long projectId, long id) {
        return query(ADJUSTMENT_SELECT + " where a.id = ? and a.project_id = ? and a.withdrawn_at is null"
                + " for update of a", (ps, c) -> {
            ps.setLong(1, id);
            ps.setLong(2, projectId);
        }, FindingStore::adjustment).stream().findFirst();
    }

    public void withdrawAdjustment(long id, long by, String reason, Instant at) {
        update("update evaluation_adjustment set withdrawn_at = ?, withdrawn_by = ?, withdraw_reason = ? where id = ?",
                (ps, c) -> {
                    ps.setTimestamp(1, Timestamp.from(at));
                    ps.setLong(2, by);
                    ps.setString(3, reason);
                    ps.setLong(4, id);
                });
    }

    /** Serialises the writes of one project's adjustments (e.g. two leads adding the one special bonus at once). */
    public void lockProject(long projectId) {
        query("select id from evaluation_project where id = ? for update", (ps, c) -> ps.setLong(1, projectId),
                rs -> 1);
    }

    // ------------------------------------------------------------------ findings

    private static final String FINDING_SELECT = "select f.*, u.username as created_by_name from evaluation_finding f"
            + " join app_user u on u.id = f.created_by";

    private static FindingRow finding(ResultSet rs) throws SQLException {
        String severity = rs.getString("severity");
        return new FindingRow(rs.getLong("id"), rs.getLong("project_id"),
                FindingDtos.FindingKind.valueOf(rs.getString("kind")),
                severity == null ? null : FindingDtos.Severity.valueOf(severity), rs.getString("item_code"),
                longOrNull(rs, "adjustment_id"), rs.getString("clause"), rs.getString("finding"),
                rs.getDate("deadline").toLocalDate(), rs.getString("owner"), FindingState.valueOf(rs.getString("state")),
                ids(rs, "visit_answer_ids"), ids(rs, "attachment_ids"), rs.getString("corrective_action"),
                ids(rs, "answer_attachment_ids"), longOrNull(rs, "answered_by"), instant(rs, "answered_at"),
                rs.getString("sent_back_reason"), rs.getInt("answer_rounds"), instant(rs, "issued_at"),
                instant(rs, "closed_at"), rs.getString("created_by_name"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    /** The finding's fields the lead edits. */
    public record Draft(FindingDtos.FindingKind kind, @Nullable FindingDtos.Severity severity,
                        @Nullable String itemCode, @Nullable Long adjustmentId, @Nullable String clause, String finding,
                        LocalDate deadline, @Nullable String owner, List<Long> visitAnswerIds,
                        List<Long> attachmentIds) {
    }

    private static void bindDraft(PreparedStatement ps, Connection c, Draft d) throws SQLException {
        ps.setString(1, d.kind().name());
        text(ps, 2, d.severity() == null ? null : d.severity().name());
        text(ps, 3, d.itemCode());
        if (d.adjustmentId() == null) {
            ps.setNull(4, Types.BIGINT);
        } else {
            ps.setLong(4, d.adjustmentId());
        }
        text(ps, 5, d.clause());
        ps.setString(6, d.finding());
        ps.setDate(7, Date.valueOf(d.deadline()));
        text(ps, 8, d.owner());
        ps.setArray(9, ids(c, d.visitAnswerIds()));
        ps.setArray(10, ids(c, d.attachmentIds()));
    }

    public long saveFinding(long projectId, Draft d, long by, Instant at) {
        return insert("insert into evaluation_finding (kind, severity, item_code, adjustment_id, clause, finding,"
                + " deadline, owner, visit_answer_ids, attachment_ids, project_id, state, created_by, created_at,"
                + " updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?)", (ps, c) -> {
            bindDraft(ps, c, d);
            ps.setLong(11, projectId);
            ps.setLong(12, by);
            ps.setTimestamp(13, Timestamp.from(at));
            ps.setTimestamp(14, Timestamp.from(at));
        });
    }

    public void editFinding(long id, Draft d, Instant at) {
        update("update evaluation_finding set kind = ?, severity = ?, item_code = ?, adjustment_id = ?, clause = ?,"
                + " finding = ?, deadline = ?, owner = ?, visit_answer_ids = ?, attachment_ids = ?, updated_at = ?"
                + " where id = ?", (ps, c) -> {
            bindDraft(ps, c, d);
            ps.setTimestamp(11, Timestamp.from(at));
            ps.setLong(12, id);
        });
    }

    public Optional<FindingRow> finding(long id) {
        return query(FINDING_SELECT + " where f.id = ?", (ps, c) -> ps.setLong(1, id), FindingStore::finding)
                .stream().findFirst();
    }

    public Optional<FindingRow> lockFinding(long id) {
        return query(FINDING_SELECT + " where f.id = ? for update of f", (ps, c) -> ps.setLong(1, id),
                FindingStore::finding).stream().findFirst();
    }

    public List<FindingRow> findingsOf(long projectId) {
        return query(FINDING_SELECT + " where f.project_id = ? order by f.id", (ps, c) -> ps.setLong(1, projectId),
                FindingStore::finding);
    }

    public void issue(long id, Instant at) {
        update("update evaluation_finding set state = 'ISSUED', issued_at = ?, updated_at = ? where id = ?", (ps, c) -> {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setLong(3, id);
        });
    }

    public void answer(long id, String correctiveAction, List<Long> attachments, long by, Instant at) {
        update("update evaluation_finding set state = 'ANSWERED', corrective_action = ?, answer_attachment_ids = ?,"
                + " answered_by = ?, answered_at = ?, answer_rounds = answer_rounds + 1, updated_at = ? where id = ?",
                (ps, c) -> {
                    ps.setString(1, correctiveAction);
                    ps.setArray(2, ids(c, attachments));
                    ps.setLong(3, by);
                    ps.setTimestamp(4, Timestamp.from(at));
                    ps.setTimestamp(5, Timestamp.from(at));
                    ps.setLong(6, id);
                });
    }

    public void close(long id, Instant at) {
        update("update evaluation_finding set state = 'CLOSED', closed_at = ?, updated_at = ? where id = ?", (ps, c) -> {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setLong(3, id);
        });
    }

    /** Back to ISSUED with the lead's reason; the client's last answer stays readable until it answers again. */
    public void sendBack(long id, String reason, Instant at) {
        update("update evaluation_finding set state = 'ISSUED', sent_back_reason = ?, updated_at = ? where id = ?",
                (ps, c) -> {
                    ps.setString(1, reason);
                    ps.setTimestamp(2, Timestamp.from(at));
                    ps.setLong(3, id);
                });
    }
}
