package com.tanfang;

import com.tanfang.evidence.EvidenceChain;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs after every other test class of the suite (src/test/resources/junit-platform.properties orders classes
 * by {@link Order}; all others keep the default order, lower than this one) and verifies the evidence chain of
 * the database the whole suite wrote to: every feature's evidence, the demo load, the concurrency test, and the
 * tampering tests' restored rows. A broken link fails the build with the row's seq.
 */
@Order(Integer.MAX_VALUE)
@MicronautTest(transactional = false)
class EvidenceChainAtSuiteEndTest {
    @Inject
    DataSource dataSource;

    @Test
    void theEvidenceChainOfTheWholeSuiteVerifies() throws Exception {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            EvidenceChain.Verification v = EvidenceChain.verifySnapshot(c);
            System.out.printf("EvidenceChainAtSuiteEndTest: %d evidence rows verified, head seq %d%n", v.checked(),
                    v.headSeq());
            assertTrue(v.intact(), "evidence chain broken after the suite: " + v.firstBreak());
            assertTrue(v.checked() > 0, "the suite wrote evidence");
        }
    }
}
