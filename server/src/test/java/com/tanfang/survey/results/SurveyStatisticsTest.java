package com.tanfang.survey.results;

import com.tanfang.survey.campaign.SurveyCampaign;

import com.tanfang.statistics.Interval;
import com.tanfang.statistics.Rate;
import com.tanfang.scheme.LikertAnswer;

import com.tanfang.scheme.LikertMapping;
import com.tanfang.scoring.Fraction;
import com.tanfang.survey.results.SurveyStatistics.Estimate;
import com.tanfang.survey.results.SurveyStatistics.LowItem;
import com.tanfang.survey.results.SurveyStatistics.Summary;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static com.tanfang.scheme.LikertAnswer.DONT_KNOW;
import static com.tanfang.scheme.LikertAnswer.FIVE;
import static com.tanfang.scheme.LikertAnswer.FOUR;
import static com.tanfang.scheme.LikertAnswer.ONE;
import static com.tanfang.scheme.LikertAnswer.THREE;
import static com.tanfang.scheme.LikertAnswer.TWO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SurveyStatisticsTest {
    static final double EPS = 1e-4;
    static final List<LikertAnswer> WORKED = List.of(FIVE, FOUR, FOUR, THREE, FIVE);

    @Test
    void workedExampleByHand() {
        // mean 21/5 = 4.2; squares .64+.04+.04+1.44+.64 = 2.8, /4 = .7, sd = .83666; t(4) = 2.776445;
        // half-width 2.776445 × .83666 / √5 = 1.03885 -> [3.16115, 5.23885], clamped to the scale's 5.
        Summary s = SurveyStatistics.summarize(WORKED, LikertMapping.LINEAR);
        Estimate mean = s.mean().orElseThrow();
        assertEquals(Fraction.of(21, 5), mean.value());
        assertEquals(0.836660, mean.standardDeviation(), 1e-6);
        assertEquals(3.16115, mean.interval95().orElseThrow().low(), EPS);
        assertEquals(5.0, mean.interval95().orElseThrow().high());
        // 4 of 5 satisfied: Wilson centre (0.8 + z²/10)/(1 + z²/5) = .66966, half .29412 -> [.3755, .9638].
        Rate satisfaction = s.satisfaction().orElseThrow();
        assertEquals(Fraction.of(4, 5), satisfaction.value());
        assertEquals(0.37553, satisfaction.interval().low(), EPS);
        assertEquals(0.96378, satisfaction.interval().high(), EPS);
        assertEquals(5, s.answered());
        assertEquals(0, s.dontKnows());
    }

    @Test
    void linearMappingsCarryTheMeanIntervalOver() {
        Estimate mean = SurveyStatistics.summarize(WORKED, LikertMapping.LINEAR).mean().orElseThrow();
        Interval answers = mean.interval95().orElseThrow();

        Estimate linear = SurveyStatistics.summarize(WORKED, LikertMapping.LINEAR).score().orElseThrow();
        assertEquals(Fraction.of(80), linear.value()); // (4.2 - 1) / 4 × 100
        assertEquals((answers.low() - 1) / 4 * 100, linear.interval95().orElseThrow().low(), 1e-9);
        assertEquals(100, linear.interval95().orElseThrow().high(), 1e-9);
        assertEquals(mean.standardDeviation() / 4 * 100, linear.standardDeviation(), 1e-9);

        Estimate overFive = SurveyStatistics.summarize(WORKED, LikertMapping.OVER_FIVE).score().orElseThrow();
        assertEquals(Fraction.of(84), overFive.value()); // 4.2 / 5 × 100
        assertEquals(answers.low() / 5 * 100, overFive.interval95().orElseThrow().low(), 1e-9);
        assertEquals(100, overFive.interval95().orElseThrow().high(), 1e-9);
    }

    @Test
    void customMappingUsesTheCoefficientsOwnInterval() {
        LikertMapping custom = LikertMapping.custom(List.of(new BigDecimal("0"), new BigDecimal("0.2"), new BigDecimal("0.5"),
                new BigDecimal("0.8"), new BigDecimal("1")));
        // coefficients 1, .8, .8, .5, 1: mean .82; squares .0324+.0004+.0004+.1024+.0324 = .168, /4 = .042, sd .204939;
        // half 2.776445 × .204939 / √5 = .254466 -> [.565534, 1.074466], clamped to the top coefficient 1.
        Estimate score = SurveyStatistics.summarize(WORKED, custom).score().orElseThrow();
        assertEquals(Fraction.of(82), score.value());
        assertEquals(20.4939, score.standardDeviation(), EPS);
        assertEquals(56.5534, score.interval95().orElseThrow().low(), 1e-3);
        assertEquals(100, score.interval95().orElseThrow().high(), 1e-9);
    }

    @Test
    void intervalInsideTheScaleIsNotClamped() {
        // 2, 3, 3, 4: mean 3, sd √(2/3) = .816497, t(3) = 3.182446, half 1.299228.
        Interval i = SurveyStatistics.summarize(List.of(TWO, THREE, THREE, FOUR), LikertMapping.LINEAR).mean().orElseThrow()
                .interval95().orElseThrow();
        assertEquals(3 - 1.299228, i.low(), 1e-6);
        assertEquals(3 + 1.299228, i.high(), 1e-6);
    }

    @Test
    void dontKnowsAreCountedButExcluded() {
        List<LikertAnswer> withDontKnows = new ArrayList<>(WORKED);
        withDontKnows.add(DONT_KNOW);
        withDontKnows.add(0, DONT_KNOW);
        Summary s = SurveyStatistics.summarize(withDontKnows, LikertMapping.LINEAR);
        Summary plain = SurveyStatistics.summarize(WORKED, LikertMapping.LINEAR);
        assertEquals(2, s.dontKnows());
        assertEquals(new Summary(5, 2, plain.mean(), plain.satisfaction(), plain.score()), s);
    }

    @Test
    void allEqualAnswersHaveNoSpread() {
        Estimate mean = SurveyStatistics.summarize(List.of(THREE, THREE, THREE), LikertMapping.LINEAR).mean().orElseThrow();
        assertEquals(Fraction.of(3), mean.value());
        assertEquals(0.0, mean.standardDeviation());
        assertEquals(new Interval(3, 3), mean.interval95().orElseThrow());
    }

    @Test
    void nobodyAnswered() {
        Summary s = SurveyStatistics.summarize(List.of(DONT_KNOW), LikertMapping.LINEAR);
        assertEquals(new Summary(0, 1, Optional.empty(), Optional.empty(), Optional.empty()), s);
        assertEquals(0, SurveyStatistics.summarize(List.of(), LikertMapping.LINEAR).answered());
    }

    @Test
    void oneAnswerHasAMeanButNoMeanInterval() {
        Summary s = SurveyStatistics.summarize(List.of(FOUR), LikertMapping.LINEAR);
        assertEquals(new Estimate(Fraction.of(4), 0, Optional.empty()), s.mean().orElseThrow());
        assertEquals(new Estimate(Fraction.of(75), 0, Optional.empty()), s.score().orElseThrow());
        // Wilson still gives an interval for one answer: 1/1 -> [0.2065, 1].
        assertEquals(0.20654, s.satisfaction().orElseThrow().interval().low(), EPS);
        assertEquals(1.0, s.satisfaction().orElseThrow().interval().high());
    }

    @Test
    void mergedIsAllAnswersPooled() {
        Random random = new Random(7);
        List<LikertAnswer> online = new ArrayList<>();
        List<LikertAnswer> offline = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            (i % 3 == 0 ? offline : online).add(LikertAnswer.values()[random.nextInt(6)]);
        }
        List<LikertAnswer> all = new ArrayList<>(online);
        all.addAll(offline);
        assertEquals(SurveyStatistics.summarize(all, LikertMapping.OVER_FIVE),
                SurveyStatistics.merged(LikertMapping.OVER_FIVE, AnswerTally.of(online), AnswerTally.of(offline)));
        assertEquals(AnswerTally.of(all), AnswerTally.of(online).plus(AnswerTally.of(offline)));
    }

    @Test
    void itemsBelowTheThresholdLowestFirst() {
        Map<String, Summary> byItem = Map.of(
                "Q1", SurveyStatistics.summarize(WORKED, LikertMapping.LINEAR),                       // 80
                "Q2", SurveyStatistics.summarize(List.of(THREE, FOUR, THREE), LikertMapping.LINEAR),  // 58.33…
                "Q3", SurveyStatistics.summarize(List.of(ONE, TWO, ONE, TWO, ONE, TWO, ONE, TWO, ONE, TWO), LikertMapping.LINEAR), // 12.5
                "Q4", SurveyStatistics.summarize(List.of(DONT_KNOW), LikertMapping.LINEAR));
        List<LowItem> low = SurveyStatistics.itemsBelow(byItem, SurveyCampaign.DEFAULT_LOW_SCORE);
        assertEquals(List.of("Q3", "Q2"), low.stream().map(LowItem::item).toList());
        assertEquals(Fraction.of(25, 2), low.get(0).score());
        assertTrue(low.get(0).clearlyBelow());   // 12.5, interval [3.07, 21.93]: all below 70
        assertFalse(low.get(1).clearlyBelow());  // 58.33…, interval [22.48, 94.19]
        assertEquals(List.of(), SurveyStatistics.itemsBelow(byItem, new BigDecimal("12.5")));
    }

    @Test
    void wilsonAtTheEdges() {
        Rate none = Rate.of(0, 20);
        assertEquals(0.0, none.interval().low(), 1e-12);
        assertEquals(0.16113, none.interval().high(), EPS);
        Rate all = Rate.of(20, 20);
        assertEquals(0.83887, all.interval().low(), EPS);
        assertEquals(1.0, all.interval().high(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Rate.of(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Rate.of(3, 2));
    }

    @Test
    void answersAreLikertPointsOrDontKnow() {
        assertEquals(FOUR, LikertAnswer.likert(4));
        assertThrows(IllegalArgumentException.class, () -> LikertAnswer.likert(6));
        assertThrows(IllegalStateException.class, DONT_KNOW::value);
        assertThrows(IllegalArgumentException.class, () -> new AnswerTally(Map.of(ONE, -1L)));
    }
}
