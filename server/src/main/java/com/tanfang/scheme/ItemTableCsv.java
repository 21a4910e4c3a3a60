package com.tanfang.scheme;

import com.tanfang.message.FieldProblem;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a leaf-item table in the shape of {@code gbt27922-items.csv} (RFC 4180 quoting, header row) into the
 * parts/groups/items of a {@link SchemeDocument}, and its bonus rows into bonus items. Columns are found by header
 * name (English, or the Chinese aliases in {@link #ALIASES}):
 * <pre>part,part_points,group_clause,group_zh,group_en,group_points,clause,code,points,item_zh,item_en</pre>
 * Optional columns ({@link #OPTIONAL_COLUMNS}): {@code part_zh}, {@code part_en}, {@code part_pass_minimum} (%),
 * {@code part_pass_minimum_points}, {@code part_gated_by} (part rules, from the part's rows: later rows repeat or
 * leave them empty), {@code methods} (names separated by {@code |} or {@code ;}), {@code answerType},
 * {@code notApplicableAllowed}, {@code numeric_worst} and {@code numeric_best}, {@code veto} (the yes/no answer
 * that vetoes: yes or no) with {@code veto_reason_zh/en}, and {@code bonus} (true: the row is a bonus item 加分项,
 * its part and group cells empty). Any other column is a problem naming it (never dropped). Without the optional
 * columns the fields stay null for the caller to fill. Parts and groups appear in first-seen order.
 * Bytes are decoded by {@link TableText} (UTF-8 or GB18030, or UTF-16 with a BOM, then tab-separated); rows of
 * an XLSX sheet come from {@link ItemTableXlsx}. Problems carry the place: {@code line 7: points} (CSV) or
 * {@code items!7: points} (sheet {@code items}, row 7), code {@code csv.not_a_number}.
 */
public final class ItemTableCsv {

    public static final List<String> REQUIRED_COLUMNS = List.of("part", "part_points", "group_clause", "group_zh",
            "group_en", "group_points", "clause", "code", "points", "item_zh", "item_en");
    public static final List<String> OPTIONAL_COLUMNS = List.of("part_zh", "part_en", "part_pass_minimum",
            "part_pass_minimum_points", "part_gated_by", "methods", "answerType", "notApplicableAllowed",
            "numeric_worst", "numeric_best", "veto", "veto_reason_zh", "veto_reason_en", "bonus");
    /** Chinese headers a certification body may write instead of the English column names. */
    public static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("部分", "part"), Map.entry("部分分值", "part_points"), Map.entry("部分名称", "part_zh"),
            Map.entry("部分英文名称", "part_en"), Map.entry("分组条款", "group_clause"), Map.entry("分组名称", "group_zh"),
            Map.entry("分组英文名称", "group_en"), Map.entry("分组分值", "group_points"), Map.entry("条款", "clause"),
            Map.entry("编号", "code"), Map.entry("分值", "points"), Map.entry("内容", "item_zh"),
            Map.entry("英文内容", "item_en"), Map.entry("评价方法", "methods"), Map.entry("答案类型", "answerType"),
            Map.entry("可不适用", "notApplicableAllowed"), Map.entry("数值最差", "numeric_worst"),
            Map.entry("数值最好", "numeric_best"), Map.entry("一票否决", "veto"), Map.entry("否决理由", "veto_reason_zh"),
            Map.entry("否决英文理由", "veto_reason_en"), Map.entry("部分合格线", "part_pass_minimum"),
            Map.entry("部分合格分", "part_pass_minimum_points"), Map.entry("前置部分", "part_gated_by"),
            Map.entry("加分项", "bonus"));
    /** Bounds of a table (CSV or sheet), checked before anything else is read from it. */
    public static final int MAX_ROWS = 5000;
    public static final int MAX_COLUMNS = 64;
    public static final int MAX_CELL_CHARS = 10_000;

    /**
     * The parts and bonus items read, and every problem found (partial when there are problems).
     *
     * @param places the place (line or sheet row) each part, group and item starts on, by document path
     *               ({@code parts[0].groups[1]} → {@code line 7})
     */
    public record Result(List<SchemeDocument.Part> parts, List<SchemeDocument.BonusItem> bonusItems,
                         List<FieldProblem> problems, Map<String, String> places) {
        public Result {
            parts = List.copyOf(parts);
            bonusItems = List.copyOf(bonusItems);
            problems = List.copyOf(problems);
            places = Map.copyOf(places);
        }

        Result(List<FieldProblem> problems) {
            this(List.of(), List.of(), problems, Map.of());
        }

        /**
         * A problem of a document made from this table, e.g. from {@link SchemeValidator}, with the place of
         * the item, group or part it is about: {@code line 3: parts[0].groups[0].items[1].clause}.
         */
        public FieldProblem locate(FieldProblem problem) {
            String prefix = problem.field();
            while (true) {
                String place = places.get(prefix);
                if (place != null) {
                    return problem.at(place + ": " + problem.field());
                }
                int cut = prefix.lastIndexOf('.');
                if (cut < 0) {
                    return problem;
                }
                prefix = prefix.substring(0, cut);
            }
        }

        public boolean valid() {
            return problems.isEmpty();
        }

        /** The sum of the part points (what full marks default to). */
        public BigDecimal partPoints() {
            return parts.stream().map(SchemeDocument.Part::points).filter(java.util.Objects::nonNull)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        /**
         * The skeleton merged into {@code base} (code, titles, grades, Likert, special rules, ...). When
         * {@code base.fullMarks()} is null, full marks default to the sum of the part points. Bonus rows become
         * the bonus items (with the cap of {@code base.bonusItems()}, if any).
         */
        public SchemeDocument toDocument(SchemeDocument base) {
            BigDecimal fullMarks = base.fullMarks() != null ? base.fullMarks() : partPoints();
            SchemeDocument.BonusItems bonus = base.bonusItems();
            if (!bonusItems.isEmpty() || bonus != null) {
                bonus = new SchemeDocument.BonusItems(bonus == null ? null : bonus.cap(), bonusItems);
            }
            return new SchemeDocument(base.code(), base.titleZh(), base.titleEn(), base.descriptionZh(),
                    base.descriptionEn(), fullMarks, base.likert(), base.special(), base.notApplicableClauses(),
                    base.grades(), parts, base.reporting(), base.combination(), bonus, base.display());
        }
    }

    /**
     * One row of a table: where a person finds it ({@code line 7}, {@code items!7}), its cells as text, and the
     * cells that hold no usable value (a date or an error cell of a sheet: index → problem code).
     */
    public record Row(String place, List<String> fields, Map<Integer, String> bad) {
        public Row {
            fields = List.copyOf(fields);
            bad = Map.copyOf(bad);
        }

        public Row(String place, List<String> fields) {
            this(place, fields, Map.of());
        }

        boolean blank() {
            return fields.stream().allMatch(String::isBlank) && bad.isEmpty();
        }
    }

    private ItemTableCsv() {}

    /** Bytes in any accepted encoding (see {@link TableText}); an undecodable file is a problem, never mojibake. */
    public static Result parse(InputStream in) throws IOException {
        return parse(in.readAllBytes(), null);
    }

    public static Result parse(byte[] bytes, String charset) {
        String text;
        try {
            text = TableText.decode(bytes, charset, "csv");
        } catch (com.tanfang.message.InvalidException e) {
            return new Result(e.problems());
        }
        return parse(text);
    }

    public static Result parse(String text) {
        List<FieldProblem> problems = new ArrayList<>();
        List<Row> rows = records(text, problems);
        if (!problems.isEmpty() && rows.isEmpty()) {
            return new Result(problems);
        }
        Result r = parse(rows, "line 1");
        if (problems.isEmpty()) {
            return r;
        }
        List<FieldProblem> all = new ArrayList<>(r.problems());
        all.addAll(problems);
        return new Result(r.parts(), r.bonusItems(), all, r.places());
    }

    /** The rows of a table, the first being the header; {@code headerPlace} names the header row in problems. */
    public static Result parse(List<Row> rows, String headerPlace) {
        List<FieldProblem> problems = new ArrayList<>();
        rows = rows.stream().filter(r -> !r.blank()).toList();
        if (rows.isEmpty()) {
            problems.add(FieldProblem.of(headerPlace, "csv.empty"));
            return new Result(problems);
        }
        if (rows.size() > MAX_ROWS + 1) {
            problems.add(FieldProblem.of(headerPlace, "table.too_many_rows", MAX_ROWS));
            return new Result(problems);
        }
        Row headerRow = rows.get(0);
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = headerRow.fields();
        if (header.size() > MAX_COLUMNS) {
            problems.add(FieldProblem.of(headerRow.place(), "table.too_many_columns", MAX_COLUMNS));
            return new Result(problems);
        }
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim();
            if (name.isEmpty()) {
                continue;
            }
            String canonical = ALIASES.getOrDefault(name, name);
            if (!REQUIRED_COLUMNS.contains(canonical) && !OPTIONAL_COLUMNS.contains(canonical)) {
                problems.add(FieldProblem.of(headerRow.place(), "table.unknown_column", name));
            } else if (columns.putIfAbsent(canonical, i) != null) {
                problems.add(FieldProblem.of(headerRow.place(), "table.duplicate_column", name));
            }
        }
        for (String c : REQUIRED_COLUMNS) {
            if (!columns.containsKey(c)) {
                problems.add(FieldProblem.of(headerRow.place(), "csv.missing_column", c));
            }
        }
        if (!problems.isEmpty()) {
            return new Result(problems);
        }

        Map<String, PartBuilder> parts = new LinkedHashMap<>();
        List<SchemeDocument.BonusItem> bonusItems = new ArrayList<>();
        List<String> bonusPlaces = new ArrayList<>();
        for (Row row : rows.subList(1, rows.size())) {
            Cells cells = new Cells(row, columns, problems);
            if (row.fields().size() < header.size()) {
                problems.add(FieldProblem.of(row.place(), "csv.short_row", row.fields().size(), header.size()));
                continue;
            }
            if (!cells.withinBounds()) {
                continue;
            }
            if (Boolean.TRUE.equals(cells.bool("bonus"))) {
                for (String c : List.of("part", "part_points", "group_clause", "group_zh", "group_en", "group_points")) {
                    if (cells.optional(c) != null) {
                        cells.problem(c, "table.bonus_row_in_part");
                    }
                }
                bonusItems.add(new SchemeDocument.BonusItem(cells.text("clause"), cells.text("code"),
                        cells.number("points"), cells.text("item_zh"), cells.text("item_en")));
                bonusPlaces.add(row.place());
                continue;
            }
            String partKey = cells.text("part");
            String groupClause = cells.text("group_clause");
            PartBuilder part = parts.computeIfAbsent(partKey == null ? "" : partKey, k -> new PartBuilder(k, row.place()));
            part.zh = cells.consistentText(part.zh, "part_zh", part.place);
            part.en = cells.consistentText(part.en, "part_en", part.place);
            part.gatedBy = cells.consistentText(part.gatedBy, "part_gated_by", part.place);
            part.points = cells.consistent(part.points, cells.number("part_points"), "part_points", part.place);
            if (cells.optional("part_pass_minimum") != null) {
                part.passMinimum = cells.consistent(part.passMinimum, cells.number("part_pass_minimum"), "part_pass_minimum", part.place);
            }
            if (cells.optional("part_pass_minimum_points") != null) {
                part.passMinimumPoints = cells.consistent(part.passMinimumPoints, cells.number("part_pass_minimum_points"),
                        "part_pass_minimum_points", part.place);
            }
            GroupBuilder group = part.groups.computeIfAbsent(groupClause == null ? "" : groupClause,
                    k -> new GroupBuilder(k, cells.text("group_zh"), cells.text("group_en"), row.place()));
            group.points = cells.consistent(group.points, cells.number("group_points"), "group_points", group.place);
            group.itemPlaces.add(row.place());
            group.items.add(new SchemeDocument.Item(cells.text("clause"), cells.text("code"), cells.number("points"),
                    cells.text("item_zh"), cells.text("item_en"), cells.methods(), cells.optional("answerType"),
                    cells.bool("notApplicableAllowed"), cells.numeric(), cells.veto()));
        }
        List<SchemeDocument.Part> result = parts.values().stream().map(p -> new SchemeDocument.Part(p.key, p.zh, p.en,
                p.points, p.passMinimum, p.groups.values().stream().map(g -> new SchemeDocument.Group(g.clause, g.zh, g.en,
                        g.points, List.copyOf(g.items))).toList(), p.passMinimumPoints, p.gatedBy)).toList();
        Map<String, String> places = new HashMap<>();
        int p = 0;
        for (PartBuilder part : parts.values()) {
            places.put("parts[" + p + "]", part.place);
            int g = 0;
            for (GroupBuilder group : part.groups.values()) {
                String groupPath = "parts[" + p + "].groups[" + g++ + "]";
                places.put(groupPath, group.place);
                for (int i = 0; i < group.itemPlaces.size(); i++) {
                    places.put(groupPath + ".items[" + i + "]", group.itemPlaces.get(i));
                }
            }
            p++;
        }
        for (int i = 0; i < bonusPlaces.size(); i++) {
            places.put("bonusItems.items[" + i + "]", bonusPlaces.get(i));
        }
        return new Result(result, bonusItems, problems, places);
    }

    private static final class PartBuilder {
        final String key;
        final String place;
        String zh;
        String en;
        String gatedBy;
        BigDecimal points;
        BigDecimal passMinimum;
        BigDecimal passMinimumPoints;
        final Map<String, GroupBuilder> groups = new LinkedHashMap<>();

        PartBuilder(String key, String place) {
            this.key = key;
            this.place = place;
        }
    }

    private static final class GroupBuilder {
        final String clause;
        final String zh;
        final String en;
        final String place;
        BigDecimal points;
        final List<SchemeDocument.Item> items = new ArrayList<>();
        final List<String> itemPlaces = new ArrayList<>();

        GroupBuilder(String clause, String zh, String en, String place) {
            this.clause = clause;
            this.zh = zh;
            this.en = en;
            this.place = place;
        }
    }

    /** Typed access to one row's cells, reporting problems against the row's place. */
    private record Cells(Row row, Map<String, Integer> columns, List<FieldProblem> problems) {
        String optional(String column) {
            Integer i = columns.get(column);
            if (i == null || i >= row.fields().size()) {
                return null;
            }
            String bad = row.bad().get(i);
            if (bad != null) {
                problem(column, bad);
                return null;
            }
            String v = row.fields().get(i).trim();
            return v.isEmpty() ? null : v;
        }

        /** False (and a problem per cell) when a cell is longer than any text a scheme may hold. */
        boolean withinBounds() {
            boolean ok = true;
            for (Map.Entry<String, Integer> c : columns.entrySet()) {
                if (c.getValue() < row.fields().size() && row.fields().get(c.getValue()).length() > MAX_CELL_CHARS) {
                    problem(c.getKey(), "table.cell_too_long", MAX_CELL_CHARS);
                    ok = false;
                }
            }
            return ok;
        }

        String text(String column) {
            return optional(column);
        }

        BigDecimal number(String column) {
            Integer i = columns.get(column);
            if (i != null && row.bad().containsKey(i)) {
                optional(column); // reports the date or error cell
                return null;
            }
            String v = optional(column);
            if (v == null) {
                problem(column, "csv.empty_cell");
                return null;
            }
            return parseNumber(column, v);
        }

        BigDecimal optionalNumber(String column) {
            String v = optional(column);
            return v == null ? null : parseNumber(column, v);
        }

        private BigDecimal parseNumber(String column, String v) {
            // a cell longer than any bounded decimal is refused unparsed (parsing a megabyte of digits is slow)
            if (v.length() > Decimals.MAX_PRECISION + 12) {
                problem(column, Decimals.OUT_OF_BOUNDS, Decimals.MAX_INTEGER_DIGITS, Decimals.MAX_SCALE);
                return null;
            }
            BigDecimal number;
            try {
                number = new BigDecimal(v);
            } catch (NumberFormatException e) {
                problem(column, "csv.not_a_number", v);
                return null;
            }
            if (!Decimals.within(number)) {
                problem(column, Decimals.OUT_OF_BOUNDS, Decimals.MAX_INTEGER_DIGITS, Decimals.MAX_SCALE);
                return null;
            }
            return number;
        }

        List<String> methods() {
            String v = optional("methods");
            return v == null ? null : Arrays.stream(v.split("[|;]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }

        Boolean bool(String column) {
            String v = optional(column);
            if (v == null) {
                return null;
            }
            Boolean b = booleanOf(v);
            if (b == null) {
                problem(column, "csv.not_a_boolean", v);
            }
            return b;
        }

        SchemeDocument.Numeric numeric() {
            BigDecimal worst = optionalNumber("numeric_worst");
            BigDecimal best = optionalNumber("numeric_best");
            return worst == null && best == null ? null : new SchemeDocument.Numeric(worst, best);
        }

        SchemeDocument.Veto veto() {
            Boolean answer = bool("veto");
            String zh = optional("veto_reason_zh");
            String en = optional("veto_reason_en");
            if (answer == null) {
                if (zh != null || en != null) {
                    problem("veto", "table.veto_reason_without_veto");
                }
                return null;
            }
            return new SchemeDocument.Veto(answer, zh, en);
        }

        String consistentText(String known, String column, String firstPlace) {
            String value = optional(column);
            if (known != null && value != null && !known.equals(value)) {
                inconsistent(column, value, known, firstPlace);
            }
            return known != null ? known : value;
        }

        /** The first row fixes a part's or group's points; later rows must repeat them. */
        BigDecimal consistent(BigDecimal known, BigDecimal value, String column, String firstPlace) {
            if (known != null && value != null && known.compareTo(value) != 0) {
                inconsistent(column, value.toPlainString(), known.toPlainString(), firstPlace);
            }
            return known != null ? known : value;
        }

        /** "on line 2" for CSV, "at items!2" for a sheet. */
        void inconsistent(String column, String value, String known, String firstPlace) {
            if (firstPlace.startsWith("line ")) {
                problem(column, "csv.inconsistent", value, known, firstPlace.substring(5));
            } else {
                problem(column, "table.inconsistent", value, known, firstPlace);
            }
        }

        void problem(String column, String code, Object... args) {
            problems.add(FieldProblem.of(row.place() + ": " + column, code, args));
        }
    }

    /** true/false, yes/no, 是/否 (any case); null for anything else. */
    static Boolean booleanOf(String v) {
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "y", "是" -> Boolean.TRUE;
            case "false", "no", "n", "否" -> Boolean.FALSE;
            default -> null;
        };
    }

    /**
     * RFC 4180 records read by commons-csv; each remembers the line it starts on (a quoted field may span lines),
     * found from the record's character position so problems can name the line a person sees in an editor. A
     * header line with tabs and no comma (Excel's "Unicode text") makes the table tab-separated.
     */
    static List<Row> records(String text, List<FieldProblem> problems) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Integer> lineStarts = new ArrayList<>();
        lineStarts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lineStarts.add(i + 1);
            }
        }
        int firstBreak = text.indexOf('\n');
        String firstLine = firstBreak < 0 ? text : text.substring(0, firstBreak);
        boolean tabs = firstLine.indexOf('\t') >= 0 && firstLine.indexOf(',') < 0;
        List<Row> rows = new ArrayList<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setDelimiter(tabs ? '\t' : ',').get();
        long nextLine = 1;
        try (CSVParser parser = CSVParser.parse(text, format)) {
            for (CSVRecord record : parser) {
                int line = lineOf(lineStarts, record.getCharacterPosition());
                rows.add(new Row("line " + line, record.toList()));
                nextLine = parser.getCurrentLineNumber() + 1;
                if (rows.size() > MAX_ROWS + 1) {
                    break;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // commons-csv stops at the first malformed record (an unclosed or stray quote); what came before stands.
            problems.add(FieldProblem.of("line " + nextLine, "csv.unclosed_quote"));
        }
        return rows;
    }

    private static int lineOf(List<Integer> lineStarts, long position) {
        int index = Collections.binarySearch(lineStarts, (int) position);
        return (index >= 0 ? index : -index - 2) + 1;
    }
}
