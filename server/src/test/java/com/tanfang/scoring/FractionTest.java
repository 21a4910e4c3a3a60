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
    void documentsPrintACutTotalWithTwoDecimalsAndNeverAnEllipsis() {
        // the demo certificate printed "79.0034… / 100" while its audit report printed a 2-decimal figure
        Fraction demo = Fraction.parse("79.00345");
        assertEquals("79.00", Display.document(Display.format(demo), demo));
        Fraction nearly = Fraction.of(80).subtract(Fraction.of(1, 300_000));
        assertEquals("79.99", Display.document(Display.format(nearly), nearly), "cut, never rounded up to 80");
        assertEquals("140.895", Display.document("140.895", Fraction.parse("140.895")), "exact values as they are");
        assertEquals("78.97", Display.document("78.97", Fraction.parse("78.9666")), "a scheme's rule as it printed");
        assertEquals(null, Display.document(null, null));
    }

    @Test
    void displayIsExactUpToFourDecimalsAndCutsInexactValuesWithoutCrossingThresholds() {
        assertEquals("70", Display.format(Fraction.of(70)));
        assertEquals("1.75", Display.format(Fraction.of(7, 4)));
        assertEquals("0.875", Display.format(Fraction.of(7, 8)));
        assertEquals("140.895", Display.format(Fraction.parse("140.895")));
        assertEquals("0.0001", Display.format(Fraction.parse("0.0001")));
        assertEquals("97.9797…", Display.format(Fraction.of(9700, 99)));
        assertEquals("69.99", Display.format(Fraction.parse("69.99")));
        // was "70…" next to "below its minimum 70": an inexact value is cut, never rounded up to a threshold
        assertEquals("69.999", Display.format(Fraction.parse("69.999")));
        assertEquals("79.9999…", Display.format(Fraction.parse("79.99999")));
        assertEquals("79.9999…", Display.format(Fraction.of(80).subtract(Fraction.of(1, 300_000))));
        assertEquals("-0.3334…", Display.format(Fraction.of(-1, 3))); // cut towards −∞: still below −1/3's neighbours
    }

    @Test
    void aSchemesDisplayRulePrintsFixedDecimals() {
        var halfUp2 = new com.tanfang.scheme.DisplayRule(2, java.math.RoundingMode.HALF_UP);
        assertEquals("140.90", Display.print(Fraction.parse("140.895"), halfUp2));
        assertEquals("876.35", Display.print(Fraction.parse("876.35"), halfUp2));
        assertEquals("56.63", Display.print(Fraction.parse("55.5").divide(Fraction.of(98)).multiply(Fraction.HUNDRED), halfUp2));
        assertEquals("140.895", Display.print(Fraction.parse("140.895"), null));
    }
}
