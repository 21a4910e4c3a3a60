package com.tanfang.survey.results;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The survey tallies (V26) as the tests and benchmarks look at them. */
final class Tallies {
    private Tallies() {
    }

    /** The campaign's tally changes not folded yet. */
    static long changeRows(DataSource dataSource, long campaignId) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement ps = c.prepareStatement("select (select count(*) from survey_answer_tally_change"
                     + " where campaign_id = ?) + (select count(*) from survey_response_tally_change where campaign_id = ?)")) {
            ps.setLong(1, campaignId);
            ps.setLong(2, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Folds every committed change, waiting out a fold that another caller (the scheduled one) holds. */
    static void foldAll(SurveyTallyFolding folding) {
        while (folding.fold() < 0) {
            Thread.onSpinWait();
        }
    }
}
