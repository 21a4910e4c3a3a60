package com.tanfang.evidence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Map;

/**
 * The one way to write evidence: who did what to which subject, when, with a structured detail, appended to the
 * hash chain in the caller's transaction, so that the evidence row and the change it records commit or roll back
 * together. Called outside a transaction it fails (MANDATORY): an evidence row must never outlive a rolled-back
 * change, nor a change go unrecorded.
 *
 * <p>Appends are serialised (see {@link EvidenceChain}); the chain lock is held from the first {@code record} to
 * the commit, so record late in the transaction and keep evidence off hot paths (online survey submissions write
 * none: the response row itself is their evidence).
 */
@Singleton
public class EvidenceLog {
    private final JdbcOperations jdbc;
    private final Clock clock;

    public EvidenceLog(JdbcOperations jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Appends one row and returns its seq (its id in the log).
     *
     * @param subject what the row is about
     * @param action  dotted lower-case verb, e.g. {@code response.excluded}
     * @param actor   the acting user; null for the public or the system
     * @param detail  the facts an auditor needs (see {@link CanonicalJson} for what values may hold)
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public long record(Subject subject, String action, @Nullable Long actor, Map<String, ?> detail) {
        return jdbc.execute(c -> EvidenceChain.append(c, clock.instant(), actor, subject, action, detail).seq());
    }
}
