package com.tanfang.platform;

import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import io.micronaut.json.JsonMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real server in a child JVM on its own data directory: a data directory made by an older Tanfang (trust) is
 * upgraded to password authentication; kill -9 of the embedded postmaster is survived (503 with Retry-After meanwhile,
 * healthy again without anyone acting); kill -9 of the server JVM leaves an orphaned postmaster, and the next start
 * is healthy in seconds; no acknowledged submission is lost on the way.
 */
class CrashRecoveryTest {
    private static final Duration START_LIMIT = Duration.ofSeconds(90);
    @TempDir
    Path tmp;
    private final List<Process> servers = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @AfterEach
    void stopEverything() throws Exception {
        for (Process p : servers) {
            if (p.isAlive()) {
                p.destroy();
                p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
                p.destroyForcibly();
            }
        }
        Long pm = EmbeddedDatabase.postmasterPid(tmp.resolve("data"));
        if (pm != null && EmbeddedDatabase.alive(pm)) {
            ProcessHandle.of(pm).ifPresent(ProcessHandle::destroy);
        }
    }

    @Test
    void killingTheDatabaseOrTheServerLosesNothingAcknowledged() throws Exception {
        Path data = tmp.resolve("data");
        // What an older Tanfang left behind: the library's own initdb (-A trust).
        EmbeddedPostgres legacy = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
        legacy.close();
        assertTrue(Files.readString(data.resolve("pg_hba.conf")).contains("trust"));

        int port = freePort();
        URL base = URI.create("http://127.0.0.1:" + port).toURL();
        double firstStart = startAndWaitHealthy(data, port, "first");
        System.out.printf("first start (upgrade of a trust directory): healthy after %.1f s%n", firstStart);

        assertPasswordRequired(data);

        TestApi api = new TestApi(base, JsonMapper.createDefault());
        SurveyFixture f = SurveyFixture.openNow(api);
        int acknowledged = 0;
        for (int i = 0; i < 5; i++) {
            f.submitOnline(i % 3, 4, null);
            acknowledged++;
        }

        // ---- kill -9 of the embedded postmaster
        long postmaster = EmbeddedDatabase.postmasterPid(data);
        long killed = System.nanoTime();
        ProcessHandle.of(postmaster).orElseThrow().destroyForcibly();
        HttpResponse<String> health = awaitHealth(503, Duration.ofSeconds(3));
        double toDown = seconds(killed);
        System.out.printf("postmaster killed: /health 503 after %.2f s%n", toDown);
        assertTrue(toDown < 1.5, "health said 503 after " + toDown + " s");
        assertFalse(health.body().contains("Exception"), health.body());
        assertTrue(health.body().contains("\"DOWN\""), health.body());

        // While it is away every submission is 503 + Retry-After or, once back, 201: never 500.
        int unavailable = 0;
        double healthyAgain = -1;
        while (seconds(killed) < 30) {
            TestApi.Res r = submit(api, f, acknowledged % 3);
            if (r.status() == 201) {
                acknowledged++;
            } else {
                assertEquals(503, r.status(), r.raw());
                assertEquals(DatabaseUnavailableFilter.RETRY_AFTER_SECONDS, r.header("Retry-After"));
                assertEquals("application/problem+json", r.header("Content-Type"));
                unavailable++;
            }
            if (healthStatus() == 200) {
                healthyAgain = seconds(killed);
                break;
            }
            Thread.sleep(100);
        }
        System.out.printf("postmaster killed: healthy again after %.1f s (%d submissions got 503)%n", healthyAgain, unavailable);
        assertTrue(healthyAgain > 0, "not healthy within 30 s after the postmaster was killed");
        assertTrue(unavailable > 0, "no submission was refused while the database was away");
        assertNotEquals(postmaster, EmbeddedDatabase.postmasterPid(data));
        for (int i = 0; i < 5; i++) {
            f.submitOnline(i % 3, 3, null);
            acknowledged++;
        }
        assertEquals(acknowledged, f.online(), "acknowledged submissions after the database crash");

        // ---- kill -9 of the server JVM: its postmaster stays behind
        Process first = servers.get(0);
        first.destroyForcibly();
        first.waitFor();
        long orphan = EmbeddedDatabase.postmasterPid(data);
        assertTrue(EmbeddedDatabase.alive(orphan), "the postmaster outlives the killed server");
        double secondStart = startAndWaitHealthy(data, port, "second");
        System.out.printf("server killed: the next start is healthy after %.1f s%n", secondStart);
        assertTrue(secondStart < 45, "restart after kill -9 took " + secondStart + " s");
        assertFalse(EmbeddedDatabase.alive(orphan), "the orphaned postmaster was stopped");
        assertEquals(acknowledged, f.online(), "acknowledged submissions after the server was killed");
    }

    private void assertPasswordRequired(Path data) throws IOException {
        String hba = Files.readString(data.resolve("pg_hba.conf"));
        assertFalse(hba.lines().anyMatch(l -> !l.startsWith("#") && l.contains("trust")), hba);
        for (String file : List.of("tanfang-postgres.url", "tanfang-postgres.password", "tanfang-postgres.pgpass")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(file))), file);
        }
        String url = Files.readString(data.resolve("tanfang-postgres.url")).trim();
        String bare = url.substring(0, url.indexOf('?'));
        Properties noPassword = new Properties();
        noPassword.setProperty("user", "postgres");
        SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(bare, noPassword).close());
        assertTrue(refused.getMessage().contains("password"), refused.getMessage());
        try (var c = DriverManager.getConnection(url)) {
            assertTrue(c.isValid(2));
        } catch (SQLException e) {
            throw new AssertionError("the documented URL file does not connect", e);
        }
    }

    private TestApi.Res submit(TestApi api, SurveyFixture f, int point) {
        Map<String, Object> b = new HashMap<>();
        b.put("submissionId", UUID.randomUUID().toString());
        b.put("answers", f.answers(5));
        return api.post("/api/v1/public/surveys/" + f.token(point) + "/responses", null, b);
    }

    private double startAndWaitHealthy(Path data, int port, String name) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx400m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                "-Dtanfang.data-dir=" + data, "-Dmicronaut.server.port=" + port, "-Dmicronaut.server.host=127.0.0.1",
                "-Dtanfang.admin-password=" + TestApi.ADMIN_PASSWORD, "-Dtanfang.demo-password=" + TestApi.DEMO_PASSWORD,
                "-Dtanfang.survey.limit.per-address-per-minute=10000", "-DTANFANG_ACCESS_LOG=WARN",
                "com.tanfang.Application"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve(name + ".log").toFile());
        pb.environment().remove("DATASOURCES_DEFAULT_URL");
        long start = System.nanoTime();
        Process p = pb.start();
        servers.add(p);
        while (seconds(start) < START_LIMIT.toSeconds()) {
            if (!p.isAlive()) {
                throw new AssertionError(name + " server exited: " + Files.readString(tmp.resolve(name + ".log")));
            }
            if (healthStatus(port) == 200) {
                return seconds(start);
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " server not healthy in " + START_LIMIT + ": " + Files.readString(tmp.resolve(name + ".log")));
    }

    private int currentPort;

    private int healthStatus() {
        return healthStatus(currentPort);
    }

    private int healthStatus(int port) {
        currentPort = port;
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private HttpResponse<String> awaitHealth(int status, Duration within) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> last = null;
        while (seconds(start) < within.toSeconds()) {
            long asked = System.nanoTime();
            last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + currentPort + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(seconds(asked) < 1.0, "/health took " + seconds(asked) + " s");
            if (last.statusCode() == status) {
                return last;
            }
            Thread.sleep(20);
        }
        assertNotNull(last);
        throw new AssertionError("/health did not say " + status + " within " + within + ": " + last.body());
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
