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

    /*
     * The same reads for a batch of submissions (SubmissionBatches), one statement each whatever the batch's size, so
     * PgJDBC keeps each prepared: arrays in, one row per submission and answer out, numbered by the submission's
     * place in the batch (1-based).
     */
    // A lookup per submission on the unique key (a subquery per row), never a join the planner might hash.
    private static final String FIRST_COPIES = """
            select w.n, (select r.id from survey_response r where r.campaign_id = w.c and r.submission_id = w.s)
              from unnest(?::bigint[], ?::text[]) with ordinality as w(c, s, n)""";

    /** {@link #firstCopy} of each submission: element i is the i-th's stored copy, or null. */
    static RoundTrip.Part<Long[]> firstCopies(RoundTrip trip, Long[] campaignIds, String[] submissionIds) {
        return trip.add(FIRST_COPIES, (ps, c, i) -> {
            ps.setArray(i, c.createArrayOf("int8", campaignIds));
            ps.setArray(i + 1, c.createArrayOf("text", submissionIds));
            return i + 2;
        }, RoundTrip.longsByPlace(campaignIds.length));
    }

    /*
     * RECENT_OF_BROWSER for each submission of a batch, with its part ('b' browser, 'a' address) and the response's
     * id, so the caller can add the batch's earlier submissions to the address part, and leave out what they amend,
     * exactly as the database would have after their commits: the address part reads HISTORY_SLACK rows more for that.
     * Each part's guard ("w.b is not null") is a one-time filter per submission: a submission without a browser id
     * reads nothing for it. Without the guard, and with a "not exists" for the amended rows, the planner walked every
     * response of the campaign per submission (135,000 rows read per submission in the load benchmark, 2026-12-03);
     * with the guard, the address part still did (130,000), by the campaign's index and a sort: the statement runs
     * with sorts disabled (SORTS_OFF), so only the index ordered by time within the address (or browser) can serve it.
     */
    private static final String RECENT_ALL = """
            select w.n, h.part, h.id, h.submission_id, h.browser_id, h.client_ip, h.point_id, h.submitted_at
              from unnest(?::bigint[], ?::text[], ?::text[], ?::timestamptz[]) with ordinality as w(c, b, ip, since, n)
              cross join lateral (
                (select 'b' as part, r.id, r.submission_id, r.browser_id, r.client_ip, r.point_id, r.submitted_at
                   from survey_response r
                  where w.b is not null and r.campaign_id = w.c and r.browser_id = w.b and r.browser_id is not null
                    and r.channel = 'ONLINE' and r.superseded_by is null
                  order by r.submitted_at desc limit 20)
                union all
                (select 'a', r.id, r.submission_id, r.browser_id, r.client_ip, r.point_id, r.submitted_at
                   from survey_response r
                  where w.ip is not null and r.campaign_id = w.c and r.client_ip = w.ip and r.submitted_at > w.since
                    and r.channel = 'ONLINE' and r.superseded_by is null
                  order by r.submitted_at desc limit %d)) as h""";

    private static final String SORTS_OFF = "select set_config('enable_sort', 'off', true)";
    private static final String SORTS_ON = "select set_config('enable_sort', 'on', true)";

    /** Rows the address part of {@link #recentAll} reads beyond the limit asked, for what the batch amends. */
    static final int HISTORY_SLACK = 4;

    /** One asked history of a batch; see {@link #recent}. */
    record HistoryAsk(long campaignId, String browserId, String clientIp, Instant since) {
    }

    /** A row of a batch's history: from the browser part or the address part, with the response's id. */
    record HistoryRow(boolean ofBrowser, long id, FraudSignals.RecentResponse response) {
    }

    /**
     * {@link #recent} for each ask, the address part with up to {@code addressLimit + HISTORY_SLACK} rows.
     */
    static RoundTrip.Part<List<List<HistoryRow>>> recentAll(RoundTrip trip, List<HistoryAsk> asks, int addressLimit) {
        int n = asks.size();
        Long[] campaigns = new Long[n];
        String[] browsers = new String[n];
        String[] addresses = new String[n];
        Timestamp[] since = new Timestamp[n];
        for (int k = 0; k < n; k++) {
            HistoryAsk a = asks.get(k);
            campaigns[k] = a.campaignId();
            browsers[k] = a.browserId();
            addresses[k] = a.clientIp();
            since[k] = Timestamp.from(a.since());
        }
        trip.add(SORTS_OFF, (ps, c, i) -> i, rs -> null);
        RoundTrip.Part<List<List<HistoryRow>>> rows = trip.add(RECENT_ALL.formatted(addressLimit + HISTORY_SLACK), (ps, c, i) -> {
            ps.setArray(i++, c.createArrayOf("int8", campaigns));
            ps.setArray(i++, c.createArrayOf("text", browsers));
            ps.setArray(i++, c.createArrayOf("text", addresses));
            ps.setArray(i++, c.createArrayOf("timestamptz", since));
            return i;
        }, rs -> {
            List<List<HistoryRow>> out = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                out.add(new ArrayList<>());
            }
            while (rs.next()) {
                out.get(rs.getInt(1) - 1).add(new HistoryRow("b".equals(rs.getString(2)), rs.getLong(3),
                        new FraudSignals.RecentResponse(rs.getString(4), rs.getString(5), rs.getString(6),
                                rs.getLong(7), rs.getTimestamp(8).toInstant())));
            }
            return out;
        });
        trip.add(SORTS_ON, (ps, c, i) -> i, rs -> null);
        return rows;
    }
}
