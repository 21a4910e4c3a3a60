package com.tanfang.scoring;

import com.tanfang.message.InvalidException;
import com.tanfang.message.Message;
import com.tanfang.scheme.Scheme;
import com.tanfang.scheme.SchemeDocument;
import com.tanfang.scheme.SchemeDocuments;
import com.tanfang.scheme.SchemeValidator;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of issue 11 on small hand-made schemes: each figure is worked out in the comment beside it. */
class SchemeRulesTest {

    // ------------------------------------------------------------ terse document builders

    static SchemeDocument.Item item(String clause, String code, String points, String type) {
        return new SchemeDocument.Item(clause, code, new BigDecimal(points), "条款" + clause, "Item " + clause,
                List.of("OPEN_INSPECTION"), type, false, null);
    }

    static SchemeDocument.Item veto(String clause, String code, String points) {
        return new SchemeDocument.Item(clause, code, new BigDecimal(points), "无重大安全事故", "No major safety incident",
                List.of("OPEN_INSPECTION"), "YES_NO", false, null,
                new SchemeDocument.Veto(false, "发生重大安全事故", "a major safety incident"));
    }

    static SchemeDocument.Part part(String key, String points, String passPercent, String passPoints, String gatedBy,
                                    SchemeDocument.Item... items) {
        BigDecimal sum = Arrays.stream(items).map(SchemeDocument.Item::points).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new SchemeDocument.Part(key, key, key, new BigDecimal(points), dec(passPercent),
                List.of(new SchemeDocument.Group(key + "-g", key, key, sum, List.of(items))), dec(passPoints), gatedBy);
    }

    static BigDecimal dec(String s) {
        return s == null ? null : new BigDecimal(s);
    }

    static SchemeDocument doc(String fullMarks, List<SchemeDocument.Grade> grades, String reporting,
                              SchemeDocument.Combination combination, SchemeDocument.BonusItems bonus,
                              SchemeDocument.Special special, SchemeDocument.Part... parts) {
        return new SchemeDocument("rules", "规则", "Rules", null, null, new BigDecimal(fullMarks),
                new SchemeDocument.Likert("LINEAR", null), special, null, grades, List.of(parts), reporting, combination,
                bonus, null);
    }

    static Scheme scheme(SchemeDocument d) {
        Scheme s = SchemeValidator.validate(d).orThrow();
        assertEquals(s, SchemeValidator.validate(SchemeDocuments.toDocument(s)).orThrow(), "round trip");
        return s;
    }

    static SchemeDocument.Grade grade(String key, String minimum, SchemeDocument.PartCondition... conditions) {
        return new SchemeDocument.Grade(key, key, key, dec(minimum), conditions.length == 0 ? null : List.of(conditions));
    }

    static SchemeDocument.PartCondition percent(String part, String minimum) {
        return new SchemeDocument.PartCondition(part, new BigDecimal(minimum), null);
    }

    static Fraction f(String s) {
        return Fraction.parse(s);
    }

    static List<String> codes(ScoreResult r) {
        return r.failReasons().stream().map(ScoreResult.FailReason::code).toList();
    }

    static List<String> english(List<Message> lines) {
        return lines.stream().map(Message::english).toList();
    }

    static ScoreResult.ItemResult item(ScoreResult r, String code) {
        return r.parts().stream().flatMap(p -> p.groups().stream()).flatMap(g -> g.items().stream())
                .filter(i -> i.code().equals(code)).findFirst().orElseThrow();
    }

    // ------------------------------------------------------------ veto items (一票否决)

    static final Scheme VETO = scheme(doc("10", List.of(grade("ok", "6")), null, null, null, null,
            part("p", "10", null, null, null, item("1", "A", "10", "YES_NO"), veto("2", "SAFE", "0"))));

    @Test
    void oneNoOnAVetoItemFailsTheEvaluationWhateverTheScore() {
        ScoreResult r = new ScoringEngine(VETO).score(List.of(Rating.yes("A", "R1", true), Rating.yes("SAFE", "R1", true),
                Rating.yes("SAFE", "R2", false)));
        assertEquals(f("10"), r.total()); // the score stands, the evaluation fails
        assertFalse(r.passed());
        assertNull(r.grade());
        assertEquals(List.of("veto"), codes(r));
        // each language reads its own reason (both were printed side by side before)
        assertEquals("veto by item SAFE: a major safety incident (answered \"no\" by R2)",
                r.failReasons().get(0).message().english());
        assertEquals("条款 SAFE 一票否决：发生重大安全事故（R2 回答“否”）",
                com.tanfang.message.MessageBundle.render(com.tanfang.message.Language.ZH_CN, r.failReasons().get(0).message()));
        assertTrue(item(r, "SAFE").vetoed());
    }

    @Test
    void aVetoEnteredByTheTeamFailsToo() {
        ScoreResult r = new ScoringEngine(VETO).score(List.of(Rating.yes("A", "R1", true), Rating.yes("SAFE", "R1", true)),
                List.of(), null, List.of(new Veto("fire exit locked")));
        assertEquals(List.of("veto"), codes(r));
        assertEquals("veto: fire exit locked", r.failReasons().get(0).message().english());
        ScoreResult clean = new ScoringEngine(VETO).score(List.of(Rating.yes("A", "R1", true), Rating.yes("SAFE", "R1", true)));
        assertTrue(clean.passed());
        InvalidException e = assertThrows(InvalidException.class, () -> new ScoringEngine(VETO).score(List.of(), List.of(),
                null, List.of(new Veto(" "))));
        assertEquals("vetoes[0].reason", e.problems().get(0).field());
    }

    @Test
    void onlyYesNoItemsCanVeto() {
        SchemeDocument.Item likertVeto = new SchemeDocument.Item("2", "L", BigDecimal.ONE, "x", "x", List.of("OPEN_INSPECTION"),
                "LIKERT_5", false, null, new SchemeDocument.Veto(false, "r", "r"));
        var problems = SchemeValidator.validate(doc("1", List.of(), null, null, null, null,
                part("p", "1", null, null, null, likertVeto))).problems();
        assertEquals("parts[0].groups[0].items[0].veto", problems.get(0).field());
        assertEquals("veto.yes_no_only", problems.get(0).code());
    }

    // ------------------------------------------------------------ parts with their own scale, reported separately

    /** 1000-point maturity part (pass at 800 points) + 100-point service part (pass at 90 %), no total, pass / fail only. */
    static final Scheme SEPARATE = scheme(doc("1100", List.of(), "PARTS_SEPARATELY", null, null, null,
            part("maturity", "1000", null, "800", null, item("1", "M", "1000", "PERCENT")),
            part("service", "100", "90", null, null, item("2", "S", "100", "PERCENT"))));

    @Test
    void partsReportedSeparatelyHaveNoTotalAndPassOnTheirOwnScales() {
        ScoreResult r = new ScoringEngine(SEPARATE).score(List.of(Rating.percent("M", "A", "87.63"), Rating.percent("S", "A", "90.6")));
        assertNull(r.total());
        assertNull(r.achieved());
        assertNull(r.percentage());
        assertEquals(f("876.3"), r.parts().get(0).score());
        assertNull(r.parts().get(0).contribution());
        assertTrue(r.passed(), english(r.explanation()).toString());
        assertNull(r.grade());
        List<String> lines = english(r.explanation());
        assertEquals("parts reported separately, no combined total: maturity 876.3 / 1000; service 90.6 / 100", lines.get(0));
        assertEquals("passed", lines.get(lines.size() - 1));
        assertTrue(english(r.parts().get(0).explanation()).contains("pass condition: 876.3 ≥ 800 of 1000 points → passes"));

        ScoreResult low = new ScoringEngine(SEPARATE).score(List.of(Rating.percent("M", "A", "79.99"), Rating.percent("S", "A", "95")));
        assertEquals(List.of("part.below_minimum"), codes(low));
        assertEquals("part maturity reached 799.9 points, below its minimum 800 points", low.failReasons().get(0).message().english());
    }

    @Test
    void separatePartsRefuseATotalMinimumAndBonus() {
        var problems = SchemeValidator.validate(doc("1100", List.of(grade("g", "900")), "PARTS_SEPARATELY", null,
                new SchemeDocument.BonusItems(BigDecimal.ONE, List.of()), null,
                part("maturity", "1000", null, "800", null, item("1", "M", "1000", "PERCENT")),
                part("service", "100", "90", null, null, item("2", "S", "100", "PERCENT")))).problems();
        assertEquals(List.of("bonusItems reporting.no_total_for_bonus", "grades[0].minimum grades.minimum_without_total"),
                problems.stream().map(p -> p.field() + " " + p.code()).sorted().toList());
        var both = SchemeValidator.validate(doc("10", List.of(), null, null, null, null,
                new SchemeDocument.Part("p", "p", "p", BigDecimal.TEN, BigDecimal.ONE, List.of(new SchemeDocument.Group("g", "g", "g",
                        BigDecimal.TEN, List.of(item("1", "A", "10", "YES_NO")))), BigDecimal.ONE, null))).problems();
        assertEquals("passMinimum.both", both.get(0).code());
    }

    // ------------------------------------------------------------ grades with conditions on parts

    /** Two 100-point parts, reported separately; diamonds by conditions on both parts. */
    static final Scheme DIAMONDS = scheme(doc("200", List.of(
                    grade("three", null, percent("service", "70"), percent("management", "70")),
                    grade("four", null, percent("service", "85"), percent("management", "80"))),
            "PARTS_SEPARATELY", null, null, null,
            part("service", "100", "70", null, null, item("1", "S", "100", "PERCENT")),
            part("management", "100", "70", null, null, item("2", "M", "100", "PERCENT"))));

    @Test
    void aGradeNeedsEveryPartCondition() {
        ScoreResult four = new ScoringEngine(DIAMONDS).score(List.of(Rating.percent("S", "A", "85"), Rating.percent("M", "A", "80")));
        assertEquals("four", four.grade().key());
        List<String> lines = english(four.explanation());
        assertEquals("grade: four (service 85 % ≥ 85 %, management 80 % ≥ 80 %)", lines.get(lines.size() - 1));
        ScoreResult three = new ScoringEngine(DIAMONDS).score(List.of(Rating.percent("S", "A", "99"), Rating.percent("M", "A", "79.99")));
        assertEquals("three", three.grade().key());
        ScoreResult none = new ScoringEngine(DIAMONDS).score(List.of(Rating.percent("S", "A", "99"), Rating.percent("M", "A", "69.99")));
        assertEquals(List.of("part.below_minimum", "grade.below_lowest"), codes(none));
        assertEquals("the lowest grade three is not reached: service 99 % ≥ 70 %, management 69.99 % < 70 %",
                none.failReasons().get(1).message().english());
    }

    @Test
    void aGradeConditionMustNameAPart() {
        var problems = SchemeValidator.validate(doc("100", List.of(grade("g", null, percent("nope", "70"))), null, null, null, null,
                part("p", "100", null, null, null, item("1", "A", "100", "PERCENT")))).problems();
        assertEquals(List.of("grades[0].conditions[0].part gatedBy.unknown_part"),
                problems.stream().map(p -> p.field() + " " + p.code()).toList());
    }

    // ------------------------------------------------------------ gating

    /** Management 15 (must reach 70 %) gates service 85. */
    static final Scheme GATED = scheme(doc("100", List.of(grade("pass", "60")), null, null, null, null,
            part("management", "15", "70", null, null, item("1", "M", "15", "PERCENT")),
            part("service", "85", null, null, "management", item("2", "S", "85", "PERCENT"))));

    @Test
    void aGatedPartIsNotEvaluatedWhenItsGateFails() {
        ScoreResult r = new ScoringEngine(GATED).score(List.of(Rating.percent("M", "A", "60"), Rating.percent("S", "A", "100")));
        ScoreResult.PartResult service = r.parts().get(1);
        assertFalse(service.evaluated());
        assertNull(service.score());
        assertNull(service.percentage());
        assertEquals(com.tanfang.scoring.ItemStatus.NOT_EVALUATED, item(r, "S").status());
        assertNull(r.total()); // never "9 of 100"
        assertEquals(List.of("part.below_minimum", "part.not_evaluated"), codes(r));
        assertEquals("part service was not evaluated: part management did not pass", r.failReasons().get(1).message().english());
        assertEquals(List.of("part service was not evaluated (part management did not pass): its 1 rating(s) are ignored"),
                english(r.warnings()));
        assertTrue(r.complete());

        ScoreResult reached = new ScoringEngine(GATED).score(List.of(Rating.percent("M", "A", "70"), Rating.percent("S", "A", "100")));
        assertTrue(reached.parts().get(1).evaluated());
        assertEquals(f("95.5"), reached.total()); // 10.5 + 85
        assertTrue(reached.passed());
    }

    @Test
    void aGateMustBeAnEarlierPartWithAPassRule() {
        var problems = SchemeValidator.validate(doc("100", List.of(grade("pass", "60")), null, null, null, null,
                part("management", "15", null, null, null, item("1", "M", "15", "PERCENT")),
                part("service", "85", null, null, "management", item("2", "S", "80", "PERCENT"), item("3", "T", "5", "PERCENT")),
                part("x", "0", null, null, "later", item("4", "X", "0", "PERCENT")))).problems();
        assertEquals(List.of("parts[1].gatedBy gatedBy.no_pass_rule", "parts[2].gatedBy gatedBy.unknown_part"),
                problems.stream().map(p -> p.field() + " " + p.code()).sorted().toList());
    }

    // ------------------------------------------------------------ bonus items (加分项), outside pro-rating

    /** 100 points + bonus items 4 + 4 + 4 capped at 10. */
    static final Scheme BONUS = scheme(doc("100", List.of(grade("pass", "60"), grade("excellent", "105")), null, null,
            new SchemeDocument.BonusItems(BigDecimal.TEN, List.of(
                    new SchemeDocument.BonusItem("B1", "X1", new BigDecimal("4"), "智慧导览", "Smart guide"),
                    new SchemeDocument.BonusItem("B2", null, new BigDecimal("4"), "志愿服务", "Volunteers"),
                    new SchemeDocument.BonusItem("B3", "X3", new BigDecimal("4"), "获奖", "Award"))), null,
            part("p", "100", null, null, null, item("1", "A", "50", "PERCENT"),
                    new SchemeDocument.Item("2", "N", new BigDecimal("50"), "x", "x", List.of("OPEN_INSPECTION"), "PERCENT", true, null))));

    @Test
    void bonusItemsAreAddedAfterProRatingAndCapped() {
        // A 90 % of 50, N is N/A: pro-rated 45 / 50 × 100 = 90; bonus 4 + 4 + 4 = 12 capped at 10 → 100
        ScoreResult r = new ScoringEngine(BONUS).score(List.of(Rating.percent("A", "R", "90"), Rating.notApplicable("N", "R"),
                Rating.yes("X1", "R", true), Rating.yes("B2", "R", true), Rating.yes("X3", "R", true)));
        assertEquals(f("90"), r.prorated());
        assertEquals(f("10"), r.bonusItemPoints());
        assertEquals(f("100"), r.total());
        assertEquals("pass", r.grade().key());
        assertTrue(english(r.explanation()).contains("+ bonus items 10 (12 capped at 10): X1 4, B2 4, X3 4"), english(r.explanation()).toString());
        assertEquals("B2", r.bonusItems().get(1).code()); // no code: named by its clause
        // N/A items never touch the bonus; an unrated bonus item earns nothing and does not make the result incomplete
        ScoreResult one = new ScoringEngine(BONUS).score(List.of(Rating.percent("A", "R", "100"), Rating.percent("N", "R", "100"),
                Rating.yes("X1", "R", true)));
        assertEquals(f("104"), one.total());
        assertTrue(one.complete());
    }

    @Test
    void gradesMayReachIntoTheBonusItemsCap() {
        assertTrue(SchemeValidator.validate(SchemeDocuments.toDocument(BONUS)).valid()); // 105 ≤ 100 + 10
    }

    // ------------------------------------------------------------ special deduction rule: count, points or both

    @Test
    void countAndPointsRulesTogetherFailWhenEitherHolds() {
        Scheme s = scheme(doc("10", List.of(grade("ok", "1")), null, null, null,
                new SchemeDocument.Special(BigDecimal.ONE, BigDecimal.ZERO, new SchemeDocument.FailWhen(3, new BigDecimal("4"))),
                part("p", "10", null, null, null, item("1", "A", "10", "YES_NO"))));
        List<Rating> yes = List.of(Rating.yes("A", "R", true));
        assertTrue(new ScoringEngine(s).score(yes, List.of(Deduction.of("a"), Deduction.of("b")), null).passed());
        assertEquals(List.of("deductions.count"), codes(new ScoringEngine(s).score(yes,
                List.of(Deduction.of("a"), Deduction.of("b"), Deduction.of("c")), null)));
        assertEquals(List.of("deductions.points"), codes(new ScoringEngine(s).score(yes,
                List.of(new Deduction("a", new BigDecimal("4.5"))), null)));
        assertEquals(List.of("deductions.count", "deductions.points"), codes(new ScoringEngine(s).score(yes,
                List.of(new Deduction("a", new BigDecimal("3")), Deduction.of("b"), Deduction.of("c")), null)));
    }

    // ------------------------------------------------------------ combining ratings: two raters, three visits, by hand

    /** One item of each kind, 12 points each; mapping 0, 0.1, 0.5, 0.9, 1 so that the rules differ. */
    static Scheme combining(String raters, String likert, String yesNo) {
        SchemeDocument d = doc("24", List.of(grade("ok", "1")), null, new SchemeDocument.Combination(raters, likert, yesNo), null, null,
                part("p", "24", null, null, null, item("1", "L", "12", "LIKERT_5"), item("2", "Y", "12", "YES_NO")));
        d = new SchemeDocument(d.code(), d.titleZh(), d.titleEn(), null, null, d.fullMarks(),
                new SchemeDocument.Likert("CUSTOM", List.of(dec("0"), dec("0.1"), dec("0.5"), dec("0.9"), dec("1"))),
                null, null, d.grades(), d.parts(), null, d.combination(), null, null);
        return scheme(d);
    }

    /** Rater A went on visits V1, V2 and V3; rater B only on V1. */
    static List<Rating> twoRatersThreeVisits(boolean bSaysYes) {
        return List.of(
                Rating.likert("L", "A", 5).onVisit("V1"), Rating.likert("L", "A", 4).onVisit("V2"), Rating.likert("L", "A", 2).onVisit("V3"),
                Rating.likert("L", "B", 3).onVisit("V1"),
                Rating.yes("Y", "A", true).onVisit("V1"), Rating.yes("Y", "A", true).onVisit("V2"), Rating.yes("Y", "A", false).onVisit("V3"),
                Rating.yes("Y", "B", bSaysYes).onVisit("V1"));
    }

    @Test
    void byDefaultEachRatersVisitsAreAveragedFirstThenTheRaters() {
        ScoreResult r = new ScoringEngine(combining(null, null, null)).score(twoRatersThreeVisits(false));
        // Likert: A (1 + 0.9 + 0.1) / 3 = 2/3, B 0.5 → (2/3 + 1/2) / 2 = 7/12 → × 12 = 7
        assertEquals(f("7/12"), item(r, "L").coefficient());
        assertEquals(f("7"), item(r, "L").achieved());
        assertEquals(2, item(r, "L").raters());
        // yes/no: A 2/3, B 0 → 1/3 → 4 points (a flat mean would give 2/4 → 6)
        assertEquals(f("1/3"), item(r, "Y").coefficient());
        assertEquals(List.of("mean over visits per rater, then over raters: 4 rating(s) by 2 rater(s) (A (3): 0.6666…, B (1): 0.5) = 0.5833…",
                "coefficient 0.5833… × 12 points = 7"), english(item(r, "L").explanation()));
        assertTrue(english(r.explanation()).contains("ratings of one item: mean over each rater's visits, then mean over the raters"));
    }

    @Test
    void aFlatMeanCountsEveryRatingOnce() {
        ScoreResult r = new ScoringEngine(combining("FLAT", null, null)).score(twoRatersThreeVisits(false));
        assertEquals(f("0.625"), item(r, "L").coefficient()); // (1 + 0.9 + 0.1 + 0.5) / 4
        assertEquals(f("1/2"), item(r, "Y").coefficient());
        assertTrue(english(r.explanation()).contains("ratings of one item: flat mean over all ratings"));
    }

    @Test
    void theCoefficientOfTheMeanAnswerInterpolatesTheMapping() {
        ScoreResult r = new ScoringEngine(combining(null, "COEFFICIENT_OF_MEAN", null)).score(twoRatersThreeVisits(false));
        // mean answers: A (5 + 4 + 2) / 3 = 11/3, B 3 → 10/3; between 3 (0.5) and 4 (0.9): 0.5 + 1/3 × 0.4 = 19/30
        assertEquals(f("19/30"), item(r, "L").coefficient());
        assertEquals("coefficient of the mean answer 3.3333… = 0.6333… × 12 points = 7.6",
                english(item(r, "L").explanation()).get(1));
        assertTrue(english(r.explanation()).contains("Likert: coefficient of the mean answer"));
    }

    @Test
    void yesNoByMajorityIsAllOrNothing() {
        Scheme s = combining(null, null, "MAJORITY");
        assertEquals(Fraction.ZERO, item(new ScoringEngine(s).score(twoRatersThreeVisits(false)), "Y").coefficient()); // 1/3
        assertEquals(Fraction.ONE, item(new ScoringEngine(s).score(twoRatersThreeVisits(true)), "Y").coefficient()); // 5/6
        Scheme flat = combining("FLAT", null, "MAJORITY");
        // flat 2 of 4 = one half: a tie is no majority
        assertEquals(Fraction.ZERO, item(new ScoringEngine(flat).score(twoRatersThreeVisits(false)), "Y").coefficient());
        assertEquals("all or nothing by majority: yes share 0.5 ≤ 0.5 → 0 × 12 points = 0",
                english(item(new ScoringEngine(flat).score(twoRatersThreeVisits(false)), "Y").explanation()).get(1));
    }

    @Test
    void aRaterRatesAnItemOncePerNamedVisit() {
        List<Rating> ratings = new ArrayList<>(twoRatersThreeVisits(false));
        ratings.add(Rating.likert("L", "A", 3).onVisit("V2"));
        InvalidException e = assertThrows(InvalidException.class, () -> new ScoringEngine(combining(null, null, null)).score(ratings));
        assertEquals("ratings[8].visit", e.problems().get(0).field());
        assertEquals("rating.duplicate", e.problems().get(0).code());
    }

    @Test
    void unknownCombinationRulesAreNamed() {
        var problems = SchemeValidator.validate(SchemeDocuments.toDocument(combining(null, null, null)).withParts(
                SchemeDocuments.toDocument(combining(null, null, null)).parts())).problems();
        assertEquals(List.of(), problems);
        SchemeDocument bad = doc("24", List.of(grade("ok", "1")), null, new SchemeDocument.Combination("MEDIAN", null, "VOTE"), null, null,
                part("p", "24", null, null, null, item("1", "L", "24", "LIKERT_5")));
        assertEquals(List.of("combination.raters combination.unknown", "combination.yesNo combination.unknown"),
                SchemeValidator.validate(bad).problems().stream().map(p -> p.field() + " " + p.code()).toList());
    }

    // ------------------------------------------------------------ codes optional, contributions, display rule

    @Test
    void anItemWithoutACodeIsNamedByItsClause() {
        Scheme s = scheme(doc("10", List.of(grade("ok", "1")), null, null, null, null,
                part("p", "10", null, null, null, item("1.1", null, "5", "YES_NO"), item("1.2", "  ", "5", "YES_NO"))));
        assertNull(s.items().findFirst().orElseThrow().code());
        ScoreResult r = new ScoringEngine(s).score(List.of(Rating.yes("1.1", "R", true)));
        assertEquals("1.1", item(r, "1.1").code());
        assertEquals(List.of("1.2"), r.missingItems());
    }

    @Test
    void contributionsAddUpToTheProRatedTotalExactly() {
        // management 15 + service 85; one 40-point service item N/A: applicable 60.
        Scheme s = scheme(doc("100", List.of(grade("ok", "1")), null, null, null, null,
                part("management", "15", null, null, null, item("1", "M", "15", "PERCENT")),
                part("service", "85", null, null, null, item("2", "S", "45", "PERCENT"),
                        new SchemeDocument.Item("3", "N", new BigDecimal("40"), "x", "x", List.of("OPEN_INSPECTION"), "PERCENT", true, null))));
        ScoreResult r = new ScoringEngine(s).score(List.of(Rating.percent("M", "R", "98.67"), Rating.percent("S", "R", "97.53"),
                Rating.notApplicable("N", "R")));
        Fraction sum = r.parts().stream().map(ScoreResult.PartResult::contribution).reduce(Fraction.ZERO, Fraction::add);
        assertEquals(r.prorated(), sum);
        assertEquals(r.total(), sum);
        // the part's own percentage is 97.53 %, its contribution to the total 43.8885 / 60 × 100
        assertEquals(f("97.53"), r.parts().get(1).percentage());
        assertEquals(f("43.8885").divide(f("60")).multiply(Fraction.HUNDRED), r.parts().get(1).contribution());
    }

    @Test
    void aDisplayRulePrintsTheReportFigures() {
        SchemeDocument d = doc("1000", List.of(grade("ok", "800")), null, null, null, null,
                part("p", "1000", null, null, null, item("1", "A", "1000", "PERCENT")));
        Scheme s = scheme(new SchemeDocument(d.code(), d.titleZh(), d.titleEn(), null, null, d.fullMarks(), d.likert(), null, null,
                d.grades(), d.parts(), null, null, null, new SchemeDocument.DisplayRule(2, "HALF_UP")));
        ScoreResult r = new ScoringEngine(s).score(List.of(Rating.percent("A", "R", "87.63")));
        assertEquals("876.30", r.printedTotal());
        assertEquals("876.30", r.parts().get(0).printedScore());
        assertEquals("87.63", r.parts().get(0).printedPercentage());
        assertEquals("display.rounding display.rounding_unknown", SchemeValidator.validate(new SchemeDocument(d.code(), d.titleZh(),
                d.titleEn(), null, null, d.fullMarks(), d.likert(), null, null, d.grades(), d.parts(), null, null, null,
                new SchemeDocument.DisplayRule(2, "BANKERS")))
                .problems().stream().map(p -> p.field() + " " + p.code()).findFirst().orElseThrow());
    }
}
