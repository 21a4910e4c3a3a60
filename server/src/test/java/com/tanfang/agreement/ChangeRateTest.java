package com.tanfang.agreement;

import com.tanfang.message.InvalidException;
import com.tanfang.scoring.Fraction;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per rater, how often reconciliation changed their rating. */
class ChangeRateTest {

    @Test
    void shareOfEachRatersRatingsThatWereChanged() {
        Map<String, ChangeRate> rates = ChangeRate.perRater(List.of(
                new Revision("wang", "A1", Answer.of(4), Answer.of(4)),
                new Revision("wang", "A2", Answer.of(2), Answer.of(3)),
                new Revision("wang", "A3", Answer.of(5), Answer.of("5.0")),
                new Revision("wang", "A4", Answer.notApplicable(), Answer.of(3)),
                new Revision("li", "A1", Answer.of(4), Answer.of(4)),
                new Revision("li", "A2", Answer.of(3), Answer.of(3))));
        assertEquals(List.of("li", "wang"), List.copyOf(rates.keySet()));
        ChangeRate wang = rates.get("wang");
        assertEquals(4, wang.ratings());
        assertEquals(2, wang.changed(), "A2 changed, A4 N/A replaced; 5 and 5.0 are the same");
        assertEquals(Fraction.of(1, 2), wang.rate().value());
        assertTrue(wang.rate().interval().contains(0.5));
        assertEquals(0, rates.get("li").changed());
    }

    @Test
    void raterIsRequired() {
        InvalidException e = assertThrows(InvalidException.class, () -> ChangeRate.perRater(List.of(
                new Revision(null, "A1", Answer.of(1), Answer.of(2)))));
        assertEquals("revisions[0].rater", e.problems().get(0).field());
        assertTrue(ChangeRate.perRater(List.of()).isEmpty());
    }
}
