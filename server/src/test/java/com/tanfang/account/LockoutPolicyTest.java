package com.tanfang.account;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LockoutPolicyTest {
    private final LockoutPolicy policy = LockoutPolicy.DEFAULT;

    @Test
    void firstFailuresAreFreeThenLocksDoubleUpToTheCap() {
        for (int f = 0; f < 5; f++) {
            assertEquals(0, policy.lockSecondsAfter(f));
        }
        assertEquals(30, policy.lockSecondsAfter(5));
        assertEquals(60, policy.lockSecondsAfter(6));
        assertEquals(120, policy.lockSecondsAfter(7));
        assertEquals(900, policy.lockSecondsAfter(12));
        assertEquals(900, policy.lockSecondsAfter(1_000_000), "no overflow on absurd counts");
        for (int f = 5; f < 100; f++) {
            assertTrue(policy.lockSecondsAfter(f + 1) >= policy.lockSecondsAfter(f));
        }
    }

    @Test
    void passwordRule() {
        assertTrue(Passwords.weakness("short", "bob").isPresent());
        assertTrue(Passwords.weakness("bob-is-great-1", "bob").isPresent(), "contains the username");
        assertTrue(Passwords.weakness("aaaaaaaaaaaa", null).isPresent(), "repetitive");
        assertTrue(Passwords.weakness("长".repeat(30), null).isPresent(), "over bcrypt's 72 bytes");
        assertTrue(Passwords.weakness("Correct-horse-9", "bob").isEmpty());
        Passwords passwords = new Passwords();
        String generated = passwords.generate();
        assertEquals(16, generated.length());
        assertTrue(Passwords.weakness(generated, "admin").isEmpty());
        String hash = passwords.hash(generated);
        assertTrue(hash.startsWith("$2a$10$"));
        assertTrue(passwords.matches(generated, hash));
        assertTrue(!passwords.matches(generated + "x", hash));
    }
}
