package com.tanfang.survey.results;

import com.tanfang.scheme.LikertMapping;
import com.tanfang.scoring.Fraction;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static com.tanfang.scheme.LikertAnswer.DONT_KNOW;
import static com.tanfang.scheme.LikertAnswer.FIVE;
import static com.tanfang.scheme.LikertAnswer.FOUR;
import static com.tanfang.scheme.LikertAnswer.ONE;
import static com.tanfang.scheme.LikertAnswer.THREE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SurveyStatistics#overall}: the points-weighted mean of the answered items, with a conservative interval. */
class OverallScoreTest {
    private static SurveyStatistics.Weighted item(String points, com.tanfang.scheme.LikertAnswer... answers) {
        return new SurveyStatistics.Weighted(SurveyStatistics.summarize(AnswerTally.of(answers), LikertMapping.LINEAR),
                new BigDecimal(points));
    }

    @Test
    void weighsAnsweredItemsByTheirPointsAndLeavesUnansweredOnesOut() {
        // LINEAR: 5,5 -> 100; 3,3 -> 50; nobody answered the third (don't knows only).
        var a = item("3", FIVE, FIVE);
        var b = item("1", THREE, THREE);
        var c = item("6", DONT_KNOW);
        var o = SurveyStatistics.overall(List.of(a, b, c)).orElseThrow();
        assertEquals(Fraction.of(350, 4), o.value(), "(3·100 + 1·50) / 4");
        // No spread inside either item: the interval is the point itself.
        assertEquals(87.5, o.interval95().orElseThrow().low(), 1e-9);
        assertEquals(87.5, o.interval95().orElseThrow().high(), 1e-9);
    }

    @Test
    void itemsWithoutPointsCountEquallyAndTheIntervalIsTheWeightedEnds() {
        var a = item("0", FIVE, FOUR, THREE);
        var b = item("0", ONE, FIVE, FIVE, FOUR);
        var o = SurveyStatistics.overall(List.of(a, b)).orElseThrow();
        var sa = a.summary().score().orElseThrow();
        var sb = b.summary().score().orElseThrow();
        assertEquals(sa.value().add(sb.value()).divide(Fraction.of(2)), o.value());
        double low = (sa.interval95().orElseThrow().low() + sb.interval95().orElseThrow().low()) / 2;
        double high = (sa.interval95().orElseThrow().high() + sb.interval95().orElseThrow().high()) / 2;
        assertEquals(low, o.interval95().orElseThrow().low(), 1e-9);
        assertEquals(high, o.interval95().orElseThrow().high(), 1e-9);
        assertTrue(low <= o.value().doubleValue() && o.value().doubleValue() <= high);
    }

    @Test
    void noIntervalWhenAnAnsweredItemHasOneAnswerAndNothingWhenNoneIsAnswered() {
        var o = SurveyStatistics.overall(List.of(item("2", FIVE, FOUR), item("2", THREE))).orElseThrow();
        assertTrue(o.interval95().isEmpty());
        assertTrue(SurveyStatistics.overall(List.of(item("2", DONT_KNOW))).isEmpty());
        assertTrue(SurveyStatistics.overall(List.of()).isEmpty());
    }
}
