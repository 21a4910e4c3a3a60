package com.tanfang.survey.intake;

import com.tanfang.platform.RoundTrip;
import com.tanfang.survey.fraud.FraudSignals;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The reads of an online submission, as statements of its round trips ({@link RoundTrip}): plain JDBC rather than
 * repository methods, because a repository method is a round trip of its own.
 */
final class IntakeQueries {
    private IntakeQueries() {
    }

    private static final String FIRST_COPY = "select id from survey_response where campaign_id = ? and submission_id = ?";

    /** The response already stored under this submission id (a retry's first copy), if any. */
    static RoundTrip.Part<Long> firstCopy(RoundTrip trip, long campaignId, String submissionId) {
        return trip.add(FIRST_COPY, (ps, c, i) -> {
            ps.setLong(i, campaignId);
            ps.setString(i + 1, submissionId);
            return i + 2;
        }, RoundTrip::firstLong);
    }

    /*
     * What the fraud signals need, bounded: the latest responses of this browser, and the latest addressLimit from
     * this address since a time. Unbounded, this grew with every response from a shared carrier address (a whole
     * estate behind one NAT) and dominated the submission's cost.
     */
    private static final String RECENT_OF_BROWSER = """
            (select submission_id, browser_id, client_ip, point_id, submitted_at from survey_response
             where campaign_id = ? and browser_id = ? and channel = 'ONLINE'
               and superseded_by is null
             order by submitted_at desc limit 20)
            union
            (select submission_id, browser_id, client_ip, point_id, submitted_at from survey_response
             where campaign_id = ? and client_ip = ? and submitted_at > ? and channel = 'ONLINE'
               and superseded_by is null
             order by submitted_at desc limit %d)""";
    /*
     * For a submission without a browser id (an API client, a browser that refuses cookies). The union with a null
     * browser id once ran with a prepared (generic) plan that walked every response of the campaign looking for
     * browser_id = null: 1,800 rows read per submission in the load benchmark.
     */
    private static final String RECENT_FROM_ADDRESS = """
            select submission_id, browser_id, client_ip, point_id, submitted_at from survey_response
             where campaign_id = ? and client_ip = ? and submitted_at > ? and channel = 'ONLINE'
               and superseded_by is null
             order by submitted_at desc limit %d""";

    /*
     * The address limit is written into the statement, not bound: with "limit ?" the generic plan PostgreSQL may switch
     * to after five executions is costed for an unknown limit (a tenth of the rows), and in one benchmark run it read
     * 95,000 rows of survey_response per submission (2026-12-03, the rate fell to a third). An int, so nothing to
     * escape; one statement text per limit, so PgJDBC's statement cache keeps it prepared.
     */

    /** The current online responses of this browser (if any) and the latest from this address since {@code since}. */
    static RoundTrip.Part<List<FraudSignals.RecentResponse>> recent(RoundTrip trip, long campaignId, String browserId,
                                                                    String clientIp, Instant since, int addressLimit) {
        Timestamp after = Timestamp.from(since);
        String sql = (browserId == null ? RECENT_FROM_ADDRESS : RECENT_OF_BROWSER).formatted(addressLimit);
        return trip.add(sql, (ps, c, i) -> {
            if (browserId != null) {
                ps.setLong(i++, campaignId);
                ps.setString(i++, browserId);
            }
            ps.setLong(i++, campaignId);
            ps.setString(i++, clientIp);
            ps.setTimestamp(i++, after);
            return i;
        }, rs -> {
            List<FraudSignals.RecentResponse> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new FraudSignals.RecentResponse(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getLong(4), rs.getTimestamp(5).toInstant()));
            }
            return out;
        });
    }
}
