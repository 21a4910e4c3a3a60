package com.tanfang.scoring;

import com.tanfang.message.FieldProblem;
import com.tanfang.message.InvalidException;
import com.tanfang.scheme.BuiltInSchemes;
import com.tanfang.scheme.Method;
import com.tanfang.scheme.Scheme;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Coefficients measured outside the ratings (the customer survey's) beside the ratings, by hand. */
class MeasuredCoefficientTest {
    static final Scheme PROPERTY = BuiltInSchemes.propertyManagement();
    final ScoringEngine engine = new ScoringEngine(PROPERTY);

    static ScoreResult.ItemResult item(ScoreResult r, String code) {
        return r.parts().stream().flatMap(p -> p.groups().stream()).flatMap(g -> g.items().stream())
                .filter(i -> code.equals(i.code())).findFirst().orElseThrow();
    }

    @Test
    void aMeasuredCoefficientAloneScoresTheItemAndItIsNotMissing() {
        String survey = PROPERTY.items().filter(i -> i.methods().equals(java.util.Set.of(Method.CUSTOMER_SURVEY)))
                .findFirst().orElseThrow().name();
        ScoreResult r = engine.score(List.of(), List.of(), null, List.of(),
                List.of(new MeasuredCoefficient(survey, "survey #1", Fraction.of(5, 6))));
        ScoreResult.ItemResult item = item(r, survey);
        assertEquals(ItemStatus.SCORED, item.status());
        assertEquals(Fraction.of(5, 6), item.coefficient());
        assertEquals(1, item.raters());
        assertFalse(r.missingItems().contains(survey));
        assertTrue(item.explanation().get(0).english().contains("survey #1: 0.8333…"), item.explanation().toString());
    }

    @Test
    void withRatingsTheMeasuredCountsAsOneMoreSource() {
        // P2 (5 points, LINEAR): ratings 5 and 3 → 0.75 combined; with a measured 0.25: (0.75 + 0.25) / 2 = 0.5
        ScoreResult r = engine.score(List.of(Rating.likert("P2", "A", 5), Rating.likert("P2", "B", 3)), List.of(),
                null, List.of(), List.of(new MeasuredCoefficient("P2", "survey #1", Fraction.of(1, 4))));
        ScoreResult.ItemResult item = item(r, "P2");
        assertEquals(Fraction.of(1, 2), item.coefficient());
        assertEquals(Fraction.of(5, 2), item.achieved());
        assertEquals(3, item.ratings());
        assertEquals(3, item.raters());
    }

    @Test
    void badMeasuredCoefficientsAreRefusedWithTheirPaths() {
        InvalidException e = assertThrows(InvalidException.class, () -> engine.score(List.of(), List.of(), null,
                List.of(), List.of(new MeasuredCoefficient("P2", "s", Fraction.of(3, 2)),
                        new MeasuredCoefficient("NOPE", "s", Fraction.ONE),
                        new MeasuredCoefficient("P3", " ", Fraction.ONE),
                        new MeasuredCoefficient("P4", "s", Fraction.ONE),
                        new MeasuredCoefficient("P4", "s", Fraction.ZERO))));
        assertEquals(List.of("measured[0].coefficient", "measured[1].item", "measured[2].source", "measured[4].source"),
                e.problems().stream().map(FieldProblem::field).toList());
    }
}
