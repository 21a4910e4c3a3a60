package com.tanfang.evaluation;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The current answers of a project's approved visits, in one query. Plain JDBC on purpose: a project's sheet reads
 * every answer (10,000 in the speed test). Joined with nothing but the visit (rater and mode come once per visit
 * from {@link EvidenceRepository#copies}) and sorted by integers: joining plan and user per answer and sorting by
 * item code (a collated text) took most of the query's 130 ms in the speed test. Called inside the sheet's read-only transaction.
 */
@Singleton
public class ApprovedAnswers {
    /**
     * Not superseded, with a value or an N/A, of APPROVED visits only: a returned, submitted or rejected visit
     * counts for nothing until it is approved.
     */
    static final String SQL = """
            select a.id, a.visit_id, a.item_code, a.value, a.not_applicable, a.not_applicable_reason, a.note
            from visit v join visit_answer a on a.visit_id = v.id
            where v.project_id = ? and v.state = 'APPROVED' and a.superseded_at is null
              and (a.value is not null or a.not_applicable)
            order by a.visit_id, a.id""";

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
                        out.add(new EvidenceRepository.ApprovedAnswer(rs.getLong(1), rs.getLong(2), rs.getString(3),
                                rs.getBigDecimal(4), rs.getBoolean(5), rs.getString(6), rs.getString(7)));
                    }
                }
                return out;
            }
        });
    }
}
