package com.tanfang.platform;

import java.net.BindException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Turns a startup failure into one line that says what to fix, instead of a wall of stack trace.
 * Plain Java so it can be tested on its own.
 */
public final class StartupDiagnosis {
    private StartupDiagnosis() {
    }

    public static String explain(Throwable failure, int port) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StartupProblem) {
                return t.getMessage();
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Match on any level's message, but quote only the innermost cause's first line.
            String msg = firstLine(EmbeddedDatabase.rootMessage(t));
            String own = String.valueOf(t.getMessage());
            if (t instanceof BindException || own.contains("Address already in use")
                    || own.contains("Unable to start Micronaut server on")) {
                return "Port " + port + " is already in use: stop the other program or set MICRONAUT_SERVER_PORT"
                        + " to a free port.";
            }
            if (t instanceof UnknownHostException || t instanceof ConnectException
                    || own.contains("Connection to") && own.contains("refused")) {
                return "Cannot reach the database at DATASOURCES_DEFAULT_URL (" + msg + "): check the host and port,"
                        + " or unset it to use the embedded database.";
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                if (state.startsWith("28")) {
                    return "The database refused the login (" + msg + "): check DATASOURCES_DEFAULT_USERNAME and"
                            + " DATASOURCES_DEFAULT_PASSWORD.";
                }
                if (state.equals("3D000")) {
                    return "The database named in DATASOURCES_DEFAULT_URL does not exist (" + msg + "): create it first.";
                }
                return "The database failed during startup (" + msg + "): check DATASOURCES_DEFAULT_URL.";
            }
            if (own.contains("No suitable driver") || own.contains("jdbcUrl")) {
                return "DATASOURCES_DEFAULT_URL is not a PostgreSQL JDBC URL (" + msg + "): use"
                        + " jdbc:postgresql://host:5432/dbname.";
            }
        }
        return "Tanfang could not start: " + firstLine(EmbeddedDatabase.rootMessage(failure))
                + " (run with -Dtanfang.debug=true for the stack trace)";
    }

    private static String firstLine(String s) {
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
