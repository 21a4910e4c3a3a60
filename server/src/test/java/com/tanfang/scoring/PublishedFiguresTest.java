package com.tanfang.scoring;

import com.tanfang.message.Message;
import com.tanfang.scheme.AnswerType;
import com.tanfang.scheme.BuiltInSchemes;
import com.tanfang.scheme.Item;
import com.tanfang.scheme.Scheme;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built-ins reproduce the figures the sources publish (001:L1297, L1391-1395) and use each rule of issue 11. */
class PublishedFiguresTest {

    static Fraction f(String s) {
        return Fraction.parse(s);
    }

    static List<String> english(List<Message> lines) {
        return lines.stream().map(Message::english).toList();
    }

    static List<String> codes(ScoreResult r) {
        return r.failReasons().stream().map(ScoreResult.FailReason::code).toList();
    }

    // ------------------------------------------------------------ robot platform: 876.35 / 1000 and 90.6 / 100 passed

    /** Every maturity project at 87.5 % but C1 at 90.2 %, every service indicator at 90 % but D1 at 100 %. */
    static List<Rating> robotPlatform(String c1, String d1) {
        List<Rating> ratings = new ArrayList<>();
        for (Item i : BuiltInSchemes.robotPlatform().items().toList()) {
            String percent = i.code().equals("C1") ? c1 : i.code().equals("D1") ? d1 : i.code().startsWith("C") ? "87.5" : "90";
            ratings.add(Rating.percent(i.code(), "audit-team", percent));
        }
        return ratings;
    }

    @Test
    void robotPlatformPassesWithTheFiguresOf001() {
        Scheme s = BuiltInSchemes.robotPlatform();
        assertEquals(21, s.parts().get(0).groups().get(0).items().size());
        assertEquals(16, s.parts().get(1).groups().get(0).items().size());
        // 1000 × 87.5 % = 875, + 50 × 2.7 % = 1.35 → 876.35; 100 × 90 % = 90, + 6 × 10 % = 0.6 → 90.6
        ScoreResult r = new ScoringEngine(s).score(robotPlatform("90.2", "100"));
        assertEquals(f("876.35"), r.parts().get(0).score());
        assertEquals(f("90.6"), r.parts().get(1).score());
        assertEquals("876.35", r.parts().get(0).printedScore());
        assertEquals("90.60", r.parts().get(1).printedScore());
        assertNull(r.total()); // 1000 + 100 is not a total
        assertTrue(r.passed());
        assertNull(r.grade()); // pass / fail only
        assertEquals("passed", english(r.explanation()).get(english(r.explanation()).size() - 1));
        assertTrue(english(r.explanation()).contains(
                "parts reported separately, no combined total: Management maturity (Appendix C) 876.35 / 1000; "
                        + "Service characteristics (Appendix D) 90.6 / 100"), english(r.explanation()).toString());
    }

    @Test
    void robotPlatformFailsBelowEitherMinimum() {
        // C1 at 0 %: 875 − 43.75 = 831.25, still ≥ 800; service at 90 % − D1 at 80 %: 89.4 < 90
        ScoreResult r = new ScoringEngine(BuiltInSchemes.robotPlatform()).score(robotPlatform("0", "80"));
        assertEquals(f("831.25"), r.parts().get(0).score());
        assertEquals(f("89.4"), r.parts().get(1).score());
        assertEquals(List.of("part.below_minimum"), codes(r));
        assertEquals("service", r.failReasons().get(0).partKey());
    }

    // ------------------------------------------------------------ elderly care: management first, then service

    static List<Rating> elderly(boolean managementFails) {
        List<Rating> ratings = new ArrayList<>();
        for (Item i : BuiltInSchemes.elderlyCare().items().toList()) {
            switch (i.code()) {
                case "E1" -> { // 4 points: 5,5,5,5,4 → 0.95 → 3.8
                    for (int k = 1; k <= 5; k++) ratings.add(Rating.likert("E1", "R" + k, k == 5 ? 4 : 5));
                }
                case "E2" -> ratings.add(Rating.likert("E2", "R1", managementFails ? 1 : 5)); // 4 points
                case "E3" -> ratings.add(Rating.yes("E3", "R1", !managementFails)); // 3 points
                case "E14" -> { // 3 points: 4,4,4,4,5 → 0.8 → 2.4
                    for (int k = 1; k <= 5; k++) ratings.add(Rating.likert("E14", "R" + k, k == 5 ? 5 : 4));
                }
                case "E18" -> ratings.add(Rating.likert("E18", "R1", 4)); // 2 points × 0.75 = 1.5
                case "E21" -> { // yes/no all or nothing: 2 of 3 riders say no → 0 of 1
                    ratings.add(Rating.yes("E21", "R1", false));
                    ratings.add(Rating.yes("E21", "R2", false));
                    ratings.add(Rating.yes("E21", "R3", true));
                }
                default -> ratings.add(i.answerType() == AnswerType.YES_NO
                        ? Rating.yes(i.code(), "R1", true) : Rating.likert(i.code(), "R1", 5));
            }
        }
        return ratings;
    }

    @Test
    void elderlyCareIsFiveStarWithFourteenPointEightAndEightyTwoPointNine() {
        ScoreResult r = new ScoringEngine(BuiltInSchemes.elderlyCare()).score(elderly(false));
        assertEquals(f("14.8"), r.parts().get(0).score());
        assertEquals(f("82.9"), r.parts().get(1).score());
        assertEquals(f("14.8"), r.parts().get(0).contribution());
        assertEquals(f("82.9"), r.parts().get(1).contribution());
        assertEquals(f("97.7"), r.total());
        assertEquals("five-star", r.grade().key());
        List<String> lines = english(r.explanation());
        assertEquals("grade: Five-star (97.7 ≥ 95)", lines.get(lines.size() - 1));
        assertTrue(lines.contains("yes/no: all or nothing by majority"));
        // parts and grades by their titles in the reader's language (keys and both languages side by side before)
        assertTrue(lines.contains("parts' contributions Service management 14.8 + Service characteristics 82.9 = 97.7"), lines.toString());
        List<String> zh = r.explanation().stream().map(m -> com.tanfang.message.MessageBundle.render(
                com.tanfang.message.Language.ZH_CN, m)).toList();
        assertTrue(zh.contains("各部分贡献 服务管理 14.8 + 服务特性 82.9 = 97.7"), zh.toString());
        assertEquals("等级：五星级（97.7 ≥ 95）", zh.get(zh.size() - 1));
        // the management line that 001 reports: 14.8 of 15, passed (≥ 70 %)
        assertTrue(english(r.parts().get(0).explanation()).contains("pass condition: 98.6666… % ≥ 70 % → passes"));
    }

    @Test
    void elderlyCareServiceIsNotEvaluatedWhenTheManagementAuditFails() {
        // E2 rated 1 (0 of 4) and E3 no (0 of 3): 14.8 − 4 − 3 = 7.8 of 15 = 52 % < 70 %
        ScoreResult r = new ScoringEngine(BuiltInSchemes.elderlyCare()).score(elderly(true));
        assertEquals(f("52"), r.parts().get(0).percentage());
        assertFalse(r.parts().get(1).evaluated());
        assertNull(r.parts().get(1).score());
        assertNull(r.total());
        assertFalse(r.passed());
        assertEquals(List.of("part.below_minimum", "part.not_evaluated"), codes(r));
    }

    // ------------------------------------------------------------ homestay (Deqing): per-part rules, three diamonds

    @Test
    void homestayDiamondsNeedBothParts() {
        Scheme h = BuiltInSchemes.homestay();
        List<Rating> ratings = new ArrayList<>();
        // service all 5 (100 %), management all 4 (75 %): both ≥ 70 → 三钻, management < 80 → not 四钻
        h.items().forEach(i -> ratings.add(Rating.likert(i.code(), "G1", i.code().compareTo("H21") >= 0
                && i.code().length() == 3 ? 4 : 5)));
        ScoreResult r = new ScoringEngine(h).score(ratings);
        assertEquals(f("100"), r.parts().get(0).percentage());
        assertEquals(f("75"), r.parts().get(1).percentage());
        assertEquals("three-diamond", r.grade().key());
        assertNull(r.total());
        List<String> lines = english(r.explanation());
        assertEquals("grade: Three diamonds (Service (mystery-guest stay) 100 % ≥ 70 %, Management 75 % ≥ 70 %)", lines.get(lines.size() - 1));
        List<Rating> all5 = h.items().map(i -> Rating.likert(i.code(), "G1", 5)).toList();
        assertEquals("five-diamond", new ScoringEngine(h).score(all5).grade().key());
    }

    // ------------------------------------------------------------ scenic area: 100 + 10 bonus, veto item

    static List<Rating> scenic(boolean accident) {
        List<Rating> ratings = new ArrayList<>();
        for (Item i : BuiltInSchemes.scenicArea().items().toList()) {
            ratings.add(i.answerType() == AnswerType.YES_NO
                    ? Rating.yes(i.code(), "A", !(accident && i.code().equals("SC9")))
                    : Rating.likert(i.code(), "A", i.code().equals("SC2") ? 4 : 5)); // SC2: 10 × 0.75 = 7.5
        }
        for (String b : List.of("SCB1", "SCB2", "SCB3", "SCB4")) {
            ratings.add(Rating.yes(b, "A", true)); // 4 + 3 + 3 + 2 = 12, capped at 10
        }
        return ratings;
    }

    @Test
    void scenicAreaAddsCappedBonusItemsToOneHundred() {
        ScoreResult r = new ScoringEngine(BuiltInSchemes.scenicArea()).score(scenic(false));
        assertEquals(f("97.5"), r.prorated());
        assertEquals(f("10"), r.bonusItemPoints());
        assertEquals(f("107.5"), r.total());
        assertEquals("excellent", r.grade().key());
        assertEquals(List.of("bonus items 12 capped at 10"), english(r.warnings()));
        Fraction sum = r.parts().stream().map(ScoreResult.PartResult::contribution).reduce(Fraction.ZERO, Fraction::add);
        assertEquals(r.total(), sum.add(r.bonusItemPoints()));
    }

    @Test
    void scenicAreaFailsOnAMajorAccidentWhateverTheScore() {
        ScoreResult r = new ScoringEngine(BuiltInSchemes.scenicArea()).score(scenic(true));
        assertEquals(f("107.5"), r.total());
        assertFalse(r.passed());
        assertEquals(List.of("veto"), codes(r));
        assertEquals("veto by item SC9: a major safety accident within the past year (answered \"no\" by A)",
                r.failReasons().get(0).message().english());
    }

    @Test
    void scenicAreaFailsOnFiveDeductionsOrMoreThanFivePoints() {
        Scheme s = BuiltInSchemes.scenicArea();
        List<Deduction> four = List.of(Deduction.of("a"), Deduction.of("b"), Deduction.of("c"), Deduction.of("d"));
        assertTrue(new ScoringEngine(s).score(scenic(false), four, null).passed());
        List<Deduction> heavy = List.of(new Deduction("queue overflow", new java.math.BigDecimal("6")));
        assertEquals(List.of("deductions.points"), codes(new ScoringEngine(s).score(scenic(false), heavy, null)));
    }
}
