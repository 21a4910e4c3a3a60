package com.tanfang.account;

import com.tanfang.message.FieldProblem;
import com.tanfang.message.Message;
import com.tanfang.message.TooManyRequestsException;
import com.tanfang.message.UnauthorizedException;
import jakarta.inject.Singleton;

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

    public Authenticator(AppUserRepository users, LoginThrottleRepository throttle, Passwords passwords) {
        this.users = users;
        this.throttle = throttle;
        this.passwords = passwords;
    }

    public AppUser authenticate(String username, String password) {
        String key = username.trim().toLowerCase(Locale.ROOT);
        throttle.lockedUntil(key).ifPresent(until -> {
            long seconds = Math.max(1, Duration.between(Instant.now(), until).toSeconds());
            throw new TooManyRequestsException(Message.of("login.locked", seconds), seconds,
                    List.of(FieldProblem.of("username", "locked", seconds)));
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
            throttle.recordFailure(key, policy.windowSeconds());
            long lock = policy.lockSecondsAfter(throttle.failures(key).orElse(1));
            if (lock > 0) {
                throttle.lock(key, lock);
            }
            throw new UnauthorizedException(Message.of("login.failed"),
                    List.of(FieldProblem.of("password", "credentials")));
        }
        throttle.clear(key);
        return user;
    }
}
