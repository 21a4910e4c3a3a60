package com.tanfang.account;

import com.tanfang.message.Message;
import at.favre.lib.crypto.bcrypt.BCrypt;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/** Password hashing (bcrypt), the password rule and generated passwords. */
@Singleton
public class Passwords {
    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 72; // bcrypt reads at most 72 bytes
    private static final int COST = 10;
    // No 0/O, 1/l/I: generated passwords are read aloud and typed on phones.
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    // Compared against when the user does not exist, so both paths cost one bcrypt verification.
    private final String decoy = hash("decoy-password-for-timing");

    public String hash(String password) {
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    /**
     * Whether the password is the one hashed. A password over bcrypt's 72 bytes can never have been set (see
     * {@link #weakness}), so it is simply wrong; it still costs one verification, so its answer takes as long.
     */
    public boolean matches(String password, String hash) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_LENGTH) {
            BCrypt.verifyer().verify(Arrays.copyOf(bytes, MAX_LENGTH), hash.getBytes(StandardCharsets.UTF_8));
            return false;
        }
        return BCrypt.verifyer().verify(bytes, hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    public void burnDecoy(String password) {
        matches(password, decoy);
    }

    public String generate() {
        char[] out = new char[16];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    /** Why a new password is refused, or empty when it is acceptable. */
    public static Optional<Message> weakness(String password, String username) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of(Message.of("password.too_short", MIN_LENGTH));
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH) {
            return Optional.of(Message.of("password.too_long", MAX_LENGTH));
        }
        if (username != null && password.toLowerCase().contains(username.toLowerCase())) {
            return Optional.of(Message.of("password.contains_username"));
        }
        if (password.chars().distinct().count() < 4) {
            return Optional.of(Message.of("password.repetitive"));
        }
        return Optional.empty();
    }
}
