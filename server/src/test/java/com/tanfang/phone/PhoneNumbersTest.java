package com.tanfang.phone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhoneNumbersTest {
    @ParameterizedTest
    @ValueSource(strings = {"13812341234", "138 1234 1234", "138-1234-1234", " 138\u30001234 1234 ",
            "+8613812341234", "+86 138-1234-1234", "008613812341234", "0086 138 1234 1234"})
    void everySpellingNormalisesToElevenDigits(String raw) {
        assertEquals(Optional.of("13812341234"), PhoneNumbers.normalise(raw));
        assertTrue(PhoneNumbers.isValid(raw));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"12812341234", "10012341234", "1381234123", "138123412345", "23812341234",
            "+8513812341234", "86 13812341234", "1381234123a", "021-12345678", "+86", "138.1234.1234"})
    void othersAreRejected(String raw) {
        assertFalse(PhoneNumbers.isValid(raw));
        assertThrows(IllegalArgumentException.class, () -> PhoneNumbers.require(raw));
    }

    @Test
    void everyMobilePrefixFromThirteenToNineteenIsValid() {
        for (char second = '3'; second <= '9'; second++) {
            assertTrue(PhoneNumbers.isValid("1" + second + "012345678"));
        }
    }

    @Test
    void maskKeepsPrefixAndLastFour() {
        assertEquals("138****1234", PhoneNumbers.mask("+86 138-5678-1234"));
        assertThrows(IllegalArgumentException.class, () -> PhoneNumbers.mask("12345"));
    }

    @Test
    void rejectionDoesNotEchoTheInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PhoneNumbers.require("139 0000 000"));
        assertFalse(e.getMessage().contains("139"));
    }
}
