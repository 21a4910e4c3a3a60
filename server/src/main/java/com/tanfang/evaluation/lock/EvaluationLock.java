package com.tanfang.evaluation.lock;

import com.tanfang.message.ConflictException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * The one check every write to a project's evaluation makes (reconciliations, N/A decisions, deductions, findings
 * that change the result): while the current revision is signed off, the evaluation is frozen (409
 * {@code evaluation.signed_off}); a change needs a new revision, opened by the lead with a reason.
 *
 * <p>It takes a share lock on the project's row, so a sign-off (which locks it for update) waits for a write that
 * passed this check to commit, and then signs what that write changed; a write after a sign-off sees it and is refused.
 */
@Singleton
public class EvaluationLock {
    private final JdbcOperations jdbc;

    public EvaluationLock(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** 409 {@code evaluation.signed_off} (with the revision number) while the current revision is signed off. */
    @Transactional
    public void requireOpen(long projectId) {
        Integer signed = jdbc.execute(c -> {
            try (PreparedStatement lock = c.prepareStatement("select id from evaluation_project where id = ? for share")) {
                lock.setLong(1, projectId);
                lock.executeQuery().close();
            }
            try (PreparedStatement ps = c.prepareStatement("select number, signed_at is not null from evaluation_revision"
                    + " where project_id = ? order by number desc limit 1")) {
                ps.setLong(1, projectId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getBoolean(2) ? rs.getInt(1) : null;
                }
            }
        });
        if (signed != null) {
            throw ConflictException.of("evaluation.signed_off", signed);
        }
    }
}
