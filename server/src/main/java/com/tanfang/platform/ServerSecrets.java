package com.tanfang.platform;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Random keys generated once and kept in {@link KeyDirectory} files, outside the database. Keys that older versions
 * kept in the {@code server_secret} table are moved to files at the first start and deleted from the table, so a
 * database backup no longer carries them. Instances sharing one database must share the key directory (or set the
 * keys in the environment).
 */
@Singleton
public class ServerSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final ServerSecretRepository repository;

    public ServerSecrets(ServerSecretRepository repository) {
        this.repository = repository;
    }

    /** The named key as base64 of {@code bytes} random bytes, created on first use. */
    public String getOrCreate(String name, int bytes) {
        return getOrCreate(name, bytes, () -> false);
    }

    /**
     * As {@link #getOrCreate(String, int)}, but when the key is nowhere and {@code dataNeedsIt} says the database
     * holds values made with it, fail with one line instead of making a new key that cannot read them.
     */
    public synchronized String getOrCreate(String name, int bytes, BooleanSupplier dataNeedsIt) {
        try {
            Optional<String> kept = KeyDirectory.read(name);
            if (kept.isEmpty()) {
                Optional<String> legacy = repository.findValue(name);
                if (legacy.isPresent()) {
                    KeyDirectory.createIfAbsent(name, legacy.get());
                } else if (dataNeedsIt.getAsBoolean()) {
                    throw new StartupProblem("The key file " + KeyDirectory.file(name) + " is missing, but the database"
                            + " holds values made with it: restore the key directory (TANFANG_KEY_DIR) from the instance"
                            + " or backup that made them, or set the key in the environment.", null);
                } else {
                    byte[] random = new byte[bytes];
                    RANDOM.nextBytes(random);
                    KeyDirectory.createIfAbsent(name, Base64.getEncoder().encodeToString(random));
                }
                kept = KeyDirectory.read(name);
            }
            String value = kept.orElseThrow();
            // Only once the file holds it: the copy in the table is what a stolen backup would reveal.
            repository.delete(name);
            return value;
        } catch (IOException e) {
            throw new StartupProblem("The key directory " + KeyDirectory.path() + " cannot be used (" + e.getMessage()
                    + "): set TANFANG_KEY_DIR to a directory only this server's user can read.", e);
        }
    }
}
