package com.tanfang.survey.intake;

import com.tanfang.platform.RoundTrip;
import com.tanfang.survey.campaign.SurveyCampaign;
import com.tanfang.survey.campaign.SurveyPoint;
import com.tanfang.survey.campaign.SurveyRepositories;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/**
 * Survey points by token, with their campaigns, cached per instance and checked against the database on every
 * submission: the cache holds each row's version ({@code row_version}, which every update raises: V28), and a
 * submission reads the two versions in a round trip it makes anyway ({@link #versions}). An equal version means the
 * cached row is the row; any other (a revoked point, a campaign closed early or edited) reloads both. So a submission sees a revocation or a closing as soon as it commits, on every instance, and
 * never pays a round trip of its own for the point and the campaign (two, before 2026-12-03).
 */
@Singleton
class PointOpenings {
    /** Bounded, so memory stays flat across many campaigns; idle entries go after an hour. */
    static final int CACHED = 20_000;
    static final Duration IDLE = Duration.ofHours(1);

    /** A point and its campaign as read at the given row versions; -1 when the versions are not known. */
    record Opening(SurveyPoint point, SurveyCampaign campaign, long pointVersion, long campaignVersion) {
    }

    record Versions(long point, long campaign) {
    }

    private static final String VERSIONS = """
            select p.row_version, c.row_version
              from survey_point p join survey_campaign c on c.id = p.campaign_id where p.id = ?""";

    private final SurveyRepositories.Points points;
    private final SurveyRepositories.Campaigns campaigns;
    private final Cache<String, Opening> byToken = Caffeine.newBuilder().maximumSize(CACHED).expireAfterAccess(IDLE)
            .build();

    PointOpenings(SurveyRepositories.Points points, SurveyRepositories.Campaigns campaigns) {
        this.points = points;
        this.campaigns = campaigns;
    }

    /**
     * The token's point as last seen here, not yet checked: pass it to {@link #versions} and then {@link #current}.
     * Empty for a token that names no point (never cached: a token is never reused, but an unknown one may be a typo
     * of a point created later).
     */
    Optional<Opening> known(String token) {
        Opening cached = byToken.getIfPresent(token);
        if (cached != null) {
            return Optional.of(cached);
        }
        // The point's token and campaign never change; everything else is checked by version before use.
        return points.findByToken(token).map(p -> new Opening(p, null, -1, -1));
    }

    /** Adds the statement reading the current versions of the point and its campaign. */
    RoundTrip.Part<Versions> versions(RoundTrip trip, Opening known) {
        long pointId = known.point().id();
        return trip.add(VERSIONS, (ps, c, i) -> {
            ps.setLong(i, pointId);
            return i + 1;
        }, rs -> rs.next() ? new Versions(rs.getLong(1), rs.getLong(2)) : null);
    }

    private static final String VERSIONS_ALL = """
            select w.n, p.row_version, c.row_version from unnest(?::bigint[]) with ordinality as w(id, n)
              join survey_point p on p.id = w.id join survey_campaign c on c.id = p.campaign_id""";

    /** {@link #versions} of several points in one statement: element i for {@code known[i]}. */
    RoundTrip.Part<Versions[]> versionsAll(RoundTrip trip, java.util.List<Opening> known) {
        Long[] ids = known.stream().map(o -> o.point().id()).toArray(Long[]::new);
        return trip.add(VERSIONS_ALL, (ps, c, i) -> {
            ps.setArray(i, c.createArrayOf("int8", ids));
            return i + 1;
        }, rs -> {
            Versions[] out = new Versions[ids.length];
            while (rs.next()) {
                out[rs.getInt(1) - 1] = new Versions(rs.getLong(2), rs.getLong(3));
            }
            return out;
        });
    }

    /**
     * The point and its campaign as they are now: {@code known} when the versions read in this transaction match,
     * otherwise read again (after the versions, so at least as new as them: caching the pair can never keep an older
     * row under a newer version).
     */
    Opening current(Opening known, Versions seen) {
        if (seen != null && known.campaign() != null && known.pointVersion() == seen.point()
                && known.campaignVersion() == seen.campaign()) {
            return known;
        }
        SurveyPoint point = points.findById(known.point().id()).orElseThrow();
        SurveyCampaign campaign = campaigns.findById(point.campaignId()).orElseThrow();
        Opening now = seen == null ? new Opening(point, campaign, -1, -1)
                : new Opening(point, campaign, seen.point(), seen.campaign());
        byToken.put(point.token(), now);
        return now;
    }
}
