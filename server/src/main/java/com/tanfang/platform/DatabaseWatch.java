package com.tanfang.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a cheap "database up" flag so that requests fail fast with 503 while the database is away instead of
 * waiting for the pool's timeout and answering 500. With the embedded PostgreSQL it checks the postmaster process
 * four times a second and starts it again when it has died; with an external database it connects once a second
 * (outside the pool, so a full pool does not look like an outage). The pool reconnects by itself: when the database
 * is back its broken connections are evicted.
 */
@Context
public class DatabaseWatch {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseWatch.class);
    /** Connection failures (08), shutdown or crash of the server (57P01-57P03), too many clients (53300). */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private final DataSource pool;
    private final String url;
    private final String username;
    private final String password;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "database-watch");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean available = true;
    private long lastExternalProbe;

    public DatabaseWatch(DataSource dataSource, @Value("${datasources.default.url}") String url,
                         @Nullable @Value("${datasources.default.username:}") String username,
                         @Nullable @Value("${datasources.default.password:}") String password) {
        this.pool = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource);
        this.url = url;
        this.username = username;
        this.password = password;
        timer.scheduleWithFixedDelay(this::tick, 250, 250, TimeUnit.MILLISECONDS);
    }

    /** False from the moment the database is known to be away until it answers again. */
    public boolean available() {
        return available;
    }

    /** A request just failed to reach the database: stop sending requests to it until a probe succeeds. */
    public void connectionFailed() {
        if (available) {
            LOG.warn("A request could not reach the database; answering 503 until it is back.");
        }
        available = false;
    }

    private void tick() {
        try {
            if (EmbeddedDatabase.running()) {
                if (!EmbeddedDatabase.postmasterAlive()) {
                    markDown();
                    if (!EmbeddedDatabase.restartIfDead()) {
                        return;
                    }
                }
                if (!available) {
                    markUp(probe());
                }
            } else {
                long now = System.nanoTime();
                if (available && now - lastExternalProbe < TimeUnit.SECONDS.toNanos(1)) {
                    return;
                }
                lastExternalProbe = now;
                boolean ok = probe();
                if (!ok) {
                    markDown();
                } else {
                    markUp(true);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Database watch: {}", e.toString());
        }
    }

    private void markDown() {
        if (available) {
            LOG.warn("The database is unavailable; requests get 503 until it is back.");
        }
        available = false;
    }

    private void markUp(boolean ok) {
        if (ok && !available) {
            if (pool instanceof HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
                // Connections opened before the outage are dead: replace them rather than fail a request on each.
                hikari.getHikariPoolMXBean().softEvictConnections();
            }
            LOG.warn("The database is available again.");
            available = true;
        }
    }

    /** One short-timeout connection and query, outside the pool. */
    private boolean probe() {
        Properties props = new Properties();
        if (username != null && !username.isBlank()) {
            props.setProperty("user", username);
        }
        if (password != null && !password.isBlank()) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "2");
        props.setProperty("socketTimeout", "2");
        props.setProperty("loginTimeout", "2");
        try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement()) {
            s.execute("select 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Whether {@code failure} (or a cause) says the database could not be reached, as opposed to a bad statement. */
    public static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
