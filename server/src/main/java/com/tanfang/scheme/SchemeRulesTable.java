package com.tanfang.scheme;

import com.tanfang.message.FieldProblem;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scheme-level rules of an item table, as a second table (the {@code scheme} / {@code 规则} sheet of an XLSX,
 * or a second CSV): one rule per row, the rule's name in the first cell and its values in the next cells. A first
 * row starting {@code rule} / {@code 规则} is a header; empty rows and rows whose first cell starts with {@code #}
 * are skipped. Rules (Chinese names in {@link #ALIASES}):
 * <pre>
 * code | bus-line              title_zh | 公交线路暗访        title_en | Bus line
 * description_zh | …           description_en | …             full_marks | 100
 * reporting | PARTS_SEPARATELY (or TOTAL)                       likert | LINEAR (OVER_FIVE, or CUSTOM | 0 | 0.4 | 0.6 | 0.8 | 1)
 * points_per_deduction | 5     max_bonus | 1                  fail_deduction_count | 5      fail_deducted_points | 10
 * not_applicable | 5.2 | 6.1  (clause prefixes where items may allow N/A; the row alone: nowhere)
 * grade | key | nameZh | nameEn | minimum | conditions        (conditions: "service>=85%; management>=800")
 * pass_fail_only | yes         combination | MEAN_PER_RATER | MEAN_OF_COEFFICIENTS | MAJORITY
 * display | 2 | HALF_UP        bonus_cap | 10
 * </pre>
 * An unknown rule, a rule given twice (except {@code grade}) or a value cell too many is a problem naming the
 * place ({@code line 4: grade} / {@code scheme!4: grade}), never dropped. What the table leaves out stays null.
 */
public final class SchemeRulesTable {

    public static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("代码", "code"), Map.entry("方案代码", "code"), Map.entry("名称", "title_zh"),
            Map.entry("中文名称", "title_zh"), Map.entry("英文名称", "title_en"), Map.entry("说明", "description_zh"),
            Map.entry("英文说明", "description_en"), Map.entry("满分", "full_marks"), Map.entry("报告方式", "reporting"),
            Map.entry("李克特", "likert"), Map.entry("每项扣分", "points_per_deduction"),
            Map.entry("特别加分上限", "max_bonus"), Map.entry("扣分项数不合格", "fail_deduction_count"),
            Map.entry("扣分超过不合格", "fail_deducted_points"), Map.entry("可不适用条款", "not_applicable"),
            Map.entry("等级", "grade"), Map.entry("仅通过不通过", "pass_fail_only"), Map.entry("评分合并", "combination"),
            Map.entry("显示", "display"), Map.entry("加分项上限", "bonus_cap"));

    /** How many value cells each rule takes at most. */
    static final Map<String, Integer> RULES = Map.ofEntries(
            Map.entry("code", 1), Map.entry("title_zh", 1), Map.entry("title_en", 1), Map.entry("description_zh", 1),
            Map.entry("description_en", 1), Map.entry("full_marks", 1), Map.entry("reporting", 1), Map.entry("likert", 6),
            Map.entry("points_per_deduction", 1), Map.entry("max_bonus", 1), Map.entry("fail_deduction_count", 1),
            Map.entry("fail_deducted_points", 1), Map.entry("not_applicable", ItemTableCsv.MAX_COLUMNS),
            Map.entry("grade", 5), Map.entry("pass_fail_only", 1), Map.entry("combination", 3), Map.entry("display", 2),
            Map.entry("bonus_cap", 1));

    /**
     * What the rules table says; null where it says nothing. {@code grades} is null without grade rows and
     * empty for {@code pass_fail_only}.
     */
    public record Rules(String code, String titleZh, String titleEn, String descriptionZh, String descriptionEn,
                        BigDecimal fullMarks, String reporting, SchemeDocument.Likert likert, SchemeDocument.Special special,
                        List<String> notApplicableClauses, List<SchemeDocument.Grade> grades,
                        SchemeDocument.Combination combination, SchemeDocument.DisplayRule display, BigDecimal bonusCap,
                        List<FieldProblem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }

        /**
         * A document without parts holding these rules (for {@link ItemTableCsv.Result#toDocument}); a missing
         * Likert mapping is LINEAR, the published default (the import says so).
         */
        public SchemeDocument skeleton() {
            return new SchemeDocument(code, titleZh, titleEn, descriptionZh, descriptionEn, fullMarks,
                    likert == null ? new SchemeDocument.Likert("LINEAR", null) : likert, special, notApplicableClauses,
                    grades, null, reporting, combination,
                    bonusCap == null ? null : new SchemeDocument.BonusItems(bonusCap, null), display);
        }
    }

    private static final Pattern CONDITION = Pattern.compile("^\\s*(\\S+?)\\s*(?:>=|≥)\\s*(\\S+?)\\s*(%?)\\s*$");

    private SchemeRulesTable() {}

    /** A rules CSV's text (see {@link TableText} for bytes). */
    public static Rules parse(String text) {
        List<FieldProblem> problems = new ArrayList<>();
        List<ItemTableCsv.Row> rows = ItemTableCsv.records(text, problems);
        Rules r = parse(rows);
        if (problems.isEmpty()) {
            return r;
        }
        List<FieldProblem> all = new ArrayList<>(problems);
        all.addAll(r.problems());
        return withProblems(r, all);
    }

    public static Rules parse(List<ItemTableCsv.Row> rows) {
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String code = null, titleZh = null, titleEn = null, descriptionZh = null, descriptionEn = null, reporting = null;
        BigDecimal fullMarks = null, perDeduction = null, maxBonus = null, failPoints = null, bonusCap = null;
        Integer failCount = null;
        SchemeDocument.Likert likert = null;
        List<String> na = null;
        List<SchemeDocument.Grade> grades = null;
        boolean passFailOnly = false;
        SchemeDocument.Combination combination = null;
        SchemeDocument.DisplayRule display = null;
        if (rows.size() > ItemTableCsv.MAX_ROWS) {
            return new Rules(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    List.of(FieldProblem.of(rows.get(0).place(), "table.too_many_rows", ItemTableCsv.MAX_ROWS)));
        }
        boolean first = true;
        for (ItemTableCsv.Row row : rows) {
            List<String> cells = row.fields().stream().map(String::trim).toList();
            int last = cells.size() - 1;
            while (last >= 0 && cells.get(last).isEmpty() && !row.bad().containsKey(last)) {
                last--;
            }
            if (last < 0 || cells.get(0).startsWith("#")) {
                continue;
            }
            cells = cells.subList(0, last + 1);
            String name = cells.get(0);
            String rule = ALIASES.getOrDefault(name, name.toLowerCase(Locale.ROOT));
            boolean header = first && (rule.equals("rule") || name.equals("规则"));
            first = false;
            if (header) {
                continue;
            }
            Cells c = new Cells(row, name, cells, problems);
            Integer width = RULES.get(rule);
            if (width == null) {
                problems.add(FieldProblem.of(row.place() + ": " + name, "rules.unknown_rule", name));
                continue;
            }
            if (cells.size() - 1 > width) {
                c.problem("rules.too_many_values", width);
                continue;
            }
            for (int i = 1; i < cells.size(); i++) {
                if (row.bad().containsKey(i)) {
                    c.problem(row.bad().get(i));
                }
                if (cells.get(i).length() > ItemTableCsv.MAX_CELL_CHARS) {
                    c.problem("table.cell_too_long", ItemTableCsv.MAX_CELL_CHARS);
                }
            }
            if (!rule.equals("grade") && !seen.add(rule)) {
                c.problem("rules.duplicate_rule", name);
                continue;
            }
            switch (rule) {
                case "code" -> code = c.text(1);
                case "title_zh" -> titleZh = c.text(1);
                case "title_en" -> titleEn = c.text(1);
                case "description_zh" -> descriptionZh = c.text(1);
                case "description_en" -> descriptionEn = c.text(1);
                case "full_marks" -> fullMarks = c.number(1);
                case "reporting" -> {
                    String v = c.text(1);
                    reporting = v == null || v.equalsIgnoreCase("TOTAL") || v.equals("合计") ? null
                            : v.equals("分别报告") ? "PARTS_SEPARATELY" : v;
                }
                case "likert" -> {
                    String preset = c.text(1);
                    List<BigDecimal> coefficients = null;
                    if (cells.size() > 2) {
                        coefficients = new ArrayList<>();
                        for (int i = 2; i < cells.size(); i++) {
                            coefficients.add(c.number(i));
                        }
                    }
                    likert = new SchemeDocument.Likert(preset, coefficients);
                }
                case "points_per_deduction" -> perDeduction = c.number(1);
                case "max_bonus" -> maxBonus = c.number(1);
                case "fail_deduction_count" -> {
                    BigDecimal n = c.number(1);
                    if (n != null) {
                        try {
                            failCount = n.intValueExact();
                        } catch (ArithmeticException e) {
                            c.problem("rules.not_a_whole_number", n.toPlainString());
                        }
                    }
                }
                case "fail_deducted_points" -> failPoints = c.number(1);
                case "not_applicable" -> na = cells.subList(1, cells.size()).stream().filter(s -> !s.isEmpty()).toList();
                case "grade" -> {
                    if (grades == null) {
                        grades = new ArrayList<>();
                    }
                    BigDecimal minimum = cells.size() > 4 && !cells.get(4).isEmpty() ? c.number(4) : null;
                    grades.add(new SchemeDocument.Grade(c.text(1), c.text(2), c.text(3), minimum,
                            cells.size() > 5 ? c.conditions(5) : null));
                }
                case "pass_fail_only" -> {
                    Boolean b = c.text(1) == null ? Boolean.TRUE : ItemTableCsv.booleanOf(c.text(1));
                    if (b == null) {
                        c.problem("csv.not_a_boolean", c.text(1));
                    } else {
                        passFailOnly = b;
                    }
                }
                case "combination" -> combination = new SchemeDocument.Combination(c.text(1), c.text(2), c.text(3));
                case "display" -> {
                    BigDecimal decimals = c.number(1);
                    Integer d = null;
                    if (decimals != null) {
                        try {
                            d = decimals.intValueExact();
                        } catch (ArithmeticException e) {
                            c.problem("rules.not_a_whole_number", decimals.toPlainString());
                        }
                    }
                    display = new SchemeDocument.DisplayRule(d, c.text(2));
                }
                case "bonus_cap" -> bonusCap = c.number(1);
                default -> throw new IllegalStateException(rule);
            }
        }
        if (passFailOnly) {
            if (grades != null) {
                problems.add(FieldProblem.of("pass_fail_only", "rules.pass_fail_with_grades"));
            }
            grades = List.of();
        }
        SchemeDocument.Special special = perDeduction == null && maxBonus == null && failCount == null && failPoints == null
                ? null : new SchemeDocument.Special(perDeduction, maxBonus,
                failCount == null && failPoints == null ? null : new SchemeDocument.FailWhen(failCount, failPoints));
        return new Rules(code, titleZh, titleEn, descriptionZh, descriptionEn, fullMarks, reporting, likert, special, na,
                grades, combination, display, bonusCap, problems);
    }

    private static Rules withProblems(Rules r, List<FieldProblem> problems) {
        return new Rules(r.code(), r.titleZh(), r.titleEn(), r.descriptionZh(), r.descriptionEn(), r.fullMarks(),
                r.reporting(), r.likert(), r.special(), r.notApplicableClauses(), r.grades(), r.combination(), r.display(),
                r.bonusCap(), problems);
    }

    /** The rows of a document's rules (what {@link #parse} reads back), header first. */
    public static List<List<String>> rows(SchemeDocument d) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("rule", "value"));
        addRule(rows, "code", d.code());
        addRule(rows, "title_zh", d.titleZh());
        addRule(rows, "title_en", d.titleEn());
        addRule(rows, "description_zh", d.descriptionZh());
        addRule(rows, "description_en", d.descriptionEn());
        addRule(rows, "full_marks", plain(d.fullMarks()));
        addRule(rows, "reporting", d.reporting());
        if (d.likert() != null) {
            List<String> row = new ArrayList<>(List.of("likert", nz(d.likert().preset())));
            if (d.likert().coefficients() != null) {
                d.likert().coefficients().forEach(x -> row.add(plain(x)));
            }
            rows.add(row);
        }
        if (d.special() != null) {
            addRule(rows, "points_per_deduction", plain(d.special().pointsPerDeduction()));
            addRule(rows, "max_bonus", plain(d.special().maxBonus()));
            if (d.special().failWhen() != null) {
                addRule(rows, "fail_deduction_count", d.special().failWhen().deductionCount() == null ? null
                        : d.special().failWhen().deductionCount().toString());
                addRule(rows, "fail_deducted_points", plain(d.special().failWhen().deductedPoints()));
            }
        }
        if (d.notApplicableClauses() != null) {
            List<String> row = new ArrayList<>(List.of("not_applicable"));
            row.addAll(d.notApplicableClauses());
            rows.add(row);
        }
        if (d.grades() != null && d.grades().isEmpty()) {
            rows.add(List.of("pass_fail_only", "yes"));
        } else if (d.grades() != null) {
            for (SchemeDocument.Grade g : d.grades()) {
                List<String> row = new ArrayList<>(List.of("grade", nz(g.key()), nz(g.nameZh()), nz(g.nameEn()), nz(plain(g.minimum()))));
                if (g.conditions() != null && !g.conditions().isEmpty()) {
                    row.add(String.join("; ", g.conditions().stream().map(c -> c.part() + ">="
                            + (c.minimumPercent() != null ? plain(c.minimumPercent()) + "%" : plain(c.minimumPoints()))).toList()));
                }
                rows.add(row);
            }
        }
        if (d.combination() != null) {
            rows.add(List.of("combination", nz(d.combination().raters()), nz(d.combination().likert()), nz(d.combination().yesNo())));
        }
        if (d.display() != null) {
            rows.add(List.of("display", d.display().decimals() == null ? "" : d.display().decimals().toString(),
                    nz(d.display().rounding())));
        }
        if (d.bonusItems() != null && d.bonusItems().cap() != null) {
            addRule(rows, "bonus_cap", plain(d.bonusItems().cap()));
        }
        return rows;
    }

    private static void addRule(List<List<String>> rows, String rule, String value) {
        if (value != null) {
            rows.add(List.of(rule, value));
        }
    }

    static String plain(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private record Cells(ItemTableCsv.Row row, String name, List<String> cells, List<FieldProblem> problems) {
        String text(int i) {
            return i < cells.size() && !cells.get(i).isEmpty() ? cells.get(i) : null;
        }

        BigDecimal number(int i) {
            String v = text(i);
            if (v == null) {
                return null;
            }
            if (v.length() > Decimals.MAX_PRECISION + 12) {
                problem(Decimals.OUT_OF_BOUNDS, Decimals.MAX_INTEGER_DIGITS, Decimals.MAX_SCALE);
                return null;
            }
            try {
                BigDecimal n = new BigDecimal(v);
                if (!Decimals.within(n)) {
                    problem(Decimals.OUT_OF_BOUNDS, Decimals.MAX_INTEGER_DIGITS, Decimals.MAX_SCALE);
                    return null;
                }
                return n;
            } catch (NumberFormatException e) {
                problem("csv.not_a_number", v);
                return null;
            }
        }

        /** {@code service>=85%; management>=800}: percent of the part with %, points on its scale without. */
        List<SchemeDocument.PartCondition> conditions(int i) {
            String v = text(i);
            if (v == null) {
                return null;
            }
            List<SchemeDocument.PartCondition> out = new ArrayList<>();
            for (String part : v.split("[;；]")) {
                if (part.isBlank()) {
                    continue;
                }
                Matcher m = CONDITION.matcher(part);
                BigDecimal n = null;
                if (m.matches()) {
                    String digits = m.group(2);
                    if (digits.length() <= Decimals.MAX_PRECISION + 12) {
                        try {
                            n = new BigDecimal(digits);
                        } catch (NumberFormatException e) {
                            n = null;
                        }
                    }
                }
                if (n == null || !Decimals.within(n)) {
                    problem("rules.bad_condition", part.trim());
                    continue;
                }
                boolean percent = !m.group(3).isEmpty();
                out.add(new SchemeDocument.PartCondition(m.group(1), percent ? n : null, percent ? null : n));
            }
            return out;
        }

        void problem(String code, Object... args) {
            problems.add(FieldProblem.of(row.place() + ": " + name, code, args));
        }
    }
}
