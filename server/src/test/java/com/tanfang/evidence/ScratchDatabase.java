package com.tanfang.evidence;

import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database of its own on the test PostgreSQL, migrated by Flyway to a chosen version: tests that tamper with
 * the chain or replay the V5 migration do it here, never on the database the other tests share.
 */
final class ScratchDatabase {
    final String url;
    private final String password;

    private ScratchDatabase(String url, String password) {
        this.url = url;
        this.password = password;
    }

    /** A fresh, empty database {@code name} next to the one {@code any} is connected to. */
    static ScratchDatabase create(Connection any, String name, String password) throws SQLException {
        String sharedUrl = any.getMetaData().getURL();
        try (Statement st = any.createStatement()) {
            st.execute("drop database if exists " + name + " with (force)");
            st.execute("create database " + name);
        }
        // jdbc:postgresql://localhost:PORT/postgres?user=... -> the same server, the new database
        return new ScratchDatabase(sharedUrl.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name), password);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "postgres", password);
    }

    void migrate(String target) {
        Flyway.configure().dataSource(url, "postgres", password).locations("classpath:db/migration")
                .target(target).load().migrate();
    }
}
