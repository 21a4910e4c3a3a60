package com.tanfang.phone;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhoneCipherTest {
    static final SecureRandom RANDOM = new SecureRandom();
    final byte[] k2025 = key(32);
    final byte[] k2026 = key(32);

    static byte[] key(int length) {
        byte[] key = new byte[length];
        RANDOM.nextBytes(key);
        return key;
    }

    @Test
    void roundTripsTheNormalisedNumber() {
        PhoneCipher cipher = new PhoneCipher(Map.of("k2025", k2025), "k2025");
        String stored = cipher.encrypt("+86 138-1234-5678");
        assertTrue(stored.startsWith("v1:k2025:"), stored);
        assertFalse(stored.contains("13812345678"));
        assertEquals("13812345678", cipher.decrypt(stored));
        // 12-byte IV + 11 digits + 16-byte tag
        assertEquals(12 + 11 + 16, Base64.getDecoder().decode(stored.substring("v1:k2025:".length())).length);
    }

    @Test
    void sealsOtherTypedTextAsItIs() {
        PhoneCipher cipher = new PhoneCipher(Map.of("k2025", k2025), "k2025");
        // a form draft: a phone that is not valid yet and Chinese text, neither normalised nor refused
        String text = "{\"phone\":\"12345\",\"comment\":\"楼道灯坏了\"}";
        String stored = cipher.encryptText(text);
        assertTrue(stored.startsWith("v1:k2025:"), stored);
        assertFalse(stored.contains("12345"));
        assertEquals(text, cipher.decrypt(stored));
    }

    @Test
    void freshIvEveryTime() {
        PhoneCipher cipher = new PhoneCipher(Map.of("k2025", k2025), "k2025");
        String a = cipher.encrypt("13812345678");
        String b = cipher.encrypt("13812345678");
        assertNotEquals(a, b);
        assertNotEquals(a.substring(9, 25), b.substring(9, 25));
    }

    @Test
    void refusesInvalidNumbersAndBadKeys() {
        PhoneCipher cipher = new PhoneCipher(Map.of("k2025", k2025), "k2025");
        assertThrows(IllegalArgumentException.class, () -> cipher.encrypt("12345"));
        assertThrows(IllegalArgumentException.class, () -> new PhoneCipher(Map.of("k", key(16)), "k"));
        assertThrows(IllegalArgumentException.class, () -> new PhoneCipher(Map.of("a:b", k2025), "a:b"));
        assertThrows(IllegalArgumentException.class, () -> new PhoneCipher(Map.of("k2025", k2025), "k2026"));
    }

    @Test
    void tamperedValuesAreErrorsNotWrongNumbers() {
        PhoneCipher cipher = new PhoneCipher(Map.of("k2025", k2025), "k2025");
        String stored = cipher.encrypt("13812345678");
        String prefix = "v1:k2025:";
        byte[] value = Base64.getDecoder().decode(stored.substring(prefix.length()));
        for (int i = 0; i < value.length; i++) {
            byte[] altered = value.clone();
            altered[i] ^= 0x01;
            String tampered = prefix + Base64.getEncoder().encodeToString(altered);
            assertThrows(PhoneCipher.UnreadablePhoneException.class, () -> cipher.decrypt(tampered), "byte " + i);
        }
        String truncated = prefix + Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(value, 20));
        for (String broken : new String[] {truncated, prefix + "!!!", "v2:k2025:" + stored.substring(prefix.length()),
                "13812345678", "", null}) {
            assertThrows(PhoneCipher.UnreadablePhoneException.class, () -> cipher.decrypt(broken), broken);
        }
    }

    @Test
    void unknownKeyIdIsAnError() {
        PhoneCipher old = new PhoneCipher(Map.of("k2025", k2025), "k2025");
        PhoneCipher other = new PhoneCipher(Map.of("k2026", k2026), "k2026");
        String stored = old.encrypt("13812345678");
        assertThrows(PhoneCipher.UnreadablePhoneException.class, () -> other.decrypt(stored));
    }

    @Test
    void relabellingAValueWithAnotherKeyIdFails() {
        // Both keys known: moving the value to the other id must not decrypt (AAD binds the id).
        PhoneCipher both = new PhoneCipher(Map.of("k2025", k2025, "k2026", k2025), "k2025");
        String stored = both.encrypt("13812345678");
        String relabelled = stored.replace("v1:k2025:", "v1:k2026:");
        assertThrows(PhoneCipher.UnreadablePhoneException.class, () -> both.decrypt(relabelled));
    }

    @Test
    void rotationReadsOldValuesAndRewritesThemWithTheNewKey() {
        PhoneCipher before = new PhoneCipher(Map.of("k2025", k2025), "k2025");
        String oldRow = before.encrypt("13812345678");

        // steps 1 and 2: add the new key and make it current
        PhoneCipher during = new PhoneCipher(Map.of("k2025", k2025, "k2026", k2026), "k2026");
        assertEquals("13812345678", during.decrypt(oldRow));
        String newRow = during.encrypt("139 0000 1111");
        assertTrue(newRow.startsWith("v1:k2026:"));
        assertTrue(during.needsReEncryption(oldRow));
        assertFalse(during.needsReEncryption(newRow));

        // step 3: re-encrypt old rows in the background
        String rewritten = during.reEncrypt(oldRow);
        assertTrue(rewritten.startsWith("v1:k2026:"));
        assertFalse(during.needsReEncryption(rewritten));

        // step 4: remove the old key; rewritten rows still read, forgotten ones are an error
        PhoneCipher after = new PhoneCipher(Map.of("k2026", k2026), "k2026");
        assertEquals("13812345678", after.decrypt(rewritten));
        assertEquals("13900001111", after.decrypt(newRow));
        assertThrows(PhoneCipher.UnreadablePhoneException.class, () -> after.decrypt(oldRow));
    }

    @Test
    void keysAreCopiedSoCallersCannotChangeThem() {
        byte[] key = k2025.clone();
        PhoneCipher cipher = new PhoneCipher(Map.of("k2025", key), "k2025");
        String stored = cipher.encrypt("13812345678");
        key[0] ^= 1;
        assertEquals("13812345678", cipher.decrypt(stored));
    }

    @Test
    void hashIsDeterministicPerNumberAndKeyed() {
        PhoneHash hash = new PhoneHash(key(32));
        String a = hash.of("138 1234 5678");
        assertEquals(64, a.length());
        assertEquals(a, hash.of("+8613812345678"));
        assertEquals(a, hash.of("0086-138-1234-5678"));
        assertNotEquals(a, hash.of("13812345679"));
        assertNotEquals(a, new PhoneHash(key(32)).of("13812345678"));
        assertThrows(IllegalArgumentException.class, () -> new PhoneHash(key(16)));
        assertThrows(IllegalArgumentException.class, () -> hash.of("123"));
    }

    @Test
    void hashMatchesHmacSha256OfTheDigits() throws Exception {
        byte[] key = key(32);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
        String expected = java.util.HexFormat.of().formatHex(mac.doFinal("13812345678".getBytes()));
        assertEquals(expected, new PhoneHash(key).of("138-1234-5678"));
    }
}
