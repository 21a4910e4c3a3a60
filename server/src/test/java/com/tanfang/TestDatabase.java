package com.tanfang;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import java.util.Locale;

/**
 * Chooses the test suite's PostgreSQL once per test JVM, before any application context starts.
 *
 * <p>By default ({@code TANFANG_TEST_DB} unset or {@code embedded}) nothing happens here: the server's own
 * {@code EmbeddedDatabase} starts a fresh embedded PostgreSQL 17 under {@code target/test-pgdata}, which needs no
 * Docker engine (our machines and CI have none). With {@code TANFANG_TEST_DB=testcontainers} (or
 * {@code -Dtanfang.test-db=testcontainers}) it starts Testcontainers' PostgreSQL ({@code postgres:17-alpine},
 * override with {@code TANFANG_TEST_DB_IMAGE}) and points the datasource at it, so the embedded one never starts.
 * Asking for Testcontainers without a Docker engine fails the run at once with that reason, rather than silently
 * falling back and testing something other than what was asked for.
 */
public class TestDatabase implements LauncherSessionListener {
    private static PostgreSQLContainer<?> container;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String choice = System.getProperty("tanfang.test-db", System.getenv().getOrDefault("TANFANG_TEST_DB", "embedded"));
        if (!"testcontainers".equals(choice.trim().toLowerCase(Locale.ROOT)) || container != null) {
            return;
        }
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("TANFANG_TEST_DB=testcontainers, but no Docker engine answers: start one,"
                    + " or unset TANFANG_TEST_DB to use the embedded PostgreSQL.");
        }
        String image = System.getenv().getOrDefault("TANFANG_TEST_DB_IMAGE", "postgres:17-alpine");
        container = new PostgreSQLContainer<>(image);
        container.start();
        System.setProperty("datasources.default.url", container.getJdbcUrl());
        System.setProperty("datasources.default.username", container.getUsername());
        System.setProperty("datasources.default.password", container.getPassword());
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (container != null) {
            container.stop();
            container = null;
        }
    }
}
