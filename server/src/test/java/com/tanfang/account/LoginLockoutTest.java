package com.tanfang.account;

import com.tanfang.TestApi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lockout holds under a parallel burst, and over-long passwords are wrong passwords, not server errors. */
@MicronautTest
class LoginLockoutTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(server.getURL(), json);
    }

    /** Was: 62 of 100 parallel guesses had their password checked, and a right password inside the burst got in. */
    @Test
    void aParallelBurstGetsOnlyTheFreeAttemptsAndTheRightPasswordInsideItWaits() throws Exception {
        api.newUser("burst", "AUDITOR", null);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Callable<Integer>> guesses = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String password = i == 60 ? TestApi.USER_PASSWORD : "wrong-guess-" + i;
                guesses.add(() -> api.post("/login", null, Map.of("username", "burst", "password", password)).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(guesses)) {
                statuses.add(f.get());
            }
            long checked = statuses.stream().filter(s -> s == 401 || s == 200).count();
            long locked = statuses.stream().filter(s -> s == 429).count();
            assertEquals(100, checked + locked, statuses.toString());
            assertTrue(checked <= LockoutPolicy.DEFAULT.freeFailures(), "passwords checked: " + checked + " " + statuses);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(429, api.post("/login", null, Map.of("username", "burst", "password", TestApi.USER_PASSWORD)).status());
    }

    /** Was: 500 from bcrypt's 72-byte limit, and the attempt was not counted. */
    @Test
    void passwordsOverBcryptsLimitAreWrongPasswordsEverywhere() {
        String tooLong = "长".repeat(30); // 90 bytes in UTF-8
        String token = api.newUser("longpw", "AUDITOR", null);
        TestApi.Res login = api.post("/login", null, Map.of("username", "longpw", "password", tooLong));
        assertEquals(401, login.status(), login.raw());
        assertEquals("application/problem+json", login.header("Content-Type"));
        TestApi.Res session = api.post("/api/v1/session", null, Map.of("username", "longpw", "password", tooLong));
        assertEquals(401, session.status(), session.raw());
        TestApi.Res change = api.post("/api/v1/me/password", token,
                Map.of("currentPassword", tooLong, "newPassword", "Another-horse-77"));
        assertEquals(400, change.status(), change.raw());
        assertEquals(List.of("currentPassword"), change.problemFields());
        TestApi.Res newTooLong = api.post("/api/v1/me/password", token,
                Map.of("currentPassword", TestApi.USER_PASSWORD, "newPassword", tooLong));
        assertEquals(400, newTooLong.status(), newTooLong.raw());
        assertEquals(List.of("newPassword"), newTooLong.problemFields());
        // Both over-long logins counted as failures: three more wrong ones lock the name.
        for (int i = 0; i < 3; i++) {
            api.post("/login", null, Map.of("username", "longpw", "password", "wrong-" + i));
        }
        assertEquals(429, api.post("/login", null, Map.of("username", "longpw", "password", TestApi.USER_PASSWORD)).status());
    }
}
