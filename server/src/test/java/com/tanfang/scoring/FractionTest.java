package com.tanfang.scoring;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FractionTest {
    @Test
    void arithmeticIsExact() {
        assertEquals(Fraction.parse("97.7"), Fraction.parse("14.8").add(Fraction.parse("82.9")));
        assertEquals(Fraction.of(1, 3), Fraction.of(2, 6));
        assertEquals(Fraction.ONE, Fraction.of(1, 3).multiply(Fraction.of(3)));
        assertEquals(Fraction.of(-1, 2), Fraction.of(1, -2));
        assertTrue(Fraction.parse("69.99").compareTo(new BigDecimal("70")) < 0);
        assertEquals(0, Fraction.parse("70.000").compareTo(new BigDecimal("70")));
        assertEquals(Fraction.of(new BigDecimal("1.2E+3")), Fraction.of(1200));
    }

    @Test
    void displayRoundsHalfUpToTwoDecimalsAndMarksInexactValues() {
        assertEquals("70", Display.format(Fraction.of(70)));
        assertEquals("1.75", Display.format(Fraction.of(7, 4)));
        assertEquals("0.88…", Display.format(Fraction.of(7, 8)));
        assertEquals("97.98…", Display.format(Fraction.of(9700, 99)));
        assertEquals("69.99", Display.format(Fraction.parse("69.99")));
        assertEquals("70…", Display.format(Fraction.parse("69.999")));
        assertEquals(new BigDecimal("56.63"), Display.rounded(Fraction.parse("55.5").divide(Fraction.of(98)).multiply(Fraction.HUNDRED)));
    }
}
