package com.tanfang.account;

import com.tanfang.message.FieldProblem;
import com.tanfang.message.Message;
import com.tanfang.message.TooManyRequestsException;
import com.tanfang.message.UnauthorizedException;
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
    private final LoginAttempts attempts;
    private final Passwords passwords;
    private final Clock clock;

    public Authenticator(AppUserRepository users, LoginAttempts attempts, Passwords passwords, Clock clock) {
        this.clock = clock;
        this.users = users;
        this.attempts = attempts;
        this.passwords = passwords;
    }

    public AppUser authenticate(String username, String password) {
        String key = username.trim().toLowerCase(Locale.ROOT);
        attempts.reserve(key).ifPresent(until -> {
            long seconds = Math.max(1, Duration.between(clock.instant(), until).toSeconds());
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
            throw new UnauthorizedException(Message.of("login.failed"),
                    List.of(FieldProblem.of("password", "credentials")));
        }
        attempts.succeeded(key);
        return user;
    }
}
