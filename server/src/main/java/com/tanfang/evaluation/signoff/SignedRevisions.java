package com.tanfang.evaluation.signoff;

import com.tanfang.evidence.CanonicalJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Signed revisions as the deliverables read them (reports, certificates): the stored snapshot text and its parsed
 * sheet. Every document of a signed project is built from here, never from the live sheet, so the same revision
 * always gives the same document. No access check inside: callers check the caller on the project first.
 */
@Singleton
public class SignedRevisions {
    /**
     * @param sheet the snapshot parsed: the whole evaluation sheet as JSON maps and lists (numbers as BigInteger or
     *              BigDecimal, fractions as {"exact","display"})
     */
    public record SignedRevision(long projectId, int number, String sha256, Instant signedAt,
                                 @Nullable String signedByName, @Nullable Instant releasedAt, String snapshot,
                                 Map<String, Object> sheet) {
        public boolean released() {
            return releasedAt != null;
        }
    }

    private final RevisionStore store;

    SignedRevisions(RevisionStore store) {
        this.store = store;
    }

    @Transactional(readOnly = true)
    public Optional<SignedRevision> latestSigned(long projectId) {
        return store.lastSigned(projectId).map(SignedRevisions::signed);
    }

    @Transactional(readOnly = true)
    public Optional<SignedRevision> lastReleased(long projectId) {
        return store.lastReleased(projectId).map(SignedRevisions::signed);
    }

    /** A signed revision by number; empty when it does not exist or is not signed. */
    @Transactional(readOnly = true)
    public Optional<SignedRevision> get(long projectId, int number) {
        return store.withSnapshot(projectId, number).filter(RevisionStore.Revision::signed).map(SignedRevisions::signed);
    }

    @SuppressWarnings("unchecked")
    private static SignedRevision signed(RevisionStore.Revision r) {
        Map<String, Object> sheet = (Map<String, Object>) CanonicalJson.read(r.snapshot());
        return new SignedRevision(r.projectId(), r.number(), r.sha256(), r.signedAt(), r.signedByName(), r.releasedAt(),
                r.snapshot(), sheet);
    }
}
