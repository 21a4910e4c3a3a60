package com.tanfang.agreement;

import com.tanfang.message.FieldProblem;
import com.tanfang.message.InvalidException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static com.tanfang.agreement.Coefficient.Kind.COHEN_KAPPA;
import static com.tanfang.agreement.Coefficient.Kind.GWET_AC1;
import static com.tanfang.agreement.Coefficient.Kind.GWET_AC2;
import static com.tanfang.agreement.Coefficient.Kind.LINEAR_KAPPA;
import static com.tanfang.agreement.Coefficient.Kind.QUADRATIC_KAPPA;
import static com.tanfang.agreement.Tables.pairs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Properties every agreement statistic must have, the degenerate cases, the differences and bad input. */
class AgreementTest {

    private static final RatingScale LIKERT = RatingScale.likert(1, 5);

    @Test
    void swappingTheRatersChangesNothing() {
        Random random = new Random(12);
        for (int round = 0; round < 50; round++) {
            List<PairedRating> pairs = new ArrayList<>();
            int n = 2 + random.nextInt(60);
            for (int i = 0; i < n; i++) {
                int first = 1 + random.nextInt(5);
                // mostly close to the first rater, sometimes far
                int second = Math.max(1, Math.min(5, first + random.nextInt(3) - 1 + (random.nextInt(10) == 0 ? 2 : 0)));
                pairs.add(PairedRating.of("i" + i, first, second));
            }
            PairAgreement forward = Agreement.between(LIKERT, Tolerance.of(1), pairs);
            PairAgreement backward = Agreement.between(LIKERT, Tolerance.of(1),
                    pairs.stream().map(PairedRating::swapped).toList());
            for (Coefficient.Kind kind : Coefficient.Kind.values()) {
                Coefficient a = forward.coefficient(kind);
                Coefficient b = backward.coefficient(kind);
                assertEquals(a.undefined(), b.undefined(), kind + " round " + round);
                if (a.isDefined()) {
                    Estimate ea = a.estimate().orElseThrow();
                    Estimate eb = b.estimate().orElseThrow();
                    assertEquals(ea.value(), eb.value(), 1e-12, kind + " round " + round);
                    assertEquals(ea.standardError(), eb.standardError(), 1e-12, kind + " round " + round);
                }
            }
            assertEquals(forward.exact().orElseThrow().rate(), backward.exact().orElseThrow().rate());
            assertEquals(forward.withinTolerance().orElseThrow().rate(), backward.withinTolerance().orElseThrow().rate());
            assertEquals(forward.flagged().size(), backward.flagged().size());
        }
    }

    @Test
    void perfectAgreementGivesOneWithNoSpread() {
        List<PairedRating> pairs = pairs(1, new long[][]{
                {3, 0, 0, 0, 0}, {0, 5, 0, 0, 0}, {0, 0, 7, 0, 0}, {0, 0, 0, 4, 0}, {0, 0, 0, 0, 1}});
        PairAgreement agreement = Agreement.between(LIKERT, Tolerance.of(1), pairs);
        for (Coefficient.Kind kind : Coefficient.Kind.values()) {
            Estimate e = agreement.coefficient(kind).estimate().orElseThrow();
            assertEquals(1.0, e.value(), 1e-12, kind.name());
            assertEquals(0.0, e.standardError(), 1e-6, kind.name());
            assertEquals(1.0, e.interval95().orElseThrow().high(), 1e-12, kind.name());
        }
        assertEquals(1.0, agreement.exact().orElseThrow().value());
        assertTrue(agreement.differences().isEmpty());
        // Wilson, not the collapsed [1, 1]: 20 items do not prove perfect raters.
        assertTrue(agreement.exact().orElseThrow().rate().interval().low() < 0.9);
    }

    /**
     * The kappa paradox (Feinstein and Cicchetti 1990; Gwet 2008): both raters say "yes" to 95 % of 100 items
     * and agree on 90 %, yet kappa is about 0 (here -0.053: pe = .95² + .05² = .905 > pa) while AC1 is .890
     * (pe = Σ π(1 - π) / (q - 1) = 2 · .95 · .05 = .095).
     */
    @Test
    void kappaParadoxLowKappaHighAc1() {
        // rows: first rater no / yes; columns: second rater no / yes
        PairAgreement agreement = Agreement.between(RatingScale.yesNo(), Tolerance.none(),
                pairs(0, new long[][]{{0, 5}, {5, 90}}));
        assertEquals(0.90, agreement.exact().orElseThrow().value(), 1e-12);
        double kappa = agreement.coefficient(COHEN_KAPPA).value();
        double ac1 = agreement.coefficient(GWET_AC1).value();
        assertEquals((0.90 - 0.905) / (1 - 0.905), kappa, 1e-12);
        assertEquals((0.90 - 0.095) / (1 - 0.095), ac1, 1e-12);
        assertTrue(kappa < 0.1, "kappa " + kappa);
        assertTrue(ac1 > 0.85, "AC1 " + ac1);
        assertEquals(10, agreement.flagged().size());
    }

    @Test
    void everyoneInOneCategoryLeavesKappaUndefinedAndAc1AtOne() {
        List<PairedRating> allYes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            allYes.add(new PairedRating("q" + i, Answer.yes(true), Answer.yes(true)));
        }
        PairAgreement agreement = Agreement.between(RatingScale.yesNo(), Tolerance.none(), allYes);
        for (Coefficient.Kind kind : List.of(COHEN_KAPPA, LINEAR_KAPPA, QUADRATIC_KAPPA)) {
            Coefficient kappa = agreement.coefficient(kind);
            assertFalse(kappa.isDefined(), kind.name());
            assertEquals(Coefficient.Undefined.ONE_CATEGORY, kappa.undefined().orElseThrow());
            assertThrows(IllegalStateException.class, kappa::value);
        }
        for (Coefficient.Kind kind : List.of(GWET_AC1, GWET_AC2)) {
            Estimate e = agreement.coefficient(kind).estimate().orElseThrow();
            assertEquals(1.0, e.value(), 0, kind.name());
            assertEquals(0.0, e.chance(), 0, kind.name());
            assertFalse(Double.isNaN(e.standardError()));
        }
    }

    @Test
    void eachRaterInADifferentSingleCategoryGivesKappaZero() {
        // Defined (pe = pa = 0): no agreement at all beyond what chance gives.
        PairAgreement agreement = Agreement.between(RatingScale.yesNo(), Tolerance.none(),
                pairs(0, new long[][]{{0, 6}, {0, 0}}));
        assertEquals(0.0, agreement.coefficient(COHEN_KAPPA).value(), 1e-12);
        assertEquals(6, agreement.flagged().size());
    }

    @Test
    void nothingRatedByBothLeavesEveryStatisticUndefined() {
        PairAgreement agreement = Agreement.between(LIKERT, Tolerance.of(1), List.of(
                new PairedRating("a", Answer.notApplicable(), Answer.notApplicable()),
                new PairedRating("b", Answer.of(3), Answer.notApplicable())));
        assertEquals(2, agreement.items());
        assertEquals(0, agreement.rated());
        assertEquals(1, agreement.bothNotApplicable());
        assertEquals(1, agreement.notApplicableAgainstValue());
        assertTrue(agreement.exact().isEmpty());
        assertTrue(agreement.withinTolerance().isEmpty());
        for (Coefficient.Kind kind : Coefficient.Kind.values()) {
            assertEquals(Coefficient.Undefined.NO_PAIRS, agreement.coefficient(kind).undefined().orElseThrow());
        }
        assertEquals(List.of("b"), agreement.flagged().stream().map(Difference::item).toList());
        assertTrue(agreement.differences().get(0).distance().isEmpty());
    }

    @Test
    void oneItemHasAValueButNoInterval() {
        PairAgreement agreement = Agreement.between(LIKERT, Tolerance.of(1), List.of(PairedRating.of("a", 2, 4)));
        Estimate ac1 = agreement.coefficient(GWET_AC1).estimate().orElseThrow();
        assertTrue(ac1.interval95().isEmpty(), "no degrees of freedom for t");
        assertEquals(0.0, agreement.coefficient(COHEN_KAPPA).value(), 1e-12);
    }

    @Test
    void differencesListEveryItemThatDiffersAndFlagOnlyThoseBeyondTolerance() {
        List<PairedRating> pairs = List.of(
                PairedRating.of("A1", 4, 4),
                PairedRating.of("A2", 4, 5),
                PairedRating.of("A3", 2, 4),
                new PairedRating("A4", Answer.notApplicable(), Answer.of(3)),
                new PairedRating("A5", Answer.notApplicable(), Answer.notApplicable()),
                new PairedRating("A6", Answer.of("5.0"), Answer.of(5)));
        PairAgreement agreement = Agreement.between(LIKERT, Tolerance.of(1), pairs);
        assertEquals(List.of("A2", "A3", "A4"), agreement.differences().stream().map(Difference::item).toList());
        assertEquals(List.of("A3", "A4"), agreement.flagged().stream().map(Difference::item).toList());
        Difference a3 = agreement.differences().get(1);
        assertEquals(0, new BigDecimal("2").compareTo(a3.distance().orElseThrow()));
        assertEquals(4, agreement.rated());
        // exact: A1, A6 of 4 rated; within one step: A1, A2, A6
        assertEquals(2, agreement.exact().orElseThrow().rate().successes());
        assertEquals(3, agreement.withinTolerance().orElseThrow().rate().successes());
        assertEquals(4, agreement.withinTolerance().orElseThrow().rate().trials());
    }

    @Test
    void percentScaleInSteps() {
        RatingScale percent = RatingScale.percent(BigDecimal.TEN);
        assertEquals(11, percent.size());
        PairAgreement agreement = Agreement.between(percent, Tolerance.usual(percent), List.of(
                new PairedRating("P1", Answer.of(60), Answer.of(70)),
                new PairedRating("P2", Answer.of(40), Answer.of(60)),
                new PairedRating("P3", Answer.of(100), Answer.of("100.00"))));
        assertEquals(List.of("P2"), agreement.flagged().stream().map(Difference::item).toList());
        assertEquals(2, agreement.withinTolerance().orElseThrow().rate().successes());
        assertTrue(agreement.coefficient(GWET_AC2).isDefined());
    }

    @Test
    void badInputNamesEveryProblem() {
        InvalidException e = assertThrows(InvalidException.class, () -> Agreement.between(LIKERT, Tolerance.of(1),
                List.of(PairedRating.of("A1", 0, 3),
                        PairedRating.of("A1", 3, 6),
                        new PairedRating(" ", Answer.of("2.5"), Answer.of(2)))));
        assertEquals(List.of(
                        "ratings[0].first agreement.answer_off_scale",
                        "ratings[1].item agreement.item_repeated",
                        "ratings[1].second agreement.answer_off_scale",
                        "ratings[2].item agreement.item_invalid",
                        "ratings[2].first agreement.answer_off_scale"),
                e.problems().stream().map(p -> p.field() + " " + p.code()).toList());
        List<PairedRating> tooMany = new ArrayList<>();
        for (int i = 0; i <= Agreement.MAX_ITEMS; i++) {
            tooMany.add(PairedRating.of("i" + i, 1, 1));
        }
        InvalidException many = assertThrows(InvalidException.class,
                () -> Agreement.between(LIKERT, Tolerance.of(1), tooMany));
        assertEquals("agreement.too_many_items", many.problems().get(0).code());
    }

    @Test
    void scalesAreBounded() {
        for (Runnable bad : List.<Runnable>of(
                () -> RatingScale.likert(3, 3),
                () -> RatingScale.likert(1, 200),
                () -> RatingScale.of(List.of(BigDecimal.ONE)),
                () -> RatingScale.of(List.of(BigDecimal.ONE, BigDecimal.ONE)),
                () -> RatingScale.percent(new BigDecimal("0.5")),
                () -> RatingScale.percent(new BigDecimal("30")),
                () -> RatingScale.percent(BigDecimal.ZERO))) {
            InvalidException e = assertThrows(InvalidException.class, bad::run);
            assertTrue(e.problems().stream().map(FieldProblem::field).allMatch("scale"::equals));
        }
        assertEquals(41, RatingScale.percent(new BigDecimal("2.5")).size());
        assertEquals(101, RatingScale.percent(BigDecimal.ONE).size());
    }
}
