package com.tanfang.platform;

import org.junit.jupiter.api.Test;

import java.net.BindException;
import java.net.ConnectException;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartupDiagnosisTest {
    @Test
    void eachCommonFailureBecomesOneActionableLine() {
        String port = StartupDiagnosis.explain(new RuntimeException("wrap", new BindException("Address already in use")), 8080);
        assertTrue(port.startsWith("Port 8080 is already in use"), port);
        assertTrue(port.contains("MICRONAUT_SERVER_PORT"));

        String refused = StartupDiagnosis.explain(new RuntimeException(new ConnectException("Connection refused")), 8080);
        assertTrue(refused.contains("DATASOURCES_DEFAULT_URL"), refused);

        String wrapped = StartupDiagnosis.explain(new RuntimeException("Error instantiating bean\nPath Taken:\n@Context DataSource",
                new RuntimeException("Connection to 127.0.0.1:1 refused.\nCheck that the hostname and port are correct",
                        new ConnectException("Connection refused"))), 8080);
        assertEquals("Cannot reach the database at DATASOURCES_DEFAULT_URL (Connection refused): check the host and port,"
                + " or unset it to use the embedded database.", wrapped);

        String login = StartupDiagnosis.explain(new RuntimeException(new SQLException("password authentication failed", "28P01")), 8080);
        assertTrue(login.contains("DATASOURCES_DEFAULT_PASSWORD"), login);

        String noDb = StartupDiagnosis.explain(new RuntimeException(new SQLException("database \"x\" does not exist", "3D000")), 8080);
        assertTrue(noDb.contains("does not exist"), noDb);

        String dir = StartupDiagnosis.explain(new RuntimeException(new StartupProblem("The data directory /x cannot be written", null)), 8080);
        assertEquals("The data directory /x cannot be written", dir);

        for (String line : new String[]{port, refused, wrapped, login, noDb, dir}) {
            assertTrue(!line.contains("\n"), "one line: " + line);
        }
    }
}
