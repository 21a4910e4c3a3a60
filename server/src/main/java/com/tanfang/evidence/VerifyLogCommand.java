package com.tanfang.evidence;

import com.tanfang.platform.EmbeddedDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * {@code java -jar tanfang.jar verify-log}: verifies the evidence chain of the database the server would use
 * (the same configuration: DATASOURCES_DEFAULT_URL and friends, or the embedded PostgreSQL in TANFANG_DATA_DIR),
 * without starting the server, its migrations or its first-start setup. Prints one line per result; exit status
 * 0 when the chain is intact, 1 when it is broken, 2 when it could not be checked.
 */
public final class VerifyLogCommand {
    public static final String NAME = "verify-log";

    private VerifyLogCommand() {
    }

    /** Resolves the datasource as the server does (the embedded database starts here if none is configured). */
    public static int run(PrintStream out) {
        // Building (not starting) a context applies the configuration sources and EmbeddedDatabase's configurer;
        // no bean is created, so no migration, no first-start account and no HTTP port.
        try (ApplicationContext context = ApplicationContext.builder().banner(false).deduceEnvironment(false).build()) {
            Environment env = context.getEnvironment();
            env.start();
            String url = env.getProperty("datasources.default.url", String.class).orElse(null);
            if (url == null || url.isBlank()) {
                out.println("ERROR: no datasource configured (set DATASOURCES_DEFAULT_URL or TANFANG_DATA_DIR)");
                return 2;
            }
            String user = env.getProperty("datasources.default.username", String.class).orElse(null);
            String password = env.getProperty("datasources.default.password", String.class).orElse(null);
            try (Connection c = DriverManager.getConnection(url, user, password)) {
                return verify(c, out);
            }
        } catch (SQLException | RuntimeException e) {
            out.println("ERROR: the evidence log could not be read: " + e.getMessage());
            return 2;
        }
    }

    /** Verifies the chain on {@code c} and prints the result; the exit status. */
    public static int verify(Connection c, PrintStream out) throws SQLException {
        EvidenceChain.Verification v;
        try {
            v = EvidenceChain.verifySnapshot(c);
        } catch (SQLException e) {
            // 42P01: no evidence_log at all (an empty database); 42703: the table before V5 (no seq column).
            if ("42P01".equals(e.getSQLState()) || "42703".equals(e.getSQLState())) {
                out.println("ERROR: the database has no evidence chain yet (not migrated to V5): start the server"
                        + " once to migrate it");
                return 2;
            }
            throw e;
        }
        out.println("rows checked: " + v.checked());
        if (v.headHash() != null) {
            out.println((v.intact() ? "head: seq " : "last intact row: seq ") + v.headSeq() + " hash " + v.headHash());
        }
        if (v.intact()) {
            out.println("evidence chain intact");
            return 0;
        }
        out.println("BROKEN at seq " + v.firstBreak().seq() + " (" + v.firstBreak().kind() + "): "
                + v.firstBreak().message());
        return 1;
    }

    public static void main(String[] args) {
        int status = run(System.out);
        EmbeddedDatabase.stop();
        System.exit(status);
    }
}
