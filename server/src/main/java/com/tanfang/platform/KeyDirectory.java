package com.tanfang.platform;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Where the server keeps its generated keys: one file per key, readable only by the server's user (directory 0700,
 * files 0600). {@code TANFANG_KEY_DIR} (property {@code tanfang.key-dir}), by default the directory beside the data
 * directory named after it with {@code -keys} ({@code ./data} → {@code ./data-keys}). Deliberately not inside
 * PostgreSQL's data directory nor in the database: a copy of either (a backup, pg_dump) must not carry the keys that
 * decrypt the phone numbers in it or sign administrator tokens.
 */
public final class KeyDirectory {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private KeyDirectory() {
    }

    public static Path path() {
        String configured = System.getProperty("tanfang.key-dir", System.getenv("TANFANG_KEY_DIR"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path data = EmbeddedDatabase.dataDirectory();
        return data.resolveSibling(data.getFileName() + "-keys");
    }

    static Path file(String name) {
        return path().resolve(name + ".key");
    }

    /** The key's text, if its file exists. */
    static Optional<String> read(String name) throws IOException {
        Path f = file(name);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        String value = Files.readString(f).trim();
        if (value.isEmpty()) {
            throw new IOException(f + " is empty");
        }
        return Optional.of(value);
    }

    /** Writes the key unless a file for it exists already (first writer wins); never a moment world-readable. */
    static void createIfAbsent(String name, String value) throws IOException {
        Path target = file(name);
        Path dir = ensureDirectory(target.getParent());
        Path temp = Files.createTempFile(dir, "." + name, ".tmp", ownerOnly());
        try {
            Files.writeString(temp, value + "\n");
            try {
                // A hard link fails when the target exists: two instances starting at once keep one key.
                Files.createLink(target, temp);
            } catch (FileAlreadyExistsException e) {
                // The other writer won.
            } catch (UnsupportedOperationException | IOException e) {
                if (!Files.exists(target)) {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Replaces {@code file} with {@code content}, readable only by the owner from the first byte. */
    static void writePrivate(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", ownerOnly());
        try {
            Files.writeString(temp, content);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Path ensureDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            if (POSIX) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
            } else {
                Files.createDirectories(dir);
            }
        }
        if (POSIX && !Files.getPosixFilePermissions(dir).equals(OWNER_DIR)) {
            Files.setPosixFilePermissions(dir, OWNER_DIR);
        }
        return dir;
    }

    private static FileAttribute<?>[] ownerOnly() {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)} : new FileAttribute<?>[0];
    }
}
