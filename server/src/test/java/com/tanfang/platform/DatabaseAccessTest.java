package com.tanfang.platform;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nobody else on the machine gets into the embedded database or at the keys: password authentication, private
 * files, keys in their own directory outside PostgreSQL's files and out of the database.
 */
@MicronautTest
class DatabaseAccessTest {
    @Inject
    DataSource dataSource;
    @Inject
    ServerSecrets secrets;
    @Inject
    ServerSecretRepository table;
    // Created on first use; injected here so that each key has been made.
    @Inject
    com.tanfang.phone.PhoneCipher phoneCipher;
    @Inject
    com.tanfang.phone.PhoneHash phoneHash;
    @Inject
    com.tanfang.survey.intake.FormSigner formSigner;
    @Inject
    @jakarta.inject.Named("generator")
    io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration tokenSignature;

    @Test
    void theDatabaseAsksEveryoneForThePassword() throws Exception {
        Path data = EmbeddedDatabase.dataDirectory();
        String hba = Files.readString(data.resolve("pg_hba.conf"));
        assertFalse(hba.lines().anyMatch(l -> !l.startsWith("#") && l.contains("trust")), hba);
        assertEquals("rwx------", permissions(data));
        for (String file : List.of(EmbeddedDatabase.URL_FILE, EmbeddedDatabase.PASSWORD_FILE, EmbeddedDatabase.PGPASS_FILE)) {
            assertEquals("rw-------", permissions(data.resolve(file)), file);
        }
        String url = Files.readString(data.resolve(EmbeddedDatabase.URL_FILE)).trim();
        String bare = url.substring(0, url.indexOf('?'));
        Properties noPassword = new Properties();
        noPassword.setProperty("user", "postgres");
        SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(bare, noPassword).close());
        assertTrue(refused.getMessage().contains("password"), refused.getMessage());
        Properties wrong = new Properties();
        wrong.setProperty("user", "postgres");
        wrong.setProperty("password", "postgres");
        assertThrows(SQLException.class, () -> DriverManager.getConnection(bare, wrong).close());
        try (Connection c = DriverManager.getConnection(url)) {
            assertTrue(c.isValid(2), "the documented URL file connects");
        }
        String pgpass = Files.readString(data.resolve(EmbeddedDatabase.PGPASS_FILE));
        assertTrue(pgpass.startsWith("localhost:" + bare.replaceAll(".*:(\\d+)/.*", "$1") + ":*:postgres:"), pgpass);
    }

    @Test
    void keysLiveInTheirOwnDirectoryNotInTheDatabase() throws Exception {
        Path keys = KeyDirectory.path();
        Path data = EmbeddedDatabase.dataDirectory();
        assertFalse(keys.startsWith(data), "keys " + keys + " inside PostgreSQL's data directory " + data);
        assertEquals("rwx------", permissions(keys));
        for (String name : List.of("jwt", "phone-key-k1", "phone-hash", "form-signing")) {
            Path file = keys.resolve(name + ".key");
            assertTrue(Files.exists(file), file.toString());
            assertEquals("rw-------", permissions(file), file.toString());
        }
        try (Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from server_secret")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "a database copy carries no key");
        }
    }

    @Test
    void aKeyFromTheOldTableMovesToItsFileUnchanged() throws Exception {
        String legacy = "bGVnYWN5LWtleS1tYWRlLWJ5LWFuLW9sZGVyLXRhbmZhbmc=";
        table.insertIfAbsent("legacy-test", legacy);
        assertEquals(legacy, secrets.getOrCreate("legacy-test", 32, () -> true));
        assertEquals(legacy, Files.readString(KeyDirectory.path().resolve("legacy-test.key")).trim());
        assertEquals("rw-------", permissions(KeyDirectory.path().resolve("legacy-test.key")));
        assertTrue(table.findValue("legacy-test").isEmpty(), "the copy in the table is deleted");
        assertEquals(legacy, secrets.getOrCreate("legacy-test", 32), "the file is read from then on");
    }

    @Test
    void aMissingKeyWithDataThatNeedsItStopsTheStartWithOneLine() {
        StartupProblem p = assertThrows(StartupProblem.class,
                () -> secrets.getOrCreate("lost-" + System.nanoTime(), 32, () -> true));
        assertTrue(p.getMessage().contains("is missing, but the database holds values made with it"), p.getMessage());
        assertFalse(p.getMessage().contains("\n"));
    }

    private static String permissions(Path p) throws java.io.IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
