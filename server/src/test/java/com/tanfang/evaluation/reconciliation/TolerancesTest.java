package com.tanfang.evaluation.reconciliation;

import com.tanfang.agreement.Answer;
import com.tanfang.scheme.AnswerType;
import com.tanfang.scheme.NumericRange;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default tolerances by answer type (evaluation.md "Two raters, reconciled"), at their edges. */
class TolerancesTest {
    private static boolean beyond(AnswerType type, NumericRange range, String a, String b) {
        return Tolerances.beyond(type, range, a == null ? Answer.notApplicable() : Answer.of(a),
                b == null ? Answer.notApplicable() : Answer.of(b));
    }

    @Test
    void likertOneStepYesNoAnyPercentTenPointsNumericATenthOfTheRange() {
        assertFalse(beyond(AnswerType.LIKERT_5, null, "5", "4"));
        assertTrue(beyond(AnswerType.LIKERT_5, null, "5", "3"));
        assertTrue(beyond(AnswerType.YES_NO, null, "1", "0"));
        assertFalse(beyond(AnswerType.YES_NO, null, "1", "1"));
        assertFalse(beyond(AnswerType.PERCENT, null, "16.01", "6.01"), "exactly 10 points is within");
        assertTrue(beyond(AnswerType.PERCENT, null, "16.02", "6.01"));
        // waiting time, worst 30 minutes, best 5: a tenth of the range is 2.5 minutes
        NumericRange wait = new NumericRange(BigDecimal.valueOf(30), BigDecimal.valueOf(5));
        assertEquals(0, new BigDecimal("2.5").compareTo(Tolerances.of(AnswerType.NUMERIC, wait)));
        assertFalse(beyond(AnswerType.NUMERIC, wait, "12.5", "10"));
        assertTrue(beyond(AnswerType.NUMERIC, wait, "12.6", "10"));
        // a range beyond agreement.Tolerance's 0..100 still works
        NumericRange metres = new NumericRange(BigDecimal.ZERO, BigDecimal.valueOf(5000));
        assertFalse(beyond(AnswerType.NUMERIC, metres, "4000", "3500"));
        assertTrue(beyond(AnswerType.NUMERIC, metres, "4000", "3499"));
    }

    @Test
    void notApplicableAgainstAValueIsAlwaysADifferenceBothNotApplicableAgree() {
        for (AnswerType type : AnswerType.values()) {
            NumericRange range = type == AnswerType.NUMERIC ? new NumericRange(BigDecimal.ZERO, BigDecimal.TEN) : null;
            assertTrue(beyond(type, range, null, "1"), type.name());
            assertTrue(beyond(type, range, "1", null), type.name());
            assertFalse(beyond(type, range, null, null), type.name());
        }
    }
}
