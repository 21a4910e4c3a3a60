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
 *   <li>{@code special.negative}, {@code special.fail_rule_ambiguous}, {@code special.fail_rule_invalid}</li>
 *   <li>{@code grades.empty}, {@code grades.minimum_not_increasing}, {@code grades.minimum_negative},
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
        List<String> naClauses = doc.notApplicableClauses() == null ? List.of() : doc.notApplicableClauses();
        for (int i = 0; i < naClauses.size(); i++) {
            required(naClauses.get(i), "notApplicableClauses[" + i + "]");
        }
        GradeTable grades = grades(doc.grades(), fullMarks, special);

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
            if (fullMarks != null && sum.compareTo(fullMarks) != 0) {
                add("fullMarks", "points.sum_mismatch", plain(fullMarks), plain(sum));
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new Scheme(code, doc.titleZh(), doc.titleEn(), doc.descriptionZh(), doc.descriptionEn(), fullMarks,
                likert, special, naClauses, grades, parts);
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
        return problems.isEmpty() ? new Part(part.key(), part.titleZh(), part.titleEn(), points, passMinimum, groups) : null;
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
        unique(codes, required(item.code(), path + ".code"), path + ".code", "code.duplicate");
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
        return problems.isEmpty()
                ? new Item(clause, item.code(), points, item.textZh(), item.textEn(), methods, answerType, range, naAllowed)
                : null;
    }

    private void ambiguousCodes(List<SchemeDocument.Part> parts) {
        Map<String, String> itemClauses = new HashMap<>();
        forEachItem(parts, (item, path) -> {
            if (item.clause() != null) {
                itemClauses.putIfAbsent(item.clause(), item.code() == null ? "" : item.code());
            }
        });
        forEachItem(parts, (item, path) -> {
            String owner = item.code() == null ? null : itemClauses.get(item.code());
            if (owner != null && !owner.equals(item.code())) {
                add(path + ".code", "code.ambiguous", item.code(), owner);
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
                add("special.failWhen", "special.fail_rule_ambiguous");
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

    private GradeTable grades(List<SchemeDocument.Grade> grades, BigDecimal fullMarks, SpecialRules special) {
        if (grades == null || grades.isEmpty()) {
            add("grades", "grades.empty");
            return null;
        }
        BigDecimal max = fullMarks == null ? null : fullMarks.add(special.maxBonus());
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
            if (min == null) {
                add(path + ".minimum", "required");
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
            levels.add(new GradeTable.Level(g.key() == null ? "" : g.key(), g.nameZh(), g.nameEn(), min));
        }
        return new GradeTable(levels);
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
