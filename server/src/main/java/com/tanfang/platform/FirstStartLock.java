package com.tanfang.platform;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;

/**
 * Serialises first-start work (the first admin, the demo data) between server instances that start at the same
 * time on one empty database: each check-and-create runs in one transaction that first takes a transaction-scoped
 * advisory lock, so the second instance waits until the first has committed and then finds the work done, instead
 * of both finding nothing and failing on a duplicate key (or storing the demo data twice).
 *
 * <p>Keys are the two-int form {@code pg_advisory_xact_lock(23, n)}; 22 numbers certificates
 * ({@code CertificateStore}); the evidence chain uses a single bigint key, which never conflicts with two-int keys.
 */
@Singleton
public class FirstStartLock {
    private static final int CLASS_ID = 23;
    /** The first ADMIN account. */
    public static final int ADMIN = 1;
    /** The demo data. */
    public static final int DEMO = 2;

    private final JdbcOperations jdbc;

    public FirstStartLock(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes lock {@code which} until the caller's transaction ends; waits while another instance holds it. */
    public void holdUntilCommit(int which) {
        jdbc.execute(c -> {
            if (c.getAutoCommit()) {
                // The lock would end with this statement and guard nothing.
                throw new IllegalStateException("the first-start lock is taken inside a transaction");
            }
            try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(?, ?)")) {
                ps.setInt(1, CLASS_ID);
                ps.setInt(2, which);
                ps.executeQuery().close();
            }
            return null;
        });
    }
}
