package com.tanfang.phone;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Encrypts residents' phone numbers at rest with AES-256-GCM. A stored value reads
 * {@code v1:<keyId>:<base64(iv | ciphertext | tag)>}, with a fresh random 12-byte IV for every value;
 * the version and key id are authenticated too (GCM additional data), so a value cannot be moved to
 * another key id unnoticed.
 *
 * <p>Key rotation, with no downtime and no flag day:
 * <ol>
 *   <li>add the new key under a new id next to the old ones (values encrypted with any listed key
 *       still decrypt);</li>
 *   <li>make the new id current: from then on every new value is written with it;</li>
 *   <li>in the background, re-encrypt old rows: select those for which {@link #needsReEncryption}
 *       is true and store {@link #reEncrypt} of them, in small batches;</li>
 *   <li>when no row names the old id any more, remove the old key.</li>
 * </ol>
 * The duplicate-finding hash ({@link PhoneHash}) uses its own key and is not touched by this.
 */
public final class PhoneCipher {
    private static final String VERSION = "v1";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final Map<String, SecretKeySpec> keys;
    private final String currentKeyId;
    private final SecureRandom random = new SecureRandom();

    /** A stored value that cannot be read: unknown key id, wrong format, or tampered with. */
    public static final class UnreadablePhoneException extends RuntimeException {
        UnreadablePhoneException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param keys         every key that may still be named by stored values, by key id; 32 bytes each
     * @param currentKeyId the key new values are encrypted with
     */
    public PhoneCipher(Map<String, byte[]> keys, String currentKeyId) {
        Map<String, SecretKeySpec> specs = new LinkedHashMap<>();
        keys.forEach((id, key) -> {
            if (id == null || id.isEmpty() || id.contains(":")) {
                throw new IllegalArgumentException("key id must be non-empty and free of ':': " + id);
            }
            if (key == null || key.length != KEY_BYTES) {
                throw new IllegalArgumentException("key " + id + " must be " + KEY_BYTES + " bytes (AES-256)");
            }
            specs.put(id, new SecretKeySpec(key.clone(), "AES"));
        });
        if (!specs.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("current key id " + currentKeyId + " has no key");
        }
        this.keys = Map.copyOf(specs);
        this.currentKeyId = currentKeyId;
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    public Set<String> keyIds() {
        return keys.keySet();
    }

    /** Normalises (see {@link PhoneNumbers}) and encrypts with the current key. */
    public String encrypt(String phone) {
        return seal(PhoneNumbers.require(phone));
    }

    /**
     * Other personal data a respondent typed, kept a while (the no-script form that failed validation,
     * {@code FormDrafts}: it may hold a phone number that is not valid yet, which {@link #encrypt} refuses): the
     * same keys and format as a phone; {@link #decrypt} reads it back.
     */
    public String encryptText(String text) {
        return seal(text);
    }

    private String seal(String text) {
        byte[] plaintext = text.getBytes(StandardCharsets.UTF_8);
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        String header = VERSION + ":" + currentKeyId + ":";
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), iv, header);
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] value = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, value, 0, IV_BYTES);
            System.arraycopy(sealed, 0, value, IV_BYTES, sealed.length);
            return header + Base64.getEncoder().encodeToString(value);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** The normalised phone number (or the text of {@link #encryptText}), with whichever key the value names. */
    public String decrypt(String stored) {
        String[] parts = split(stored);
        SecretKeySpec key = keys.get(parts[1]);
        if (key == null) {
            throw new UnreadablePhoneException("no key with id " + parts[1], null);
        }
        byte[] value;
        try {
            value = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new UnreadablePhoneException("stored phone is not base64", e);
        }
        if (value.length < IV_BYTES + TAG_BITS / 8) {
            throw new UnreadablePhoneException("stored phone is too short", null);
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(value, IV_BYTES),
                    parts[0] + ":" + parts[1] + ":");
            return new String(cipher.doFinal(value, IV_BYTES, value.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new UnreadablePhoneException("stored phone was altered or encrypted with another key", e);
        } catch (GeneralSecurityException e) {
            throw new UnreadablePhoneException("stored phone cannot be decrypted", e);
        }
    }

    /** True when the value was written with a key other than the current one (rotation step 3). */
    public boolean needsReEncryption(String stored) {
        return !split(stored)[1].equals(currentKeyId);
    }

    /** The same number encrypted with the current key (rotation step 3). */
    public String reEncrypt(String stored) {
        return encrypt(decrypt(stored));
    }

    private static String[] split(String stored) {
        String[] parts = stored == null ? new String[0] : stored.split(":", 3);
        if (parts.length != 3 || !parts[0].equals(VERSION)) {
            throw new UnreadablePhoneException("not a " + VERSION + " encrypted phone", null);
        }
        return parts;
    }

    private static Cipher cipher(int mode, SecretKeySpec key, byte[] iv, String header)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(header.getBytes(StandardCharsets.US_ASCII));
        return cipher;
    }
}
