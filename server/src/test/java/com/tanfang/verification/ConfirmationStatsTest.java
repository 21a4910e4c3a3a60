package com.tanfang.verification;

import com.tanfang.scoring.Fraction;
import com.tanfang.statistics.Rate;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfirmationStatsTest {
    @Test
    void ratesAreOverTheRespondentsReached() {
        // 38 confirmed, 2 denied, 5 unreachable: 38/40 = 95 %, Wilson [0.8350, 0.9862].
        ConfirmationStats stats = new ConfirmationStats(38, 2, 5);
        Rate confirmation = stats.confirmationRate().orElseThrow();
        assertEquals(Fraction.of(19, 20), confirmation.value());
        assertEquals(0.83496, confirmation.interval().low(), 1e-4);
        assertEquals(0.98618, confirmation.interval().high(), 1e-4);
        assertEquals(Fraction.of(1, 20), stats.denialRate().orElseThrow().value());
    }

    @Test
    void denialAlarmIsStrictlyAboveTheThreshold() {
        assertFalse(new ConfirmationStats(38, 2, 0).denialExceeds(CallBackPolicy.DEFAULTS)); // exactly 5 %
        assertTrue(new ConfirmationStats(37, 3, 0).denialExceeds(CallBackPolicy.DEFAULTS));  // 7.5 %
        assertFalse(new ConfirmationStats(37, 3, 0).denialExceeds(new CallBackPolicy(new BigDecimal("0.10"), 3)));
        assertFalse(new ConfirmationStats(0, 0, 4).denialExceeds(CallBackPolicy.DEFAULTS));
        assertEquals(Optional.empty(), new ConfirmationStats(0, 0, 4).confirmationRate());
    }

    @Test
    void unreachableAfterTheConfiguredAttempts() {
        assertFalse(CallBackPolicy.DEFAULTS.isUnreachable(2));
        assertTrue(CallBackPolicy.DEFAULTS.isUnreachable(3));
        assertTrue(new CallBackPolicy(new BigDecimal("0.05"), 1).isUnreachable(1));
        assertThrows(IllegalArgumentException.class, () -> new CallBackPolicy(new BigDecimal("0.05"), 0));
        assertThrows(IllegalArgumentException.class, () -> new CallBackPolicy(new BigDecimal("1.5"), 3));
        assertThrows(IllegalArgumentException.class, () -> new ConfirmationStats(-1, 0, 0));
    }
}
