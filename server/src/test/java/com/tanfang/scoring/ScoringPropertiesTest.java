package com.tanfang.scoring;

import com.tanfang.scheme.BuiltInSchemes;
import com.tanfang.scheme.Group;
import com.tanfang.scheme.Item;
import com.tanfang.scheme.Part;
import com.tanfang.scheme.Scheme;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invariants over many generated cases (seeded, so failures reproduce). */
class ScoringPropertiesTest {
    static final List<Scheme> SCHEMES = BuiltInSchemes.all();
    static final int CASES = 400;

    record Case(Scheme scheme, List<Rating> ratings, List<Deduction> deductions, Bonus bonus) {}

    static Case generate(Random random) {
        Scheme scheme = SCHEMES.get(random.nextInt(SCHEMES.size()));
        List<Rating> ratings = new ArrayList<>();
        for (Item item : scheme.items().toList()) {
            if (random.nextInt(20) == 0) {
                continue; // missing
            }
            int raters = 1 + random.nextInt(3);
            boolean allNa = item.notApplicableAllowed() && random.nextInt(3) == 0;
            for (int r = 0; r < raters; r++) {
                String rater = "R" + random.nextInt(5); // a rater may rate an item on several visits
                boolean na = item.notApplicableAllowed() && (allNa || random.nextInt(8) == 0);
                Rating rating = na ? Rating.notApplicable(item.code(), rater) : answer(item, rater, random);
                ratings.add(random.nextBoolean() ? rating : rating.onVisit("V" + r));
            }
        }
        for (var bonusItem : scheme.bonusItems().items()) {
            if (random.nextBoolean()) {
                ratings.add(Rating.yes(bonusItem.name(), "R" + random.nextInt(5), random.nextBoolean()));
            }
        }
        List<Deduction> deductions = new ArrayList<>();
        for (int d = random.nextInt(4); d > 0; d--) {
            deductions.add(Deduction.of("finding " + d));
        }
        Bonus bonus = random.nextBoolean() ? null : new Bonus(BigDecimal.valueOf(random.nextInt(5), 1).multiply(BigDecimal.valueOf(5)), "award");
        return new Case(scheme, ratings, deductions, bonus);
    }

    static Rating answer(Item item, String rater, Random random) {
        return switch (item.answerType()) {
            case LIKERT_5 -> Rating.likert(item.code(), rater, 1 + random.nextInt(5));
            case YES_NO -> Rating.yes(item.code(), rater, random.nextBoolean());
            case PERCENT -> Rating.percent(item.code(), rater, BigDecimal.valueOf(random.nextInt(10_001), 2));
            case NUMERIC -> Rating.numeric(item.code(), rater, BigDecimal.valueOf(random.nextInt(1000), 1));
        };
    }

    static ScoreResult score(Case c) {
        return new ScoringEngine(c.scheme()).score(c.ratings(), c.deductions(),
                c.scheme().combinedTotal() ? c.bonus() : null);
    }

    @Test
    void totalsStayWithinZeroAndFullMarksPlusBonus() {
        Random random = new Random(27922);
        for (int n = 0; n < CASES; n++) {
            Case c = generate(random);
            ScoreResult r = score(c);
            Fraction full = Fraction.of(c.scheme().fullMarks());
            if (r.total() != null) {
                assertTrue(r.prorated().compareTo(full) <= 0, "prorated above full marks in case " + n);
                assertTrue(r.total().compareTo(full.add(Fraction.of(c.scheme().special().maxBonus()))
                        .add(Fraction.of(c.scheme().bonusItems().cap()))) <= 0, "case " + n);
                assertTrue(r.total().signum() >= 0, "case " + n);
                assertTrue(r.achieved().compareTo(r.applicable()) <= 0, "case " + n);
            } else {
                assertTrue(!c.scheme().combinedTotal() || r.parts().stream().anyMatch(p -> !p.evaluated()), "case " + n);
            }
            for (ScoreResult.PartResult p : r.parts()) {
                assertTrue(p.percentage() == null || p.percentage().compareTo(Fraction.HUNDRED) <= 0, "case " + n);
                p.groups().forEach(g -> g.items().forEach(i -> assertTrue(i.achieved().compareTo(i.points()) <= 0)));
            }
            assertEquals(r.passed(), r.failReasons().isEmpty());
            assertEquals(r.passed() && !c.scheme().grades().passFailOnly(), r.grade() != null);
        }
    }

    @Test
    void permutingRatingsNeverChangesTheResult() {
        Random random = new Random(4);
        for (int n = 0; n < CASES; n++) {
            Case c = generate(random);
            ScoreResult expected = score(c);
            List<Rating> shuffled = new ArrayList<>(c.ratings());
            Collections.shuffle(shuffled, random);
            assertEquals(expected, score(new Case(c.scheme(), shuffled, c.deductions(), c.bonus())), "case " + n);
        }
    }

    @Test
    void renamingRatersNeverChangesTheNumbers() {
        Random random = new Random(5);
        for (int n = 0; n < CASES; n++) {
            Case c = generate(random);
            ScoreResult expected = score(c);
            Map<String, String> names = new HashMap<>();
            List<String> pool = new ArrayList<>(List.of("X0", "X1", "X2", "X3", "X4"));
            Collections.shuffle(pool, random);
            for (int k = 0; k < 5; k++) {
                names.put("R" + k, pool.get(k));
            }
            List<Rating> renamed = c.ratings().stream().map(r -> new Rating(r.item(), names.get(r.rater()), r.likert(), r.yes(),
                    r.percent(), r.numeric(), r.notApplicable())).toList();
            ScoreResult actual = score(new Case(c.scheme(), renamed, c.deductions(), c.bonus()));
            assertEquals(expected.total(), actual.total(), "case " + n);
            assertEquals(expected.grade(), actual.grade(), "case " + n);
            assertEquals(coefficients(expected), coefficients(actual), "case " + n);
        }
    }

    @Test
    void removingANotApplicableItemNeverChangesTheTotal() {
        Random random = new Random(6);
        int checked = 0;
        for (int n = 0; n < CASES; n++) {
            Case c = generate(random);
            ScoreResult r = score(c);
            List<String> na = r.parts().stream().flatMap(p -> p.groups().stream()).flatMap(g -> g.items().stream())
                    .filter(i -> i.status() == ItemStatus.NOT_APPLICABLE).map(ScoreResult.ItemResult::code).toList();
            if (na.isEmpty()) {
                continue;
            }
            String code = na.get(random.nextInt(na.size()));
            Scheme smaller = without(c.scheme(), code);
            if (smaller == null) {
                continue;
            }
            List<Rating> ratings = c.ratings().stream().filter(x -> !x.item().equals(code)).toList();
            ScoreResult after = score(new Case(smaller, ratings, c.deductions(), c.bonus()));
            assertEquals(r.total(), after.total(), "case " + n + " without " + code);
            assertEquals(r.grade(), after.grade(), "case " + n);
            assertEquals(r.failReasons(), after.failReasons(), "case " + n);
            checked++;
        }
        assertTrue(checked > 50, "only " + checked + " cases had an N/A item");
    }

    /**
     * The scheme without one item; group and part points shrink with it, full marks stay. {@code null} when a
     * rule is on the part's points (a pass minimum or grade condition in points would change meaning).
     */
    static Scheme without(Scheme s, String code) {
        if (s.parts().stream().anyMatch(p -> p.passMinimumPoints() != null) || s.grades().levels().stream()
                .anyMatch(l -> l.conditions().stream().anyMatch(com.tanfang.scheme.GradeTable.PartCondition::points))) {
            return null;
        }
        List<Part> parts = s.parts().stream().map(p -> {
            List<Group> groups = p.groups().stream().map(g -> {
                List<Item> items = g.items().stream().filter(i -> !i.name().equals(code)).toList();
                BigDecimal points = items.stream().map(Item::points).reduce(BigDecimal.ZERO, BigDecimal::add);
                return new Group(g.clause(), g.titleZh(), g.titleEn(), points, items);
            }).toList();
            BigDecimal points = groups.stream().map(Group::points).reduce(BigDecimal.ZERO, BigDecimal::add);
            return new Part(p.key(), p.titleZh(), p.titleEn(), points, p.passMinimum(), groups, p.passMinimumPoints(), p.gatedBy());
        }).toList();
        return new Scheme(s.code(), s.titleZh(), s.titleEn(), s.descriptionZh(), s.descriptionEn(), s.fullMarks(), s.likert(),
                s.special(), s.notApplicableClauses(), s.grades(), parts, s.reporting(), s.combination(), s.bonusItems(), s.display());
    }

    /** The scheme with one more item of 0 points, allowing N/A, in the first group of {@code part}. */
    static Scheme withZeroPointItem(Scheme s, int part) {
        List<Part> parts = new ArrayList<>(s.parts());
        Part p = parts.get(part);
        List<Group> groups = new ArrayList<>(p.groups());
        Group g = groups.get(0);
        List<Item> items = new ArrayList<>(g.items());
        items.add(new Item("zz.1", "ZERO", BigDecimal.ZERO, "零分", "Zero points", java.util.Set.of(com.tanfang.scheme.Method.OPEN_INSPECTION),
                com.tanfang.scheme.AnswerType.YES_NO, null, true));
        groups.set(0, new Group(g.clause(), g.titleZh(), g.titleEn(), g.points(), items));
        parts.set(part, new Part(p.key(), p.titleZh(), p.titleEn(), p.points(), p.passMinimum(), groups, p.passMinimumPoints(), p.gatedBy()));
        return new Scheme(s.code(), s.titleZh(), s.titleEn(), s.descriptionZh(), s.descriptionEn(), s.fullMarks(), s.likert(),
                s.special(), List.of(), s.grades(), parts, s.reporting(), s.combination(), s.bonusItems(), s.display());
    }

    @Test
    void anNotApplicableItemWithZeroPointsChangesNothing() {
        Random random = new Random(7);
        for (int n = 0; n < CASES; n++) {
            Case c = generate(random);
            ScoreResult before = score(c);
            Scheme bigger = withZeroPointItem(c.scheme(), random.nextInt(c.scheme().parts().size()));
            List<Rating> ratings = new ArrayList<>(c.ratings());
            ratings.add(Rating.notApplicable("ZERO", "R0"));
            ScoreResult after = score(new Case(bigger, ratings, c.deductions(), c.bonus()));
            assertEquals(before.total(), after.total(), "case " + n);
            assertEquals(before.grade(), after.grade(), "case " + n);
            assertEquals(before.failReasons(), after.failReasons(), "case " + n);
            assertEquals(before.parts().stream().map(ScoreResult.PartResult::contribution).toList(),
                    after.parts().stream().map(ScoreResult.PartResult::contribution).toList(), "case " + n);
            assertEquals(before.parts().stream().map(ScoreResult.PartResult::percentage).toList(),
                    after.parts().stream().map(ScoreResult.PartResult::percentage).toList(), "case " + n);
        }
    }

    @Test
    void contributionsSumToTheTotal() {
        Random random = new Random(8);
        int checked = 0;
        for (int n = 0; n < CASES; n++) {
            Case c = generate(random);
            ScoreResult r = score(c);
            if (r.total() == null) {
                assertTrue(r.parts().stream().allMatch(p -> p.contribution() == null), "case " + n);
                continue;
            }
            Fraction sum = r.parts().stream().map(ScoreResult.PartResult::contribution).reduce(Fraction.ZERO, Fraction::add);
            assertEquals(r.prorated(), sum, "case " + n);
            Fraction total = sum.subtract(r.deductedPoints()).add(r.bonus()).add(r.bonusItemPoints()).max(Fraction.ZERO);
            assertEquals(r.total(), total, "case " + n);
            checked++;
        }
        assertTrue(checked > 100, "only " + checked + " cases had a total");
    }

    static List<Fraction> coefficients(ScoreResult r) {
        return r.parts().stream().flatMap(p -> p.groups().stream()).flatMap(g -> g.items().stream())
                .map(ScoreResult.ItemResult::achieved).toList();
    }
}
