package com.tanfang.phone;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * A deterministic keyed hash (HMAC-SHA256) of a normalised phone number, stored next to the
 * {@link PhoneCipher} value so that repeat answers from one number can be found with an index,
 * without decrypting anything. Keyed, because a plain hash of an 11-digit number is reversed by
 * trying all numbers; its key is separate from the encryption keys and is not rotated with them
 * (rotating it means recomputing every row's hash from the decrypted number).
 */
public final class PhoneHash {
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    /** @param key at least 32 random bytes, kept apart from the encryption keys */
    public PhoneHash(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("hash key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** 64 lowercase hex characters; equal for every spelling of the same number. */
    public String of(String phone) {
        byte[] digits = PhoneNumbers.require(phone).getBytes(StandardCharsets.US_ASCII);
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(digits));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
