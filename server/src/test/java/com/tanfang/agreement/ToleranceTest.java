package com.tanfang.agreement;

import com.tanfang.message.InvalidException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tolerance test that sends an item to reconciliation (issue 12: "differ by more than the tolerance"). */
class ToleranceTest {

    @Test
    void oneLikertStep() {
        Tolerance step = Tolerance.usual(RatingScale.likert(1, 5));
        assertEquals(0, BigDecimal.ONE.compareTo(step.maxDifference()));
        assertFalse(step.exceeded(Answer.of(3), Answer.of(3)));
        assertFalse(step.exceeded(Answer.of(3), Answer.of(4)), "exactly one step is within");
        assertTrue(step.exceeded(Answer.of(3), Answer.of(5)));
        assertTrue(step.exceeded(Answer.of(5), Answer.of(3)));
    }

    @Test
    void tenPercentagePoints() {
        Tolerance ten = Tolerance.usual(RatingScale.percent(BigDecimal.ONE));
        assertFalse(ten.exceeded(Answer.of(60), Answer.of(70)));
        assertTrue(ten.exceeded(Answer.of(60), Answer.of("70.5")));
    }

    /** In doubles 16.01 - 6.01 is 10.000000000000002 and would be flagged; on BigDecimal it is exactly 10. */
    @Test
    void exactArithmeticOnTheRatings() {
        Tolerance ten = Tolerance.of(10);
        assertTrue(16.01 - 6.01 > 10, "the double trap this test guards against");
        assertFalse(ten.exceeded(Answer.of("6.01"), Answer.of("16.01")));
        assertTrue(ten.exceeded(Answer.of("6.01"), Answer.of("16.02")));
        assertEquals(new BigDecimal("10"), Tolerance.distance(Answer.of("6.01"), Answer.of("16.01")).orElseThrow());
    }

    @Test
    void anyYesNoDifference() {
        Tolerance none = Tolerance.usual(RatingScale.yesNo());
        assertEquals(Tolerance.none(), none);
        assertTrue(none.exceeded(Answer.yes(true), Answer.yes(false)));
        assertFalse(none.exceeded(Answer.yes(true), Answer.yes(true)));
    }

    @Test
    void notApplicableAgainstAValueIsAlwaysFlagged() {
        Tolerance wide = Tolerance.of(100);
        assertTrue(wide.exceeded(Answer.notApplicable(), Answer.of(50)));
        assertTrue(wide.exceeded(Answer.of(50), Answer.notApplicable()));
        assertFalse(wide.exceeded(Answer.notApplicable(), Answer.notApplicable()));
    }

    @Test
    void boundedInput() {
        for (String bad : new String[]{"-1", "100.01", "0.001", "1000"}) {
            InvalidException e = assertThrows(InvalidException.class, () -> Tolerance.of(bad), bad);
            assertEquals("tolerance", e.problems().get(0).field());
            assertEquals("agreement.tolerance_invalid", e.problems().get(0).code());
        }
        assertThrows(InvalidException.class, () -> new Tolerance(null));
        assertEquals(Tolerance.of("10.00"), Tolerance.of(10), "compares by number");
        assertEquals(Tolerance.of("0.5"), Tolerance.of("0.50"));
    }
}
