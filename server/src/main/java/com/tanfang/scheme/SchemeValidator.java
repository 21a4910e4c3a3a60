package com.tanfang.scheme;

import com.tanfang.message.FieldProblem;
import com.tanfang.message.InvalidException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a {@link SchemeDocument} and, when it has no problems, converts it into a {@link Scheme}.
 * Reports <em>all</em> problems, each with the path of the offending node and a stable code:
 * <ul>
 *   <li>{@code required} – a mandatory value is missing or blank; {@code text.required} – neither zh nor en text</li>
 *   <li>{@code fullMarks.not_positive}, {@code points.negative}</li>
 *   <li>{@code points.sum_mismatch} – group ≠ Σ items, part ≠ Σ groups, fullMarks ≠ Σ parts</li>
 *   <li>{@code clause.duplicate}, {@code code.duplicate}, {@code key.duplicate} (parts and grades),
 *       {@code code.ambiguous} – an item code equal to another item's clause (ratings name items by either)</li>
 *   <li>{@code parts.empty}, {@code groups.empty}, {@code items.empty}</li>
 *   <li>{@code methods.empty}, {@code methods.unknown}, {@code methods.duplicate}, {@code answerType.unknown}</li>
 *   <li>{@code numeric.required}, {@code numeric.empty_range}, {@code numeric.unexpected}</li>
 *   <li>{@code na.not_allowed_by_scheme} – item allows N/A outside {@code notApplicableClauses}</li>
 *   <li>{@code passMinimum.range} – not within 0..100</li>
 *   <li>{@code likert.preset_unknown}, {@code likert.coefficients_count}, {@code likert.coefficient_range},
 *       {@code likert.coefficients_decreasing}, {@code likert.coefficients_unexpected}</li>
 *   <li>{@code special.negative}, {@code special.fail_rule_invalid} (count and points rule together: either fails)</li>
 *   <li>{@code passMinimum.both}, {@code passMinimumPoints.range}, {@code gatedBy.unknown_part}, {@code gatedBy.no_pass_rule},
 *       {@code veto.yes_no_only}, {@code reporting.unknown}, {@code reporting.no_total_for_bonus},
 *       {@code combination.unknown}, {@code display.decimals_range}, {@code display.rounding_unknown},
 *       {@code grades.minimum_without_total}</li>
 *   <li>no grades at all = a pass / fail scheme; {@code grades.minimum_not_increasing}, {@code grades.minimum_negative},
 *       {@code grades.minimum_above_max} (above full marks + max bonus: unreachable)</li>
 * </ul>
 */
public final class SchemeValidator {

    /** The outcome: a scheme when {@link #valid()}, otherwise the problems. */
    public record Result(Scheme scheme, List<FieldProblem> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public boolean valid() {
            return problems.isEmpty();
        }

        /** The scheme, or a {@link InvalidException} carrying all problems. */
        public Scheme orThrow() {
            if (!valid()) {
                throw new InvalidException(problems);
            }
            return scheme;
        }
    }

    private final List<FieldProblem> problems = new ArrayList<>();

    private SchemeValidator() {}

    public static Result validate(SchemeDocument doc) {
        SchemeValidator v = new SchemeValidator();
        Scheme scheme = v.scheme(doc);
        return new Result(v.problems.isEmpty() ? scheme : null, v.problems);
    }

    /** Re-checks a scheme built in code (same rules as for documents). */
    public static List<FieldProblem> problems(Scheme scheme) {
        return validate(SchemeDocuments.toDocument(scheme)).problems();
    }

    private Scheme scheme(SchemeDocument doc) {
        if (doc == null) {
            add("", "required");
            return null;
        }
        if (!bounded(doc)) {
            // nothing else runs on an unbounded document: a sum with 1e300000 alone costs minutes
            return null;
        }
        String code = required(doc.code(), "code");
        text(doc.titleZh(), doc.titleEn(), "titleZh");
        BigDecimal fullMarks = doc.fullMarks();
        if (fullMarks == null) {
            add("fullMarks", "required");
        } else if (fullMarks.signum() <= 0) {
            add("fullMarks", "fullMarks.not_positive", plain(fullMarks));
        }
        LikertMapping likert = likert(doc.likert());
        SpecialRules special = special(doc.special());
        Scheme.Reporting reporting = doc.reporting() == null ? Scheme.Reporting.COMBINED_TOTAL
                : enumValue(Scheme.Reporting.class, doc.reporting(), "reporting", "reporting.unknown");
        Combination combination = combination(doc.combination());
        DisplayRule display = display(doc.display());
        List<String> naClauses = doc.notApplicableClauses() == null ? List.of() : doc.notApplicableClauses();
        for (int i = 0; i < naClauses.size(); i++) {
            required(naClauses.get(i), "notApplicableClauses[" + i + "]");
        }
        BonusItems bonusItems = bonusItems(doc.bonusItems(), reporting, special);
        GradeTable grades = grades(doc.grades(), fullMarks, special, bonusItems, reporting);

        List<Part> parts = new ArrayList<>();
        if (doc.parts() == null || doc.parts().isEmpty()) {
            add("parts", "parts.empty");
        } else {
            Map<String, String> partKeys = new HashMap<>();
            Map<String, String> clauses = new HashMap<>();
            Map<String, String> codes = new HashMap<>();
            BigDecimal sum = BigDecimal.ZERO;
            for (int p = 0; p < doc.parts().size(); p++) {
                String path = "parts[" + p + "]";
                SchemeDocument.Part part = doc.parts().get(p);
                if (part == null) {
                    add(path, "required");
                    continue;
                }
                unique(partKeys, part.key(), path + ".key", "key.duplicate");
                parts.add(part(part, path, naClauses, clauses, codes));
                if (part.points() != null) {
                    sum = sum.add(part.points());
                }
            }
            ambiguousCodes(doc.parts());
            gates(doc.parts());
            bonusItemNames(doc.bonusItems(), clauses, codes);
            gradeConditions(doc.grades(), doc.parts());
            if (fullMarks != null && sum.compareTo(fullMarks) != 0) {
                add("fullMarks", "points.sum_mismatch", plain(fullMarks), plain(sum));
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new Scheme(code, doc.titleZh(), doc.titleEn(), doc.descriptionZh(), doc.descriptionEn(), fullMarks,
                likert, special, naClauses, grades, parts, reporting, combination, bonusItems, display);
    }

    private Part part(SchemeDocument.Part part, String path, List<String> naClauses,
                      Map<String, String> clauses, Map<String, String> codes) {
        required(part.key(), path + ".key");
        text(part.titleZh(), part.titleEn(), path + ".titleZh");
        BigDecimal points = points(part.points(), path + ".points");
        BigDecimal passMinimum = part.passMinimum();
        if (passMinimum != null && (passMinimum.signum() < 0 || passMinimum.compareTo(HUNDRED) > 0)) {
            add(path + ".passMinimum", "passMinimum.range", plain(passMinimum));
        }
        BigDecimal passPoints = part.passMinimumPoints();
        if (passPoints != null && passMinimum != null) {
            add(path + ".passMinimumPoints", "passMinimum.both");
        } else if (passPoints != null && (passPoints.signum() < 0 || (points != null && passPoints.compareTo(points) > 0))) {
            add(path + ".passMinimumPoints", "passMinimumPoints.range", plain(passPoints), points == null ? "?" : plain(points));
        }
        List<Group> groups = new ArrayList<>();
        if (part.groups() == null || part.groups().isEmpty()) {
            add(path + ".groups", "groups.empty");
        } else {
            BigDecimal sum = BigDecimal.ZERO;
            for (int g = 0; g < part.groups().size(); g++) {
                String gPath = path + ".groups[" + g + "]";
                SchemeDocument.Group group = part.groups().get(g);
                if (group == null) {
                    add(gPath, "required");
                    continue;
                }
                groups.add(group(group, gPath, naClauses, clauses, codes));
                if (group.points() != null) {
                    sum = sum.add(group.points());
                }
            }
            sumMatches(points, sum, path + ".points");
        }
        String gatedBy = part.gatedBy() == null || part.gatedBy().isBlank() ? null : part.gatedBy().trim();
        return problems.isEmpty()
                ? new Part(part.key(), part.titleZh(), part.titleEn(), points, passMinimum, groups, passPoints, gatedBy)
                : null;
    }

    private Group group(SchemeDocument.Group group, String path, List<String> naClauses,
                        Map<String, String> clauses, Map<String, String> codes) {
        unique(clauses, required(group.clause(), path + ".clause"), path + ".clause", "clause.duplicate");
        text(group.titleZh(), group.titleEn(), path + ".titleZh");
        BigDecimal points = points(group.points(), path + ".points");
        List<Item> items = new ArrayList<>();
        if (group.items() == null || group.items().isEmpty()) {
            add(path + ".items", "items.empty");
        } else {
            BigDecimal sum = BigDecimal.ZERO;
            for (int i = 0; i < group.items().size(); i++) {
                String iPath = path + ".items[" + i + "]";
                SchemeDocument.Item item = group.items().get(i);
                if (item == null) {
                    add(iPath, "required");
                    continue;
                }
                items.add(item(item, iPath, naClauses, clauses, codes));
                if (item.points() != null) {
                    sum = sum.add(item.points());
                }
            }
            sumMatches(points, sum, path + ".points");
        }
        return problems.isEmpty() ? new Group(group.clause(), group.titleZh(), group.titleEn(), points, items) : null;
    }

    private Item item(SchemeDocument.Item item, String path, List<String> naClauses,
                      Map<String, String> clauses, Map<String, String> codes) {
        String clause = required(item.clause(), path + ".clause");
        unique(clauses, clause, path + ".clause", "clause.duplicate");
        String code = item.code() == null || item.code().isBlank() ? null : item.code().trim();
        unique(codes, code, path + ".code", "code.duplicate");
        text(item.textZh(), item.textEn(), path + ".textZh");
        BigDecimal points = points(item.points(), path + ".points");

        Set<Method> methods = EnumSet.noneOf(Method.class);
        if (item.methods() == null || item.methods().isEmpty()) {
            add(path + ".methods", "methods.empty", names(Method.values()));
        } else {
            for (int m = 0; m < item.methods().size(); m++) {
                Method method = enumValue(Method.class, item.methods().get(m), path + ".methods[" + m + "]", "methods.unknown");
                if (method != null && !methods.add(method)) {
                    add(path + ".methods[" + m + "]", "methods.duplicate", method);
                }
            }
        }

        AnswerType answerType = null;
        if (item.answerType() == null || item.answerType().isBlank()) {
            add(path + ".answerType", "required");
        } else {
            answerType = enumValue(AnswerType.class, item.answerType(), path + ".answerType", "answerType.unknown");
        }

        NumericRange range = null;
        SchemeDocument.Numeric numeric = item.numeric();
        if (answerType == AnswerType.NUMERIC) {
            if (numeric == null || numeric.worst() == null || numeric.best() == null) {
                add(path + ".numeric", "numeric.required");
            } else if (numeric.worst().compareTo(numeric.best()) == 0) {
                add(path + ".numeric", "numeric.empty_range");
            } else {
                range = new NumericRange(numeric.worst(), numeric.best());
            }
        } else if (numeric != null && answerType != null) {
            add(path + ".numeric", "numeric.unexpected");
        }

        boolean naAllowed = Boolean.TRUE.equals(item.notApplicableAllowed());
        if (naAllowed && clause != null && !Scheme.notApplicableAllowedUnder(naClauses, clause)) {
            add(path + ".notApplicableAllowed", "na.not_allowed_by_scheme", String.join(", ", naClauses));
        }
        Item.Veto veto = null;
        if (item.veto() != null) {
            SchemeDocument.Veto v = item.veto();
            if (answerType != null && answerType != AnswerType.YES_NO) {
                add(path + ".veto", "veto.yes_no_only", answerType);
            }
            text(v.reasonZh(), v.reasonEn(), path + ".veto.reasonZh");
            veto = new Item.Veto(Boolean.TRUE.equals(v.answer()), v.reasonZh(), v.reasonEn());
        }
        return problems.isEmpty()
                ? new Item(clause, code, points, item.textZh(), item.textEn(), methods, answerType, range, naAllowed, veto)
                : null;
    }

    private void ambiguousCodes(List<SchemeDocument.Part> parts) {
        // A rating names an item by code, else by clause: a code that is ANOTHER item's clause would be read as
        // either (whether or not that other item has a code of its own). Items are told apart by their path.
        Map<String, String> clauseOwners = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        forEachItem(parts, (item, path) -> {
            if (item.clause() != null) {
                clauseOwners.putIfAbsent(item.clause(), path);
                names.putIfAbsent(path, item.code() == null || item.code().isBlank() ? item.clause() : item.code());
            }
        });
        forEachItem(parts, (item, path) -> {
            String owner = item.code() == null || item.code().isBlank() ? null : clauseOwners.get(item.code());
            if (owner != null && !owner.equals(path)) {
                add(path + ".code", "code.ambiguous", item.code(), names.get(owner));
            }
        });
    }

    private static void forEachItem(List<SchemeDocument.Part> parts, java.util.function.BiConsumer<SchemeDocument.Item, String> action) {
        for (int p = 0; p < parts.size(); p++) {
            SchemeDocument.Part part = parts.get(p);
            for (int g = 0; part != null && part.groups() != null && g < part.groups().size(); g++) {
                SchemeDocument.Group group = part.groups().get(g);
                for (int i = 0; group != null && group.items() != null && i < group.items().size(); i++) {
                    if (group.items().get(i) != null) {
                        action.accept(group.items().get(i), "parts[" + p + "].groups[" + g + "].items[" + i + "]");
                    }
                }
            }
        }
    }

    private LikertMapping likert(SchemeDocument.Likert likert) {
        if (likert == null || likert.preset() == null) {
            if (likert != null && likert.coefficients() != null) {
                add("likert.preset", "required");
            }
            return LikertMapping.LINEAR;
        }
        LikertMapping.Preset preset = enumValue(LikertMapping.Preset.class, likert.preset(), "likert.preset", "likert.preset_unknown");
        if (preset == null) {
            return null;
        }
        List<BigDecimal> c = likert.coefficients();
        if (preset != LikertMapping.Preset.CUSTOM) {
            if (c != null && !c.isEmpty()) {
                add("likert.coefficients", "likert.coefficients_unexpected");
            }
            return LikertMapping.of(preset);
        }
        if (c == null || c.size() != 5) {
            add("likert.coefficients", "likert.coefficients_count", c == null ? 0 : c.size());
            return null;
        }
        boolean ok = true;
        for (int i = 0; i < 5; i++) {
            BigDecimal v = c.get(i);
            String path = "likert.coefficients[" + i + "]";
            if (v == null) {
                add(path, "required");
                ok = false;
            } else if (v.signum() < 0 || v.compareTo(BigDecimal.ONE) > 0) {
                add(path, "likert.coefficient_range", plain(v));
                ok = false;
            } else if (i > 0 && c.get(i - 1) != null && v.compareTo(c.get(i - 1)) < 0) {
                add(path, "likert.coefficients_decreasing");
                ok = false;
            }
        }
        return ok ? LikertMapping.custom(c) : null;
    }

    private SpecialRules special(SchemeDocument.Special special) {
        if (special == null) {
            return SpecialRules.NONE;
        }
        BigDecimal perDeduction = special.pointsPerDeduction() == null ? BigDecimal.ONE : special.pointsPerDeduction();
        BigDecimal maxBonus = special.maxBonus() == null ? BigDecimal.ZERO : special.maxBonus();
        if (perDeduction.signum() < 0) {
            add("special.pointsPerDeduction", "special.negative");
        }
        if (maxBonus.signum() < 0) {
            add("special.maxBonus", "special.negative");
        }
        SpecialRules.FailRule rule = null;
        SchemeDocument.FailWhen when = special.failWhen();
        if (when != null) {
            if (when.deductionCount() != null && when.deductedPoints() != null) {
                if (when.deductionCount() < 1) {
                    add("special.failWhen.deductionCount", "special.fail_rule_invalid", 1);
                }
                if (when.deductedPoints().signum() < 0) {
                    add("special.failWhen.deductedPoints", "special.fail_rule_invalid", 0);
                }
                rule = new SpecialRules.Either(new SpecialRules.DeductionCount(when.deductionCount()),
                        new SpecialRules.DeductedPoints(when.deductedPoints()));
            } else if (when.deductionCount() != null) {
                if (when.deductionCount() < 1) {
                    add("special.failWhen.deductionCount", "special.fail_rule_invalid", 1);
                }
                rule = new SpecialRules.DeductionCount(when.deductionCount());
            } else if (when.deductedPoints() != null) {
                if (when.deductedPoints().signum() < 0) {
                    add("special.failWhen.deductedPoints", "special.fail_rule_invalid", 0);
                }
                rule = new SpecialRules.DeductedPoints(when.deductedPoints());
            }
        }
        return new SpecialRules(perDeduction, maxBonus, rule);
    }

    private GradeTable grades(List<SchemeDocument.Grade> grades, BigDecimal fullMarks, SpecialRules special,
                              BonusItems bonusItems, Scheme.Reporting reporting) {
        if (grades == null || grades.isEmpty()) {
            return new GradeTable(List.of()); // pass / fail only
        }
        boolean combined = reporting != Scheme.Reporting.PARTS_SEPARATELY;
        BigDecimal max = fullMarks == null || special == null ? null
                : fullMarks.add(special.maxBonus()).add(bonusItems == null ? BigDecimal.ZERO : bonusItems.cap());
        Map<String, String> keys = new HashMap<>();
        List<GradeTable.Level> levels = new ArrayList<>();
        BigDecimal previous = null;
        for (int i = 0; i < grades.size(); i++) {
            String path = "grades[" + i + "]";
            SchemeDocument.Grade g = grades.get(i);
            if (g == null) {
                add(path, "required");
                continue;
            }
            unique(keys, required(g.key(), path + ".key"), path + ".key", "key.duplicate");
            text(g.nameZh(), g.nameEn(), path + ".nameZh");
            BigDecimal min = g.minimum();
            List<GradeTable.PartCondition> conditions = new ArrayList<>();
            for (int c = 0; g.conditions() != null && c < g.conditions().size(); c++) {
                SchemeDocument.PartCondition pc = g.conditions().get(c);
                String cPath = path + ".conditions[" + c + "]";
                if (pc == null) {
                    add(cPath, "required");
                } else if (pc.minimumPercent() != null && pc.minimumPoints() != null) {
                    add(cPath + ".minimumPoints", "passMinimum.both");
                } else if (pc.minimumPercent() == null && pc.minimumPoints() == null) {
                    add(cPath + ".minimumPercent", "required");
                } else if (pc.part() == null || pc.part().isBlank()) {
                    add(cPath + ".part", "required");
                } else if (pc.minimumPercent() != null) {
                    if (pc.minimumPercent().signum() < 0 || pc.minimumPercent().compareTo(HUNDRED) > 0) {
                        add(cPath + ".minimumPercent", "passMinimum.range", plain(pc.minimumPercent()));
                    }
                    conditions.add(new GradeTable.PartCondition(pc.part().trim(), pc.minimumPercent(), false));
                } else {
                    if (pc.minimumPoints().signum() < 0) {
                        add(cPath + ".minimumPoints", "grades.minimum_negative");
                    }
                    conditions.add(new GradeTable.PartCondition(pc.part().trim(), pc.minimumPoints(), true));
                }
            }
            if (min != null && !combined) {
                add(path + ".minimum", "grades.minimum_without_total");
                continue;
            }
            if (min == null) {
                if (conditions.isEmpty()) {
                    add(path + ".minimum", "required");
                } else {
                    levels.add(new GradeTable.Level(g.key() == null ? "" : g.key(), g.nameZh(), g.nameEn(), null, conditions));
                }
                continue;
            }
            if (min.signum() < 0) {
                add(path + ".minimum", "grades.minimum_negative");
            }
            if (previous != null && min.compareTo(previous) <= 0) {
                add(path + ".minimum", "grades.minimum_not_increasing", plain(min), plain(previous));
            }
            if (max != null && min.compareTo(max) > 0) {
                add(path + ".minimum", "grades.minimum_above_max", plain(min), plain(max));
            }
            previous = min;
            levels.add(new GradeTable.Level(g.key() == null ? "" : g.key(), g.nameZh(), g.nameEn(), min, conditions));
        }
        return new GradeTable(levels);
    }

    private Combination combination(SchemeDocument.Combination c) {
        if (c == null) {
            return Combination.DEFAULT;
        }
        Combination.Raters raters = c.raters() == null ? Combination.Raters.MEAN_PER_RATER
                : enumValue(Combination.Raters.class, c.raters(), "combination.raters", "combination.unknown");
        Combination.LikertRule likert = c.likert() == null ? Combination.LikertRule.MEAN_OF_COEFFICIENTS
                : enumValue(Combination.LikertRule.class, c.likert(), "combination.likert", "combination.unknown");
        Combination.YesNoRule yesNo = c.yesNo() == null ? Combination.YesNoRule.MEAN
                : enumValue(Combination.YesNoRule.class, c.yesNo(), "combination.yesNo", "combination.unknown");
        return raters == null || likert == null || yesNo == null ? null : new Combination(raters, likert, yesNo);
    }

    private static final List<java.math.RoundingMode> ROUNDINGS = List.of(java.math.RoundingMode.HALF_UP,
            java.math.RoundingMode.HALF_EVEN, java.math.RoundingMode.DOWN, java.math.RoundingMode.UP);

    private DisplayRule display(SchemeDocument.DisplayRule d) {
        if (d == null) {
            return null;
        }
        Integer decimals = d.decimals();
        if (decimals == null) {
            add("display.decimals", "required");
        } else if (decimals < 0 || decimals > DisplayRule.MAX_DECIMALS) {
            add("display.decimals", "display.decimals_range", DisplayRule.MAX_DECIMALS, decimals);
        }
        java.math.RoundingMode rounding = java.math.RoundingMode.HALF_UP;
        if (d.rounding() != null) {
            rounding = ROUNDINGS.stream().filter(r -> r.name().equals(d.rounding().trim())).findFirst().orElse(null);
            if (rounding == null) {
                add("display.rounding", "display.rounding_unknown", d.rounding(),
                        String.join(", ", ROUNDINGS.stream().map(Enum::name).toList()));
            }
        }
        return decimals == null || rounding == null ? null : new DisplayRule(decimals, rounding);
    }

    private BonusItems bonusItems(SchemeDocument.BonusItems b, Scheme.Reporting reporting, SpecialRules special) {
        if (reporting == Scheme.Reporting.PARTS_SEPARATELY && special != null && special.maxBonus().signum() > 0) {
            add("special.maxBonus", "reporting.no_total_for_bonus");
        }
        if (b == null) {
            return BonusItems.NONE;
        }
        if (reporting == Scheme.Reporting.PARTS_SEPARATELY) {
            add("bonusItems", "reporting.no_total_for_bonus");
        }
        BigDecimal cap = b.cap();
        if (cap == null) {
            add("bonusItems.cap", "required");
        } else if (cap.signum() < 0) {
            add("bonusItems.cap", "special.negative");
        }
        List<BonusItems.Item> items = new ArrayList<>();
        for (int i = 0; b.items() != null && i < b.items().size(); i++) {
            SchemeDocument.BonusItem item = b.items().get(i);
            String path = "bonusItems.items[" + i + "]";
            if (item == null) {
                add(path, "required");
                continue;
            }
            String clause = required(item.clause(), path + ".clause");
            text(item.textZh(), item.textEn(), path + ".textZh");
            BigDecimal points = points(item.points(), path + ".points");
            String code = item.code() == null || item.code().isBlank() ? null : item.code().trim();
            if (clause != null && points != null) {
                items.add(new BonusItems.Item(clause, code, points, item.textZh(), item.textEn()));
            }
        }
        return cap == null ? null : new BonusItems(cap, items);
    }

    /** Bonus item clauses and codes are unique among themselves and with the items' (ratings name either). */
    private void bonusItemNames(SchemeDocument.BonusItems b, Map<String, String> clauses, Map<String, String> codes) {
        for (int i = 0; b != null && b.items() != null && i < b.items().size(); i++) {
            SchemeDocument.BonusItem item = b.items().get(i);
            if (item == null) {
                continue;
            }
            String path = "bonusItems.items[" + i + "]";
            if (item.clause() != null && !item.clause().isBlank()) {
                unique(clauses, item.clause(), path + ".clause", "clause.duplicate");
            }
            if (item.code() != null && !item.code().isBlank()) {
                if (clauses.containsKey(item.code()) && !item.code().equals(item.clause())) {
                    add(path + ".code", "code.ambiguous", item.code(), item.code());
                }
                unique(codes, item.code().trim(), path + ".code", "code.duplicate");
            }
        }
    }

    /** {@code gatedBy} names an earlier part that has a pass rule. */
    private void gates(List<SchemeDocument.Part> parts) {
        Map<String, SchemeDocument.Part> earlier = new HashMap<>();
        for (int p = 0; p < parts.size(); p++) {
            SchemeDocument.Part part = parts.get(p);
            if (part == null) {
                continue;
            }
            String gate = part.gatedBy();
            if (gate != null && !gate.isBlank()) {
                SchemeDocument.Part by = earlier.get(gate.trim());
                if (by == null) {
                    add("parts[" + p + "].gatedBy", "gatedBy.unknown_part", gate);
                } else if (by.passMinimum() == null && by.passMinimumPoints() == null) {
                    add("parts[" + p + "].gatedBy", "gatedBy.no_pass_rule", gate);
                }
            }
            if (part.key() != null) {
                earlier.putIfAbsent(part.key(), part);
            }
        }
    }

    /** Grade conditions name a part; a condition in points is within the part's points. */
    private void gradeConditions(List<SchemeDocument.Grade> grades, List<SchemeDocument.Part> parts) {
        Map<String, SchemeDocument.Part> byKey = new HashMap<>();
        parts.stream().filter(p -> p != null && p.key() != null).forEach(p -> byKey.putIfAbsent(p.key(), p));
        for (int g = 0; grades != null && g < grades.size(); g++) {
            SchemeDocument.Grade grade = grades.get(g);
            for (int c = 0; grade != null && grade.conditions() != null && c < grade.conditions().size(); c++) {
                SchemeDocument.PartCondition pc = grade.conditions().get(c);
                if (pc == null || pc.part() == null || pc.part().isBlank()) {
                    continue;
                }
                String path = "grades[" + g + "].conditions[" + c + "]";
                SchemeDocument.Part part = byKey.get(pc.part().trim());
                if (part == null) {
                    add(path + ".part", "gatedBy.unknown_part", pc.part());
                } else if (pc.minimumPoints() != null && part.points() != null && pc.minimumPoints().compareTo(part.points()) > 0) {
                    add(path + ".minimumPoints", "passMinimumPoints.range", plain(pc.minimumPoints()), plain(part.points()));
                }
            }
        }
    }

    // --- small helpers ---

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** Longest code, key or clause (the database indexes scheme codes; a 400 KB one would not fit). */
    public static final int MAX_CODE = 64;
    /** Longest title or name. */
    public static final int MAX_TITLE = 300;
    /** Longest description or item text. */
    public static final int MAX_TEXT = 10_000;

    /**
     * Every decimal within {@link Decimals} and every text within its length, checked before any arithmetic;
     * {@code false} (with the problems added) when something is out of bounds.
     */
    private boolean bounded(SchemeDocument doc) {
        int before = problems.size();
        length(doc.code(), "code", MAX_CODE);
        length(doc.titleZh(), "titleZh", MAX_TITLE);
        length(doc.titleEn(), "titleEn", MAX_TITLE);
        length(doc.descriptionZh(), "descriptionZh", MAX_TEXT);
        length(doc.descriptionEn(), "descriptionEn", MAX_TEXT);
        decimal(doc.fullMarks(), "fullMarks");
        if (doc.likert() != null) {
            length(doc.likert().preset(), "likert.preset", MAX_CODE);
            List<BigDecimal> c = doc.likert().coefficients();
            for (int i = 0; c != null && i < c.size(); i++) {
                decimal(c.get(i), "likert.coefficients[" + i + "]");
            }
        }
        if (doc.special() != null) {
            decimal(doc.special().pointsPerDeduction(), "special.pointsPerDeduction");
            decimal(doc.special().maxBonus(), "special.maxBonus");
            if (doc.special().failWhen() != null) {
                decimal(doc.special().failWhen().deductedPoints(), "special.failWhen.deductedPoints");
            }
        }
        length(doc.reporting(), "reporting", MAX_CODE);
        if (doc.combination() != null) {
            length(doc.combination().raters(), "combination.raters", MAX_CODE);
            length(doc.combination().likert(), "combination.likert", MAX_CODE);
            length(doc.combination().yesNo(), "combination.yesNo", MAX_CODE);
        }
        if (doc.display() != null) {
            length(doc.display().rounding(), "display.rounding", MAX_CODE);
        }
        if (doc.bonusItems() != null) {
            decimal(doc.bonusItems().cap(), "bonusItems.cap");
            for (int i = 0; doc.bonusItems().items() != null && i < doc.bonusItems().items().size(); i++) {
                SchemeDocument.BonusItem b = doc.bonusItems().items().get(i);
                String path = "bonusItems.items[" + i + "]";
                if (b != null) {
                    length(b.clause(), path + ".clause", MAX_CODE);
                    length(b.code(), path + ".code", MAX_CODE);
                    length(b.textZh(), path + ".textZh", MAX_TEXT);
                    length(b.textEn(), path + ".textEn", MAX_TEXT);
                    decimal(b.points(), path + ".points");
                }
            }
        }
        List<String> na = doc.notApplicableClauses();
        for (int i = 0; na != null && i < na.size(); i++) {
            length(na.get(i), "notApplicableClauses[" + i + "]", MAX_CODE);
        }
        for (int g = 0; doc.grades() != null && g < doc.grades().size(); g++) {
            SchemeDocument.Grade grade = doc.grades().get(g);
            String path = "grades[" + g + "]";
            if (grade != null) {
                length(grade.key(), path + ".key", MAX_CODE);
                length(grade.nameZh(), path + ".nameZh", MAX_TITLE);
                length(grade.nameEn(), path + ".nameEn", MAX_TITLE);
                decimal(grade.minimum(), path + ".minimum");
                for (int c = 0; grade.conditions() != null && c < grade.conditions().size(); c++) {
                    SchemeDocument.PartCondition pc = grade.conditions().get(c);
                    if (pc != null) {
                        length(pc.part(), path + ".conditions[" + c + "].part", MAX_CODE);
                        decimal(pc.minimumPercent(), path + ".conditions[" + c + "].minimumPercent");
                        decimal(pc.minimumPoints(), path + ".conditions[" + c + "].minimumPoints");
                    }
                }
            }
        }
        for (int p = 0; doc.parts() != null && p < doc.parts().size(); p++) {
            SchemeDocument.Part part = doc.parts().get(p);
            String path = "parts[" + p + "]";
            if (part == null) {
                continue;
            }
            length(part.key(), path + ".key", MAX_CODE);
            length(part.titleZh(), path + ".titleZh", MAX_TITLE);
            length(part.titleEn(), path + ".titleEn", MAX_TITLE);
            decimal(part.points(), path + ".points");
            decimal(part.passMinimum(), path + ".passMinimum");
            decimal(part.passMinimumPoints(), path + ".passMinimumPoints");
            length(part.gatedBy(), path + ".gatedBy", MAX_CODE);
            for (int gr = 0; part.groups() != null && gr < part.groups().size(); gr++) {
                SchemeDocument.Group group = part.groups().get(gr);
                String gpath = path + ".groups[" + gr + "]";
                if (group == null) {
                    continue;
                }
                length(group.clause(), gpath + ".clause", MAX_CODE);
                length(group.titleZh(), gpath + ".titleZh", MAX_TITLE);
                length(group.titleEn(), gpath + ".titleEn", MAX_TITLE);
                decimal(group.points(), gpath + ".points");
                for (int i = 0; group.items() != null && i < group.items().size(); i++) {
                    SchemeDocument.Item item = group.items().get(i);
                    String ipath = gpath + ".items[" + i + "]";
                    if (item == null) {
                        continue;
                    }
                    length(item.clause(), ipath + ".clause", MAX_CODE);
                    length(item.code(), ipath + ".code", MAX_CODE);
                    length(item.textZh(), ipath + ".textZh", MAX_TEXT);
                    length(item.textEn(), ipath + ".textEn", MAX_TEXT);
                    length(item.answerType(), ipath + ".answerType", MAX_CODE);
                    for (int m = 0; item.methods() != null && m < item.methods().size(); m++) {
                        length(item.methods().get(m), ipath + ".methods[" + m + "]", MAX_CODE);
                    }
                    decimal(item.points(), ipath + ".points");
                    if (item.veto() != null) {
                        length(item.veto().reasonZh(), ipath + ".veto.reasonZh", MAX_TEXT);
                        length(item.veto().reasonEn(), ipath + ".veto.reasonEn", MAX_TEXT);
                    }
                    if (item.numeric() != null) {
                        decimal(item.numeric().worst(), ipath + ".numeric.worst");
                        decimal(item.numeric().best(), ipath + ".numeric.best");
                    }
                }
            }
        }
        return problems.size() == before;
    }

    private void decimal(BigDecimal value, String path) {
        Decimals.problem(path, value).ifPresent(problems::add);
    }

    private void length(String value, String path, int max) {
        if (value != null && value.length() > max) {
            add(path, "text.too_long", max, value.length());
        }
    }

    private void add(String path, String code, Object... args) {
        problems.add(FieldProblem.of(path, code, args));
    }

    private String required(String value, String path) {
        if (value == null || value.isBlank()) {
            add(path, "required");
            return null;
        }
        return value;
    }

    private void text(String zh, String en, String path) {
        if ((zh == null || zh.isBlank()) && (en == null || en.isBlank())) {
            add(path, "text.required");
        }
    }

    private BigDecimal points(BigDecimal points, String path) {
        if (points == null) {
            add(path, "required");
        } else if (points.signum() < 0) {
            add(path, "points.negative", plain(points));
        }
        return points;
    }

    private void sumMatches(BigDecimal declared, BigDecimal sum, String path) {
        if (declared != null && declared.compareTo(sum) != 0) {
            add(path, "points.sum_mismatch", plain(declared), plain(sum));
        }
    }

    private void unique(Map<String, String> seen, String value, String path, String code) {
        if (value == null) {
            return;
        }
        String first = seen.putIfAbsent(value, path);
        if (first != null) {
            add(path, code, value, first);
        }
    }

    private <E extends Enum<E>> E enumValue(Class<E> type, String name, String path, String code) {
        if (name == null || name.isBlank()) {
            add(path, "required");
            return null;
        }
        try {
            return Enum.valueOf(type, name.trim());
        } catch (IllegalArgumentException e) {
            add(path, code, name, names(type.getEnumConstants()));
            return null;
        }
    }

    private static String names(Enum<?>[] values) {
        return String.join(", ", java.util.Arrays.stream(values).map(Enum::name).toList());
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }
}
