package com.tanfang.platform;

import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.util.Base64;

/** Random secrets generated once and shared by every instance through PostgreSQL (first writer wins). */
@Singleton
public class ServerSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final ServerSecretRepository repository;

    public ServerSecrets(ServerSecretRepository repository) {
        this.repository = repository;
    }

    /** The named secret as base64 of {@code bytes} random bytes, created on first use. */
    public String getOrCreate(String name, int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        repository.insertIfAbsent(name, Base64.getEncoder().encodeToString(random));
        return repository.findValue(name).orElseThrow();
    }
}
