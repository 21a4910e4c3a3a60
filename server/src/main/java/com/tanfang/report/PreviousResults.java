package com.tanfang.report;

import com.tanfang.evaluation.signoff.SignedRevisions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Last year's result for the radar chart's second line (server/docs/reports.md, "Previous result"): the last released
 * revision of the latest EARLIER project (created before this one) evaluating the same site against a version of the
 * same scheme code; when the site has none, the same organisation's. Earlier projects without a released revision
 * are passed over. No access check inside: the caller has checked the project (the earlier project belongs to the
 * same organisation, so its client may see it; only its result's part figures are used).
 */
@Singleton
public class PreviousResults {
    /** The earlier project's released revision and its result map (a sheet's {@code result}). */
    public record Previous(long projectId, String title, @Nullable String titleEn, int revision, Instant releasedAt,
                           Map<String, Object> result) {
    }

    private final JdbcOperations jdbc;
    private final SignedRevisions revisions;

    public PreviousResults(JdbcOperations jdbc, SignedRevisions revisions) {
        this.jdbc = jdbc;
        this.revisions = revisions;
    }

    /** The previous result as things stand now. */
    public Optional<Previous> of(long projectId) {
        return of(projectId, null);
    }

    /**
     * The previous result as it stood at {@code asOf} (revisions released later are not taken): the audit report
     * passes its revision's sign-off time, so that a later release of last year's project cannot change it.
     */
    @SuppressWarnings("unchecked")
    public Optional<Previous> of(long projectId, @Nullable Instant asOf) {
        for (Candidate c : candidates(projectId)) {
            var released = revisions.lastReleased(c.id());
            if (released.isEmpty()) {
                continue;
            }
            var r = released.get();
            if (asOf != null && r.releasedAt().isAfter(asOf)) {
                // the last release came later: take the last one released by then, if any
                r = null;
                for (int n = released.get().number() - 1; n >= 1 && r == null; n--) {
                    var earlier = revisions.get(c.id(), n);
                    if (earlier.isPresent() && earlier.get().releasedAt() != null && !earlier.get().releasedAt().isAfter(asOf)) {
                        r = earlier.get();
                    }
                }
                if (r == null) {
                    continue;
                }
            }
            Object result = r.sheet().get("result");
            if (result instanceof Map<?, ?> m) {
                return Optional.of(new Previous(c.id(), c.title(), c.titleEn(), r.number(), r.releasedAt(),
                        (Map<String, Object>) m));
            }
        }
        return Optional.empty();
    }

    private record Candidate(long id, String title, String titleEn) {
    }

    /** Earlier projects of the same scheme code: the same site first, then the rest of the organisation, latest first. */
    private List<Candidate> candidates(long projectId) {
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("select e.id, e.title, e.title_en from evaluation_project p"
                    + " join scheme_version pv on pv.id = p.scheme_version_id join scheme ps on ps.id = pv.scheme_id"
                    + " join evaluation_project e on e.organization_id = p.organization_id and e.id <> p.id"
                    + " and (e.created_at < p.created_at or (e.created_at = p.created_at and e.id < p.id))"
                    + " join scheme_version ev on ev.id = e.scheme_version_id join scheme es on es.id = ev.scheme_id"
                    + " where p.id = ? and es.code = ps.code"
                    + " order by (e.site_id = p.site_id) desc, e.created_at desc, e.id desc")) {
                ps.setLong(1, projectId);
                List<Candidate> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Candidate(rs.getLong(1), rs.getString(2), rs.getString(3)));
                    }
                }
                return out;
            }
        });
    }
}
