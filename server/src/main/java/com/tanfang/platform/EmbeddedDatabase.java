package com.tanfang.platform;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts an embedded PostgreSQL before the application context when no datasource URL is configured,
 * so that one command runs the whole product. One server per JVM: test contexts share it.
 *
 * <p>Data lives in {@code TANFANG_DATA_DIR} (default {@code ./data}) and survives restarts; the tests set
 * {@code tanfang.embedded.fresh=true} to start from an empty directory.
 */
@ContextConfigurer
public class EmbeddedDatabase implements ApplicationContextConfigurer {

    private static EmbeddedPostgres postgres;
    private static boolean stopOnJvmExit = true;

    @Override
    public void configure(ApplicationContextBuilder builder) {
        if (externalUrlConfigured()) {
            return;
        }
        EmbeddedPostgres pg = start();
        builder.properties(Map.of(
                "datasources.default.url", pg.getJdbcUrl("postgres", "postgres"),
                "datasources.default.username", "postgres",
                "datasources.default.password", ""));
    }

    static boolean externalUrlConfigured() {
        String env = System.getenv("DATASOURCES_DEFAULT_URL");
        String prop = System.getProperty("datasources.default.url");
        return (env != null && !env.isBlank()) || (prop != null && !prop.isBlank());
    }

    /** The application's main stops the database itself, after the context has closed its pool. */
    public static synchronized void stopExplicitly() {
        stopOnJvmExit = false;
    }

    public static synchronized boolean running() {
        return postgres != null;
    }

    public static synchronized Path dataDirectory() {
        String configured = System.getProperty("tanfang.data-dir", System.getenv("TANFANG_DATA_DIR"));
        return Path.of(configured == null || configured.isBlank() ? "data" : configured).toAbsolutePath().normalize();
    }

    private static synchronized EmbeddedPostgres start() {
        if (postgres != null) {
            return postgres;
        }
        Path dir = dataDirectory();
        boolean fresh = Boolean.parseBoolean(System.getProperty("tanfang.embedded.fresh", "false"));
        try {
            if (fresh) {
                deleteRecursively(dir);
            }
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) {
                throw new IOException("not writable");
            }
        } catch (IOException | RuntimeException e) {
            throw new StartupProblem("The data directory " + dir + " cannot be written (" + e.getMessage()
                    + "): set TANFANG_DATA_DIR to a writable directory.", e);
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "100");
            if (!fresh) {
                // The library turns durability off (it is made for tests); evidence must survive a power cut.
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
            }
            postgres = builder
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new StartupProblem("The embedded PostgreSQL could not start in " + dir + " (" + rootMessage(e)
                    + "): check that no other Tanfang uses this directory, or set TANFANG_DATA_DIR"
                    + " or DATASOURCES_DEFAULT_URL.", e);
        }
        try {
            // Lets an operator (psql) or the benchmark (pgbench) reach the embedded database.
            Files.writeString(dir.resolve("tanfang-postgres.url"), postgres.getJdbcUrl("postgres", "postgres") + "\n");
        } catch (IOException e) {
            System.err.println("Could not write " + dir.resolve("tanfang-postgres.url") + ": " + e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (EmbeddedDatabase.class) {
                if (stopOnJvmExit) {
                    stop();
                }
            }
        }, "embedded-postgres-stop"));
        return postgres;
    }

    /** Stops PostgreSQL cleanly (pg_ctl stop); safe to call more than once. */
    public static synchronized void stop() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("Embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        } finally {
            postgres = null;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
