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
                String rater = "R" + random.nextInt(5);
                boolean na = item.notApplicableAllowed() && (allNa || random.nextInt(8) == 0);
                ratings.add(na ? Rating.notApplicable(item.code(), rater) : answer(item, rater, random));
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
        return new ScoringEngine(c.scheme()).score(c.ratings(), c.deductions(), c.bonus());
    }

    @Test
    void totalsStayWithinZeroAndFullMarksPlusBonus() {
        Random random = new Random(27922);
        for (int n = 0; n < CASES; n++) {
            Case c = generate(random);
            ScoreResult r = score(c);
            Fraction full = Fraction.of(c.scheme().fullMarks());
            assertTrue(r.prorated().compareTo(full) <= 0, "prorated above full marks in case " + n);
            assertTrue(r.total().compareTo(full.add(Fraction.of(c.scheme().special().maxBonus()))) <= 0, "case " + n);
            assertTrue(r.total().signum() >= 0, "case " + n);
            assertTrue(r.achieved().compareTo(r.applicable()) <= 0, "case " + n);
            for (ScoreResult.PartResult p : r.parts()) {
                assertTrue(p.percentage() == null || p.percentage().compareTo(Fraction.HUNDRED) <= 0, "case " + n);
                p.groups().forEach(g -> g.items().forEach(i -> assertTrue(i.achieved().compareTo(i.points()) <= 0)));
            }
            assertEquals(r.passed(), r.failReasons().isEmpty());
            assertEquals(r.passed(), r.grade() != null);
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
            List<Rating> ratings = c.ratings().stream().filter(x -> !x.item().equals(code)).toList();
            ScoreResult after = score(new Case(smaller, ratings, c.deductions(), c.bonus()));
            assertEquals(r.total(), after.total(), "case " + n + " without " + code);
            assertEquals(r.grade(), after.grade(), "case " + n);
            assertEquals(r.failReasons(), after.failReasons(), "case " + n);
            checked++;
        }
        assertTrue(checked > 50, "only " + checked + " cases had an N/A item");
    }

    /** The scheme without one item; group and part points shrink with it, full marks stay. */
    static Scheme without(Scheme s, String code) {
        List<Part> parts = s.parts().stream().map(p -> {
            List<Group> groups = p.groups().stream().map(g -> {
                List<Item> items = g.items().stream().filter(i -> !i.code().equals(code)).toList();
                BigDecimal points = items.stream().map(Item::points).reduce(BigDecimal.ZERO, BigDecimal::add);
                return new Group(g.clause(), g.titleZh(), g.titleEn(), points, items);
            }).toList();
            BigDecimal points = groups.stream().map(Group::points).reduce(BigDecimal.ZERO, BigDecimal::add);
            return new Part(p.key(), p.titleZh(), p.titleEn(), points, p.passMinimum(), groups);
        }).toList();
        return new Scheme(s.code(), s.titleZh(), s.titleEn(), s.descriptionZh(), s.descriptionEn(), s.fullMarks(), s.likert(),
                s.special(), s.notApplicableClauses(), s.grades(), parts);
    }

    static List<Fraction> coefficients(ScoreResult r) {
        return r.parts().stream().flatMap(p -> p.groups().stream()).flatMap(g -> g.items().stream())
                .map(ScoreResult.ItemResult::achieved).toList();
    }
}
