package com.tanfang.scoring;

import com.tanfang.scheme.BuiltInSchemes;
import com.tanfang.scheme.Item;
import com.tanfang.message.FieldProblem;
import com.tanfang.message.InvalidException;
import com.tanfang.message.Message;
import com.tanfang.scheme.Scheme;
import com.tanfang.scheme.SchemeDocument;
import com.tanfang.scheme.SchemeValidator;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoringEngineTest {

    /** The lines in English, as a person reading the log would see them. */
    private static List<String> english(List<Message> lines) {
        return lines.stream().map(Message::english).toList();
    }
    static final Scheme GBT = BuiltInSchemes.gbt27922();
    static final ScoringEngine GBT_ENGINE = new ScoringEngine(GBT);

    /** Every GB/T item at {@code percent} by rater A, except the given overrides (code → percent). */
    static List<Rating> gbt(String percent, Map<String, String> overrides) {
        return GBT.items().map(i -> Rating.percent(i.code(), "A", overrides.getOrDefault(i.code(), percent))).toList();
    }

    static Fraction f(String s) {
        return Fraction.parse(s);
    }

    static String grade(ScoreResult r) {
        return r.grade() == null ? null : r.grade().key();
    }

    static List<String> failCodes(ScoreResult r) {
        return r.failReasons().stream().map(ScoreResult.FailReason::code).toList();
    }

    static ScoreResult.ItemResult item(ScoreResult r, String code) {
        return r.parts().stream().flatMap(p -> p.groups().stream()).flatMap(g -> g.items().stream())
                .filter(i -> i.code().equals(code)).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------ 004 grade table boundaries

    @Test
    void seventyIsCompliantAndSixtyNineNinetyNineFails() {
        ScoreResult seventy = GBT_ENGINE.score(gbt("70", Map.of()));
        assertEquals(f("70"), seventy.total());
        assertEquals("compliant", grade(seventy));
        assertTrue(seventy.passed());
        assertTrue(seventy.complete());

        // B1 is worth 1 point: 69 % instead of 70 % loses exactly 0.01.
        ScoreResult below = GBT_ENGINE.score(gbt("70", Map.of("B1", "69")));
        assertEquals(f("69.99"), below.total());
        assertFalse(below.passed());
        assertNull(below.grade());
        assertEquals(List.of("grade.below_lowest"), failCodes(below));
    }

    @Test
    void eightyIsThreeStarNinetyFourNinetyNineIsFourStarNinetyFiveIsFiveStar() {
        assertEquals("three-star", grade(GBT_ENGINE.score(gbt("80", Map.of()))));
        assertEquals("compliant", grade(GBT_ENGINE.score(gbt("80", Map.of("B1", "79")))));
        assertEquals("four-star", grade(GBT_ENGINE.score(gbt("90", Map.of()))));
        assertEquals("four-star", grade(GBT_ENGINE.score(gbt("95", Map.of("B1", "94")))));
        ScoreResult five = GBT_ENGINE.score(gbt("95", Map.of()));
        assertEquals("five-star", grade(five));
        assertEquals(f("95"), five.percentage());
    }

    // ------------------------------------------------------------ special deductions and bonus

    @Test
    void fourDeductionsPassFiveFail() {
        List<Deduction> four = List.of(Deduction.of("a"), Deduction.of("b"), Deduction.of("c"), Deduction.of("d"));
        ScoreResult ok = GBT_ENGINE.score(gbt("100", Map.of()), four, null);
        assertEquals(f("96"), ok.total());
        assertEquals("five-star", grade(ok));

        List<Deduction> five = new ArrayList<>(four);
        five.add(Deduction.of("e"));
        ScoreResult fail = GBT_ENGINE.score(gbt("100", Map.of()), five, null);
        assertEquals(f("95"), fail.total());
        assertEquals(List.of("deductions.count"), failCodes(fail));
        assertNull(fail.grade());
    }

    @Test
    void pointsBasedFailRuleFailsOnlyAboveTheLimit() {
        // Bus line: 5 points per deduction, more than 10 deducted points fail.
        ScoringEngine bus = new ScoringEngine(BuiltInSchemes.busLine());
        List<Rating> allYes = bus.scheme().items().map(i -> Rating.yes(i.code(), "rider-1", true)).toList();
        ScoreResult two = bus.score(allYes, List.of(Deduction.of("phone while driving"), Deduction.of("ran a red light")), null);
        assertEquals(f("90"), two.total());
        assertEquals(f("10"), two.deductedPoints());
        assertEquals("good", grade(two));

        ScoreResult more = bus.score(allYes, List.of(Deduction.of("phone while driving"),
                new Deduction("ran a red light", new BigDecimal("5.5"))), null);
        assertEquals(f("10.5"), more.deductedPoints());
        assertEquals(List.of("deductions.points"), failCodes(more));
    }

    @Test
    void bonusAppliesAfterProRatingAndIsCapped() {
        ScoreResult r = GBT_ENGINE.score(gbt("90", Map.of("B11", "0")), List.of(), Bonus.of("1.5", "national award"));
        // 90 % of 97 points plus 0 of 3 = 87.3; bonus capped at 1.
        assertEquals(f("87.3"), r.prorated());
        assertEquals(f("1"), r.bonus());
        assertEquals(f("88.3"), r.total());
        assertEquals(List.of("bonus 1.5 capped at 1"), english(r.warnings()));
        assertTrue(english(r.explanation()).contains("+ special bonus 1 (1.5 capped at the maximum 1): national award"), english(r.explanation()).toString());
    }

    // ------------------------------------------------------------ pro-rating with N/A

    @Test
    void notApplicableItemsLeaveTheDenominator() {
        List<Rating> ratings = new ArrayList<>(gbt("100", Map.of("B2", "0")));
        ratings.removeIf(r -> r.item().equals("B1"));
        ratings.add(Rating.notApplicable("B1", "A"));
        ScoreResult r = GBT_ENGINE.score(ratings);
        assertEquals(f("97"), r.achieved());
        assertEquals(f("99"), r.applicable());
        assertEquals(f("9700/99"), r.total());
        assertEquals("achieved 97 / applicable 99 × 100 = 97.9797…", english(r.explanation()).get(0));
        ScoreResult.ItemResult b1 = item(r, "B1");
        assertEquals(ItemStatus.NOT_APPLICABLE, b1.status());
        assertEquals(Fraction.ZERO, b1.applicable());
        ScoreResult.GroupResult group = r.parts().get(0).groups().get(0);
        assertEquals(f("5"), group.applicable());
        assertEquals("Σ items: achieved 3 of applicable 5 (1 N/A points excluded) = 60 %", english(group.explanation()).get(0));
        assertEquals("five-star", grade(r));
    }

    @Test
    void notApplicableOnAnItemThatForbidsItIsAProblem() {
        List<Rating> ratings = new ArrayList<>(gbt("100", Map.of()));
        ratings.add(Rating.notApplicable("A1", "B"));
        InvalidException e = assertThrows(InvalidException.class, () -> GBT_ENGINE.score(ratings));
        assertEquals(List.of(FieldProblem.of("ratings[50].notApplicable", "rating.na_not_allowed", "A1")),
                e.problems());
    }

    // ------------------------------------------------------------ several raters

    @Test
    void twoRatersWhoDisagreeAreAveraged() {
        Scheme property = BuiltInSchemes.propertyManagement();
        List<Rating> ratings = new ArrayList<>(allLikert(property, 5, "A"));
        ratings.removeIf(r -> r.item().equals("P2"));
        ratings.add(Rating.likert("P2", "B", 5));
        ratings.add(Rating.likert("P2", "A", 4));
        ScoreResult r = new ScoringEngine(property).score(ratings);
        ScoreResult.ItemResult p2 = item(r, "P2");
        assertEquals(2, p2.ratings());
        assertEquals(f("7/8"), p2.coefficient());
        assertEquals(f("4.375"), p2.achieved());
        assertEquals(List.of("mean of 2 rating(s) (A: likert 4 → 0.75, B: likert 5 → 1) = 0.875 × 5 points = 4.375"),
                english(p2.explanation()));
        assertEquals(f("99.375"), r.total());
    }

    @Test
    void anyRealAnswerOutweighsNotApplicable() {
        Scheme property = BuiltInSchemes.propertyManagement();
        List<Rating> ratings = new ArrayList<>(allLikert(property, 5, "A"));
        ratings.removeIf(r -> r.item().equals("P17"));
        ratings.add(Rating.notApplicable("P17", "A"));
        ratings.add(Rating.likert("P17", "B", 3));
        ScoreResult r = new ScoringEngine(property).score(ratings);
        ScoreResult.ItemResult p17 = item(r, "P17");
        assertEquals(ItemStatus.SCORED, p17.status());
        assertEquals(1, p17.ratings());
        assertEquals(1, p17.notApplicableRatings());
        assertEquals(f("2"), p17.achieved());
        assertEquals(f("4"), p17.applicable());
        assertEquals(1, english(r.warnings()).size());
        assertTrue(english(r.warnings()).get(0).startsWith("P17: 1 rating(s) said N/A"), english(r.warnings()).toString());
    }

    @Test
    void manyRatingsAreSummarisedByAnswer() {
        List<Rating> ratings = new ArrayList<>(gbt("100", Map.of()));
        ratings.removeIf(r -> r.item().equals("C7"));
        for (int k = 0; k < 12; k++) {
            ratings.add(Rating.percent("C7", "visit-" + k, k < 6 ? "50" : "75.5"));
        }
        ScoreResult.ItemResult c7 = item(GBT_ENGINE.score(ratings), "C7");
        assertEquals(f("0.6275"), c7.coefficient());
        assertEquals("mean of 12 rating(s) (percents summing to 753) = 0.6275 × 7 points = 4.3925", english(c7.explanation()).get(0));
    }

    // ------------------------------------------------------------ missing items

    @Test
    void anItemNobodyRatedIsMissingNotSilentlyZero() {
        List<Rating> ratings = new ArrayList<>(gbt("100", Map.of()));
        ratings.removeIf(r -> r.item().equals("A4"));
        ScoreResult r = GBT_ENGINE.score(ratings);
        assertFalse(r.complete());
        assertEquals(List.of("A4"), r.missingItems());
        assertEquals(ItemStatus.MISSING, item(r, "A4").status());
        assertEquals(f("95"), r.total());
        assertEquals("five-star", grade(r)); // graded, but flagged incomplete
        assertTrue(english(r.warnings()).contains("1 item(s) have no rating and count as 0: A4"));
    }

    // ------------------------------------------------------------ homestay: both parts at least 70

    /** Service at 70 (or 69.9) and management at 70 exactly, with the LINEAR mapping of the scheme. */
    static List<Rating> homestay(boolean serviceJustBelow) {
        Scheme h = BuiltInSchemes.homestay();
        List<Rating> ratings = new ArrayList<>(allLikert(h, 4, "G1")); // 75 + 75
        ratings.removeIf(r -> List.of("H6", "H7", "H9", "H21", "H23").contains(r.item()));
        // Service: H6 (10 points) rated 3 and 2 → 3.75; H7 (5) rated 3 → 2.5: 75 - 3.75 - 1.25 = 70.
        ratings.addAll(List.of(Rating.likert("H6", "G1", 3), Rating.likert("H6", "G2", 2), Rating.likert("H7", "G1", 3)));
        if (serviceJustBelow) {
            // H9 (2 points) rated 4,4,4,4,3 → 0.7 × 2 = 1.4 instead of 1.5: 69.9.
            for (int k = 1; k <= 5; k++) {
                ratings.add(Rating.likert("H9", "G" + k, k == 5 ? 3 : 4));
            }
        } else {
            ratings.add(Rating.likert("H9", "G1", 4));
        }
        // Management: the same shape on H21 (10) and H23 (5).
        ratings.addAll(List.of(Rating.likert("H21", "G1", 3), Rating.likert("H21", "G2", 2), Rating.likert("H23", "G1", 3)));
        return ratings;
    }

    @Test
    void homestayPassesWithBothPartsAtSeventy() {
        ScoreResult r = new ScoringEngine(BuiltInSchemes.homestay()).score(homestay(false));
        assertEquals(f("70"), r.parts().get(0).percentage());
        assertEquals(f("70"), r.parts().get(1).percentage());
        assertEquals(Boolean.TRUE, r.parts().get(0).passed());
        assertNull(r.total()); // parts reported separately: no 200-point total
        assertEquals("three-diamond", grade(r));
    }

    @Test
    void homestayFailsWhenOnePartIsSixtyNineNine() {
        ScoreResult r = new ScoringEngine(BuiltInSchemes.homestay()).score(homestay(true));
        assertEquals(f("69.9"), r.parts().get(0).percentage());
        assertEquals(Boolean.FALSE, r.parts().get(0).passed());
        assertEquals(List.of("part.below_minimum", "grade.below_lowest"), failCodes(r));
        assertEquals("service", r.failReasons().get(0).partKey());
        assertEquals("the lowest grade Three diamonds is not reached: Service (mystery-guest stay) 69.9 % < 70 %, Management 70 % ≥ 70 %",
                r.failReasons().get(1).message().english());
        assertTrue(english(r.parts().get(0).explanation()).contains("pass condition: 69.9 % < 70 % → fails"));
    }

    @Test
    void homestayPartRuleFailsEvenWhenTheOtherPartIsPerfect() {
        Scheme h = BuiltInSchemes.homestay();
        List<Rating> ratings = new ArrayList<>(homestay(true));
        List<String> management = h.parts().get(1).groups().stream().flatMap(g -> g.items().stream()).map(Item::code).toList();
        ratings.removeIf(r -> management.contains(r.item()));
        management.forEach(code -> ratings.add(Rating.likert(code, "G1", 5)));
        ScoreResult r = new ScoringEngine(h).score(ratings);
        assertNull(r.total());
        assertEquals(f("100"), r.parts().get(1).score());
        assertEquals(List.of("part.below_minimum", "grade.below_lowest"), failCodes(r));
        assertNull(r.grade());
    }

    // ------------------------------------------------------------ elderly care: 14.8 + 82.9 = 97.7

    @Test
    void elderlyCareExampleIsFiveStar() {
        Scheme e = BuiltInSchemes.elderlyCare();
        List<Rating> ratings = new ArrayList<>();
        for (Item i : e.items().toList()) {
            switch (i.code()) {
                case "E1" -> { // 4 points: 5,5,5,5,4 → 0.95 → 3.8
                    for (int k = 1; k <= 5; k++) ratings.add(Rating.likert("E1", "R" + k, k == 5 ? 4 : 5));
                }
                case "E14" -> { // 3 points: 4,4,4,4,5 → 0.8 → 2.4
                    for (int k = 1; k <= 5; k++) ratings.add(Rating.likert("E14", "R" + k, k == 5 ? 5 : 4));
                }
                case "E18" -> ratings.add(Rating.likert("E18", "R1", 4)); // 2 points × 0.75 = 1.5
                case "E21" -> ratings.add(Rating.yes("E21", "R1", false)); // yes/no: all or nothing
                default -> ratings.add(i.answerType() == com.tanfang.scheme.AnswerType.YES_NO
                        ? Rating.yes(i.code(), "R1", true) : Rating.likert(i.code(), "R1", 5));
            }
        }
        ScoreResult r = new ScoringEngine(e).score(ratings);
        assertEquals(f("14.8"), r.parts().get(0).achieved());
        assertEquals(f("82.9"), r.parts().get(1).achieved());
        assertEquals(f("97.7"), r.total());
        assertEquals("five-star", grade(r));
        assertEquals("grade: Five-star (97.7 ≥ 95)", english(r.explanation()).get(english(r.explanation()).size() - 1));
    }

    // ------------------------------------------------------------ answer kinds

    @Test
    void itemsCanBeReferencedByClause() {
        List<Rating> ratings = GBT.items().map(i -> Rating.percent(i.clause(), "A", "80")).toList();
        assertEquals(f("80"), GBT_ENGINE.score(ratings).total());
    }

    @Test
    void numericItemsMapThroughTheirRangeClamped() {
        SchemeDocument doc = new SchemeDocument("n", "数值", "Numeric", null, null, new BigDecimal("10"), null, null, null,
                List.of(new SchemeDocument.Grade("ok", "合格", "OK", new BigDecimal("5"))),
                List.of(new SchemeDocument.Part("p", "部分", "Part", new BigDecimal("10"), null, List.of(
                        new SchemeDocument.Group("1", "组", "Group", new BigDecimal("10"), List.of(
                                new SchemeDocument.Item("1.1", "W", new BigDecimal("10"), "等待时间", "Waiting minutes",
                                        List.of("COVERT_VISIT"), "NUMERIC", false,
                                        new SchemeDocument.Numeric(new BigDecimal("30"), new BigDecimal("5")))))))));
        ScoringEngine engine = new ScoringEngine(SchemeValidator.validate(doc).orThrow());
        assertEquals(f("5"), engine.score(List.of(Rating.numeric("W", "A", new BigDecimal("17.5")))).total());
        assertEquals(f("10"), engine.score(List.of(Rating.numeric("W", "A", new BigDecimal("3")))).total());
        // 40 minutes → 0, 5 → 1: mean 0.5.
        assertEquals(f("5"), engine.score(List.of(Rating.numeric("W", "A", new BigDecimal("40")),
                Rating.numeric("W", "B", new BigDecimal("5")))).total());
    }

    @Test
    void invalidRatingsAreAllReportedWithTheirIndex() {
        Scheme property = BuiltInSchemes.propertyManagement();
        List<Rating> ratings = List.of(
                Rating.likert("P1", "A", 4),                                   // 0 fine
                Rating.likert("NOPE", "A", 4),                                 // 1 unknown item
                Rating.likert("P1", "A", 6),                                   // 2 out of range
                Rating.yes("P1", "A", true),                                   // 3 wrong kind
                new Rating("P1", "A", 3, true, null, null, null),              // 4 two answers
                Rating.notApplicable("P1", "A"),                               // 5 N/A not allowed
                Rating.likert("P1", " ", 3),                                   // 6 no rater
                Rating.likert("P8", "A", 3));                                  // 7 P8 is yes/no
        InvalidException e = assertThrows(InvalidException.class,
                () -> new ScoringEngine(property).score(ratings, List.of(Deduction.of("")), new Bonus(new BigDecimal("-1"), "x")));
        assertEquals(List.of(
                "ratings[1].item rating.unknown_item",
                "ratings[2].likert rating.range",
                "ratings[3].likert rating.wrong_kind",
                "ratings[4] rating.answer_count",
                "ratings[5].notApplicable rating.na_not_allowed",
                "ratings[6].rater required",
                "ratings[7].yes rating.wrong_kind",
                "deductions[0].reason required",
                "bonus.points bonus.invalid"), e.problems().stream().map(p -> p.field() + " " + p.code()).toList());
        assertEquals("must be 1..5, got 6", e.problems().get(1).message().english());
    }

    @Test
    void checkReportsTheSameProblemsWithoutScoring() {
        List<Rating> ratings = List.of(Rating.percent("B1", "A", "50"), Rating.likert("B2", "A", 3));
        assertEquals(List.of(FieldProblem.of("ratings[1].percent", "rating.wrong_kind", "B2", "PERCENT", "percent", "likert 3")),
                GBT_ENGINE.check(ratings));
        assertEquals("item B2 is PERCENT and needs 'percent', got likert 3", GBT_ENGINE.check(ratings).get(0).message().english());
        assertEquals(List.of(), GBT_ENGINE.check(ratings.subList(0, 1)));
    }

    @Test
    void percentsMustBeWithinRangeWithTwoDecimals() {
        InvalidException e = assertThrows(InvalidException.class, () -> GBT_ENGINE.score(List.of(
                Rating.percent("B1", "A", "100.01"), Rating.percent("B1", "A", "-1"), Rating.percent("B1", "A", "33.333"),
                Rating.percent("B1", "A", "33.30"))));
        assertEquals(List.of("ratings[0].percent rating.range", "ratings[1].percent rating.range",
                "ratings[2].percent rating.precision"), e.problems().stream().map(p -> p.field() + " " + p.code()).toList());
    }

    static List<Rating> allLikert(Scheme s, int answer, String rater) {
        return s.items().map(i -> i.answerType() == com.tanfang.scheme.AnswerType.YES_NO
                ? Rating.yes(i.code(), rater, answer >= 3) : Rating.likert(i.code(), rater, answer)).toList();
    }
}
