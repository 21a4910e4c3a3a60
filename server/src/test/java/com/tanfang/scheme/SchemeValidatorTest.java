package com.tanfang.scheme;

import com.tanfang.message.InvalidException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemeValidatorTest {

    // A small valid scheme: two parts, 6 + 4 = 10 points.
    static SchemeDocument.Item item(String clause, String code, String points) {
        return new SchemeDocument.Item(clause, code, new BigDecimal(points), "条款" + code, "Item " + code,
                List.of("OPEN_INSPECTION"), "LIKERT_5", false, null);
    }

    static SchemeDocument valid() {
        return new SchemeDocument("t", "测试", "Test", null, null, new BigDecimal("10"),
                new SchemeDocument.Likert("LINEAR", null),
                new SchemeDocument.Special(BigDecimal.ONE, BigDecimal.ONE, new SchemeDocument.FailWhen(5, null)),
                List.of("1"),
                List.of(new SchemeDocument.Grade("pass", "合格", "Pass", new BigDecimal("6")),
                        new SchemeDocument.Grade("good", "良好", "Good", new BigDecimal("8"))),
                List.of(new SchemeDocument.Part("a", "甲", "A", new BigDecimal("6"), null, List.of(
                                new SchemeDocument.Group("1.1", "组", "G", new BigDecimal("6"),
                                        List.of(item("1.1.1", "A1", "1.5"), item("1.1.2", "A2", "4.5"))))),
                        new SchemeDocument.Part("b", "乙", "B", new BigDecimal("4"), new BigDecimal("70"), List.of(
                                new SchemeDocument.Group("2.1", "组", "G", new BigDecimal("4"),
                                        List.of(item("2.1.1", "B1", "4"), item("2.1.2", "B2", "0")))))));
    }

    private static List<String> problems(SchemeDocument doc) {
        SchemeValidator.Result r = SchemeValidator.validate(doc);
        if (!r.valid()) {
            assertNull(r.scheme());
        }
        return r.problems().stream().map(p -> p.field() + " " + p.code()).toList();
    }

    private static SchemeDocument withItem(int part, int group, int item, UnaryOperator<SchemeDocument.Item> change) {
        SchemeDocument d = valid();
        List<SchemeDocument.Part> parts = new ArrayList<>(d.parts());
        SchemeDocument.Part p = parts.get(part);
        List<SchemeDocument.Group> groups = new ArrayList<>(p.groups());
        SchemeDocument.Group g = groups.get(group);
        List<SchemeDocument.Item> items = new ArrayList<>(g.items());
        items.set(item, change.apply(items.get(item)));
        groups.set(group, new SchemeDocument.Group(g.clause(), g.titleZh(), g.titleEn(), g.points(), items));
        parts.set(part, new SchemeDocument.Part(p.key(), p.titleZh(), p.titleEn(), p.points(), p.passMinimum(), groups));
        return d.withParts(parts);
    }

    private static SchemeDocument.Item copy(SchemeDocument.Item i, String points, List<String> methods, String answerType,
                                            Boolean na, SchemeDocument.Numeric numeric) {
        return new SchemeDocument.Item(i.clause(), i.code(), points == null ? null : new BigDecimal(points), i.textZh(), i.textEn(),
                methods, answerType, na, numeric);
    }

    private static SchemeDocument with(UnaryOperator<SchemeDocument> change) {
        return change.apply(valid());
    }

    private static SchemeDocument grades(String... minimums) {
        SchemeDocument d = valid();
        List<SchemeDocument.Grade> g = new ArrayList<>();
        for (int i = 0; i < minimums.length; i++) {
            g.add(new SchemeDocument.Grade("g" + i, "级" + i, "G" + i, new BigDecimal(minimums[i])));
        }
        return new SchemeDocument(d.code(), d.titleZh(), d.titleEn(), null, null, d.fullMarks(), d.likert(), d.special(),
                d.notApplicableClauses(), g, d.parts());
    }

    private static SchemeDocument likert(String preset, String... coefficients) {
        SchemeDocument d = valid();
        List<BigDecimal> c = coefficients.length == 0 ? null : Arrays.stream(coefficients).map(BigDecimal::new).toList();
        return new SchemeDocument(d.code(), d.titleZh(), d.titleEn(), null, null, d.fullMarks(),
                new SchemeDocument.Likert(preset, c), d.special(), d.notApplicableClauses(), d.grades(), d.parts());
    }

    private static SchemeDocument special(SchemeDocument.Special s) {
        SchemeDocument d = valid();
        return new SchemeDocument(d.code(), d.titleZh(), d.titleEn(), null, null, d.fullMarks(), d.likert(), s,
                d.notApplicableClauses(), d.grades(), d.parts());
    }

    @Test
    void aValidDocumentBecomesAScheme() {
        SchemeValidator.Result r = SchemeValidator.validate(valid());
        assertEquals(List.of(), r.problems());
        Scheme s = r.orThrow();
        assertEquals(4, s.items().count());
        assertEquals(0, new BigDecimal("70").compareTo(s.parts().get(1).passMinimum()));
        assertEquals(valid(), SchemeDocuments.toDocument(s));
    }

    @Test
    void itemPointsNotAddingUpToTheGroup() {
        assertEquals(List.of("parts[0].groups[0].points points.sum_mismatch"),
                problems(withItem(0, 0, 1, i -> copy(i, "4", i.methods(), i.answerType(), false, null))));
    }

    @Test
    void groupPointsNotAddingUpToThePartAndPartsNotToFullMarks() {
        SchemeDocument d = valid();
        SchemeDocument.Part a = d.parts().get(0);
        SchemeDocument.Part changed = new SchemeDocument.Part("a", "甲", "A", new BigDecimal("7"), null, a.groups());
        assertEquals(List.of("parts[0].points points.sum_mismatch", "fullMarks points.sum_mismatch"),
                problems(d.withParts(List.of(changed, d.parts().get(1)))));
    }

    @Test
    void fullMarksMustBePositive() {
        assertEquals(List.of("fullMarks fullMarks.not_positive",
                        "grades[0].minimum grades.minimum_above_max", "grades[1].minimum grades.minimum_above_max",
                        "fullMarks points.sum_mismatch"),
                problems(with(d -> new SchemeDocument(d.code(), d.titleZh(), d.titleEn(), null, null, new BigDecimal("-1"),
                        d.likert(), d.special(), d.notApplicableClauses(), d.grades(), d.parts()))));
    }

    @Test
    void negativePoints() {
        List<String> p = problems(withItem(1, 0, 1, i -> copy(i, "-1", i.methods(), i.answerType(), false, null)));
        assertEquals(List.of("parts[1].groups[0].items[1].points points.negative", "parts[1].groups[0].points points.sum_mismatch"), p);
    }

    @Test
    void duplicateClauseAndCode() {
        SchemeDocument d = withItem(1, 0, 1, i -> new SchemeDocument.Item("1.1.1", "A1", i.points(), "x", "x",
                i.methods(), i.answerType(), false, null));
        assertEquals(List.of("parts[1].groups[0].items[1].clause clause.duplicate", "parts[1].groups[0].items[1].code code.duplicate"),
                problems(d));
    }

    @Test
    void anItemCodeThatIsAnotherItemsClauseIsAmbiguous() {
        assertEquals(List.of("parts[1].groups[0].items[1].code code.ambiguous"),
                problems(withItem(1, 0, 1, i -> new SchemeDocument.Item(i.clause(), "1.1.1", i.points(), i.textZh(), i.textEn(),
                        i.methods(), i.answerType(), false, null))));
    }

    @Test
    void aCodeThatNamesACodelessItemIsAmbiguous() {
        // 1.1.1 has no code, so ratings name it "1.1.1"; a second item coded "1.1.1" would take those ratings.
        SchemeDocument codeless = withItem(0, 0, 0, i -> new SchemeDocument.Item(i.clause(), null, i.points(), i.textZh(),
                i.textEn(), i.methods(), i.answerType(), false, null));
        SchemeDocument.Part b = codeless.parts().get(1);
        SchemeDocument.Group g = b.groups().get(0);
        SchemeDocument.Item clash = g.items().get(0);
        SchemeDocument d = codeless.withParts(List.of(codeless.parts().get(0), new SchemeDocument.Part(b.key(), b.titleZh(),
                b.titleEn(), b.points(), b.passMinimum(), List.of(new SchemeDocument.Group(g.clause(), g.titleZh(), g.titleEn(),
                g.points(), List.of(new SchemeDocument.Item(clash.clause(), "1.1.1", clash.points(), clash.textZh(),
                        clash.textEn(), clash.methods(), clash.answerType(), false, null), g.items().get(1)))))));
        assertEquals(List.of("parts[1].groups[0].items[0].code code.ambiguous"), problems(d));
    }

    @Test
    void methodsEmptyUnknownOrDuplicated() {
        assertEquals(List.of("parts[0].groups[0].items[0].methods methods.empty"),
                problems(withItem(0, 0, 0, i -> copy(i, "1.5", List.of(), i.answerType(), false, null))));
        assertEquals(List.of("parts[0].groups[0].items[0].methods[1] methods.unknown"),
                problems(withItem(0, 0, 0, i -> copy(i, "1.5", List.of("COVERT_VISIT", "TELEPATHY"), i.answerType(), false, null))));
        assertEquals(List.of("parts[0].groups[0].items[0].methods[1] methods.duplicate"),
                problems(withItem(0, 0, 0, i -> copy(i, "1.5", List.of("COVERT_VISIT", "COVERT_VISIT"), i.answerType(), false, null))));
    }

    @Test
    void unknownOrMissingAnswerType() {
        assertEquals(List.of("parts[0].groups[0].items[0].answerType answerType.unknown"),
                problems(withItem(0, 0, 0, i -> copy(i, "1.5", i.methods(), "STARS", false, null))));
        assertEquals(List.of("parts[0].groups[0].items[0].answerType required"),
                problems(withItem(0, 0, 0, i -> copy(i, "1.5", i.methods(), null, false, null))));
    }

    @Test
    void numericItemsNeedARange() {
        assertEquals(List.of("parts[0].groups[0].items[0].numeric numeric.required"),
                problems(withItem(0, 0, 0, i -> copy(i, "1.5", i.methods(), "NUMERIC", false, null))));
        assertEquals(List.of("parts[0].groups[0].items[0].numeric numeric.empty_range"),
                problems(withItem(0, 0, 0, i -> copy(i, "1.5", i.methods(), "NUMERIC", false,
                        new SchemeDocument.Numeric(BigDecimal.TEN, BigDecimal.TEN)))));
        assertEquals(List.of("parts[0].groups[0].items[0].numeric numeric.unexpected"),
                problems(withItem(0, 0, 0, i -> copy(i, "1.5", i.methods(), "YES_NO", false,
                        new SchemeDocument.Numeric(BigDecimal.ZERO, BigDecimal.TEN)))));
        SchemeValidator.Result ok = SchemeValidator.validate(withItem(0, 0, 0, i -> copy(i, "1.5", i.methods(), "NUMERIC", false,
                new SchemeDocument.Numeric(new BigDecimal("30"), new BigDecimal("5")))));
        assertEquals(new NumericRange(new BigDecimal("30"), new BigDecimal("5")), ok.orThrow().items().findFirst().orElseThrow().numericRange());
    }

    @Test
    void notApplicableOnlyWhereTheSchemeAllowsIt() {
        // notApplicableClauses = ["1"]: fine under 1.x, a problem under 2.x.
        assertTrue(SchemeValidator.validate(withItem(0, 0, 0, i -> copy(i, "1.5", i.methods(), i.answerType(), true, null))).valid());
        assertEquals(List.of("parts[1].groups[0].items[0].notApplicableAllowed na.not_allowed_by_scheme"),
                problems(withItem(1, 0, 0, i -> copy(i, "4", i.methods(), i.answerType(), true, null))));
    }

    @Test
    void gradeTableProblems() {
        // no grade table: a pass / fail scheme (通过 / 不通过)
        assertTrue(SchemeValidator.validate(grades()).orThrow().grades().passFailOnly());
        assertEquals(List.of("grades[1].minimum grades.minimum_not_increasing"), problems(grades("6", "6")));
        assertEquals(List.of("grades[1].minimum grades.minimum_not_increasing"), problems(grades("8", "6")));
        assertEquals(List.of("grades[0].minimum grades.minimum_negative"), problems(grades("-1", "6")));
        // Full marks 10 + max bonus 1 = 11 is reachable, 11.01 is not.
        assertTrue(SchemeValidator.validate(grades("6", "11")).valid());
        assertEquals(List.of("grades[1].minimum grades.minimum_above_max"), problems(grades("6", "11.01")));
    }

    @Test
    void likertMappingProblems() {
        assertEquals(LikertMapping.OVER_FIVE, SchemeValidator.validate(likert("OVER_FIVE")).orThrow().likert());
        assertEquals(List.of("likert.preset likert.preset_unknown"), problems(likert("SQUARE")));
        assertEquals(List.of("likert.coefficients likert.coefficients_count"), problems(likert("CUSTOM", "0", "0.5", "1")));
        assertEquals(List.of("likert.coefficients[4] likert.coefficient_range"), problems(likert("CUSTOM", "0", "0.4", "0.6", "0.8", "1.2")));
        assertEquals(List.of("likert.coefficients[2] likert.coefficients_decreasing"), problems(likert("CUSTOM", "0", "0.5", "0.4", "0.8", "1")));
        assertEquals(List.of("likert.coefficients likert.coefficients_unexpected"), problems(likert("LINEAR", "0", "0.25", "0.5", "0.75", "1")));
        LikertMapping custom = SchemeValidator.validate(likert("CUSTOM", "0", "0.4", "0.6", "0.8", "1")).orThrow().likert();
        assertEquals(0, new BigDecimal("0.6").compareTo(custom.coefficient(3)));
    }

    @Test
    void specialRuleProblems() {
        // both a count rule and a points rule: fails when either holds
        assertEquals(new SpecialRules.Either(new SpecialRules.DeductionCount(5), new SpecialRules.DeductedPoints(BigDecimal.TEN)),
                SchemeValidator.validate(special(new SchemeDocument.Special(BigDecimal.ONE, BigDecimal.ONE,
                        new SchemeDocument.FailWhen(5, BigDecimal.TEN)))).orThrow().special().failRule());
        assertEquals(List.of("special.failWhen.deductionCount special.fail_rule_invalid"),
                problems(special(new SchemeDocument.Special(BigDecimal.ONE, BigDecimal.ONE, new SchemeDocument.FailWhen(0, null)))));
        assertEquals(List.of("special.pointsPerDeduction special.negative"),
                problems(special(new SchemeDocument.Special(new BigDecimal("-1"), BigDecimal.ONE, null))));
        Scheme s = SchemeValidator.validate(special(new SchemeDocument.Special(null, null,
                new SchemeDocument.FailWhen(null, new BigDecimal("5"))))).orThrow();
        assertEquals(new SpecialRules.DeductedPoints(new BigDecimal("5")), s.special().failRule());
    }

    @Test
    void passMinimumIsAPercentage() {
        SchemeDocument d = valid();
        SchemeDocument.Part b = d.parts().get(1);
        SchemeDocument.Part changed = new SchemeDocument.Part("b", "乙", "B", b.points(), new BigDecimal("101"), b.groups());
        assertEquals(List.of("parts[1].passMinimum passMinimum.range"), problems(d.withParts(List.of(d.parts().get(0), changed))));
    }

    @Test
    void missingValuesAndEmptyLists() {
        SchemeDocument d = valid();
        SchemeDocument.Part a = d.parts().get(0);
        SchemeDocument.Part noGroups = new SchemeDocument.Part(null, " ", null, new BigDecimal("6"), null, List.of());
        assertEquals(List.of("parts[0].key required", "parts[0].titleZh text.required", "parts[0].groups groups.empty"),
                problems(d.withParts(List.of(noGroups, d.parts().get(1)))));
        assertEquals(List.of("parts parts.empty"), problems(d.withParts(List.of())));
        assertEquals(List.of("parts[1].key key.duplicate"), problems(d.withParts(List.of(a,
                new SchemeDocument.Part("a", "乙", "B", new BigDecimal("4"), null, d.parts().get(1).groups())))));
    }

    @Test
    void allProblemsAreReportedAtOnce() {
        SchemeDocument d = withItem(0, 0, 0, i -> new SchemeDocument.Item("1.1.2", "A2", new BigDecimal("-1"), null, null,
                List.of("X"), "Y", true, null));
        List<String> p = problems(d);
        assertEquals(List.of(
                "parts[0].groups[0].items[0].textZh text.required",
                "parts[0].groups[0].items[0].points points.negative",
                "parts[0].groups[0].items[0].methods[0] methods.unknown",
                "parts[0].groups[0].items[0].answerType answerType.unknown",
                "parts[0].groups[0].items[1].clause clause.duplicate",
                "parts[0].groups[0].items[1].code code.duplicate",
                "parts[0].groups[0].points points.sum_mismatch"), p);
        InvalidException e = assertThrows(InvalidException.class, () -> SchemeValidator.validate(d).orThrow());
        assertEquals(7, e.problems().size());
    }
}
