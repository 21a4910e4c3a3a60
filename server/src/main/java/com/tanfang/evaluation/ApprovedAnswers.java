package com.tanfang.evaluation;

import com.tanfang.visit.VisitMode;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * The current answers of a project's approved visits, in one query. Plain JDBC on purpose: a project's sheet reads
 * every answer (10,000 in the speed test) and the repository's generic row mapping took ~190 ms for them on the
 * shared build machine, most of the sheet's time. Called inside the sheet's read-only transaction.
 */
@Singleton
public class ApprovedAnswers {
    /**
     * Not superseded, with a value or an N/A, of APPROVED visits only: a returned, submitted or rejected visit
     * counts for nothing until it is approved.
     */
    static final String SQL = """
            select a.id, a.visit_id, a.item_code, a.value, a.not_applicable, a.not_applicable_reason, a.note, p.mode,
                   v.rater_user_id, u.username, u.display_name, v.decided_at
            from visit_answer a join visit v on v.id = a.visit_id join visit_plan p on p.id = v.plan_id
              left join app_user u on u.id = v.rater_user_id
            where v.project_id = ? and v.state = 'APPROVED' and a.superseded_at is null
              and (a.value is not null or a.not_applicable)
            order by a.item_code, v.id""";

    private final JdbcOperations jdbc;

    public ApprovedAnswers(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    public List<EvidenceRepository.ApprovedAnswer> of(long projectId) {
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement(SQL)) {
                ps.setLong(1, projectId);
                ps.setFetchSize(1000);
                List<EvidenceRepository.ApprovedAnswer> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long rater = rs.getLong(9);
                        Long raterId = rs.wasNull() ? null : rater;
                        Timestamp decided = rs.getTimestamp(12);
                        out.add(new EvidenceRepository.ApprovedAnswer(rs.getLong(1), rs.getLong(2), rs.getString(3),
                                rs.getBigDecimal(4), rs.getBoolean(5), rs.getString(6), rs.getString(7),
                                VisitMode.valueOf(rs.getString(8)), raterId, rs.getString(10), rs.getString(11),
                                decided == null ? null : decided.toInstant()));
                    }
                }
                return out;
            }
        });
    }
}
