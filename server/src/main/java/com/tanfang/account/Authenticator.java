package com.tanfang.account;

import com.tanfang.platform.ApiException;
import com.tanfang.platform.Problem;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Checks a username and password, with lockout after repeated failures (state in PostgreSQL). */
@Singleton
public class Authenticator {
    private final AppUserRepository users;
    private final LoginThrottleRepository throttle;
    private final Passwords passwords;
    private final LockoutPolicy policy = LockoutPolicy.DEFAULT;

    private final Clock clock;

    public Authenticator(AppUserRepository users, LoginThrottleRepository throttle, Passwords passwords, Clock clock) {
        this.clock = clock;
        this.users = users;
        this.throttle = throttle;
        this.passwords = passwords;
    }

    public AppUser authenticate(String username, String password) {
        String key = username.trim().toLowerCase(Locale.ROOT);
        throttle.lockedUntil(key, clock.instant()).ifPresent(until -> {
            long seconds = Math.max(1, Duration.between(clock.instant(), until).toSeconds());
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS,
                    "Too many failed logins for this user: try again in " + seconds + " seconds.",
                    List.of(new Problem.FieldProblem("username", "locked for " + seconds + " s", "locked")));
        });
        AppUser user = users.findByUsernameIgnoreCase(key).orElse(null);
        boolean ok;
        if (user == null) {
            passwords.burnDecoy(password);
            ok = false;
        } else {
            ok = passwords.matches(password, user.passwordHash()) && user.enabled();
        }
        if (!ok) {
            throttle.recordFailure(key, policy.windowSeconds(), clock.instant());
            long lock = policy.lockSecondsAfter(throttle.failures(key).orElse(1));
            if (lock > 0) {
                throttle.lock(key, lock, clock.instant());
            }
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Wrong username or password, or the account is disabled.",
                    List.of(new Problem.FieldProblem("password", "wrong username or password", "credentials")));
        }
        throttle.clear(key);
        return user;
    }
}
