package com.tanfang.evidence;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/** Verifies the evidence chain of the application's database in one consistent snapshot. */
@Singleton
public class EvidenceVerifier {
    private final JdbcOperations jdbc;

    public EvidenceVerifier(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true, isolation = TransactionDefinition.Isolation.REPEATABLE_READ)
    public EvidenceChain.Verification verify() {
        return jdbc.execute(EvidenceChain::verify);
    }
}
