package com.tanfang.scheme;

import com.tanfang.message.FieldProblem;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a leaf-item table in the shape of {@code gbt27922-items.csv} (UTF-8, optional BOM, RFC 4180 quoting,
 * header row) into the parts/groups/items of a {@link SchemeDocument}. Columns are found by header name:
 * <pre>part,part_points,group_clause,group_zh,group_en,group_points,clause,code,points,item_zh,item_en</pre>
 * Optional extra columns {@code part_zh} and {@code part_en} (part titles, taken from a part's first row),
 * {@code methods} (names separated by {@code |} or {@code ;}), {@code answerType} and
 * {@code notApplicableAllowed} (true/false) fill those item fields; without them the fields stay null for
 * the caller to fill (see {@link BuiltInSchemes}). Parts and groups appear in first-seen order.
 * Problems carry the line number: {@code line 7: points} with code {@code csv.not_a_number}.
 */
public final class ItemTableCsv {

    public static final List<String> REQUIRED_COLUMNS = List.of("part", "part_points", "group_clause", "group_zh",
            "group_en", "group_points", "clause", "code", "points", "item_zh", "item_en");

    /**
     * The parts read, and every problem found (the parts are partial when there are problems).
     *
     * @param lines the line each part, group and item starts on, by document path ({@code parts[0].groups[1]})
     */
    public record Result(List<SchemeDocument.Part> parts, List<FieldProblem> problems, Map<String, Integer> lines) {
        public Result {
            parts = List.copyOf(parts);
            problems = List.copyOf(problems);
            lines = Map.copyOf(lines);
        }

        Result(List<SchemeDocument.Part> parts, List<FieldProblem> problems) {
            this(parts, problems, Map.of());
        }

        /**
         * A problem of a document made from this table, e.g. from {@link SchemeValidator}, with the line of
         * the item, group or part it is about: {@code line 3: parts[0].groups[0].items[1].clause}.
         */
        public FieldProblem locate(FieldProblem problem) {
            String prefix = problem.field();
            while (true) {
                Integer line = lines.get(prefix);
                if (line != null) {
                    return problem.at("line " + line + ": " + problem.field());
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

        /**
         * The skeleton merged into {@code base} (code, titles, grades, Likert, special rules). When
         * {@code base.fullMarks()} is null, full marks default to the sum of the part points.
         */
        public SchemeDocument toDocument(SchemeDocument base) {
            BigDecimal fullMarks = base.fullMarks();
            if (fullMarks == null) {
                fullMarks = parts.stream().map(SchemeDocument.Part::points).filter(java.util.Objects::nonNull)
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
            }
            return new SchemeDocument(base.code(), base.titleZh(), base.titleEn(), base.descriptionZh(),
                    base.descriptionEn(), fullMarks, base.likert(), base.special(), base.notApplicableClauses(),
                    base.grades(), parts);
        }
    }

    private ItemTableCsv() {}

    public static Result parse(InputStream in) throws IOException {
        return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    public static Result parse(String text) {
        List<FieldProblem> problems = new ArrayList<>();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Row> rows = records(text, problems);
        if (rows.isEmpty()) {
            problems.add(FieldProblem.of("line 1", "csv.empty"));
            return new Result(List.of(), problems);
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = rows.get(0).fields;
        for (int i = 0; i < header.size(); i++) {
            columns.putIfAbsent(header.get(i).trim(), i);
        }
        for (String c : REQUIRED_COLUMNS) {
            if (!columns.containsKey(c)) {
                problems.add(FieldProblem.of("line 1", "csv.missing_column", c));
            }
        }
        if (!problems.isEmpty()) {
            return new Result(List.of(), problems);
        }

        Map<String, PartBuilder> parts = new LinkedHashMap<>();
        for (Row row : rows.subList(1, rows.size())) {
            if (row.fields.size() == 1 && row.fields.get(0).isBlank()) {
                continue; // blank line
            }
            Cells cells = new Cells(row, columns, problems);
            if (row.fields.size() < header.size()) {
                problems.add(FieldProblem.of("line " + row.line, "csv.short_row", row.fields.size(), header.size()));
                continue;
            }
            String partKey = cells.text("part");
            String groupClause = cells.text("group_clause");
            PartBuilder part = parts.computeIfAbsent(partKey == null ? "" : partKey, k -> new PartBuilder(k, cells.optional("part_zh"), cells.optional("part_en"), row.line));
            part.points = cells.consistent(part.points, cells.number("part_points"), "part_points", part.line);
            GroupBuilder group = part.groups.computeIfAbsent(groupClause == null ? "" : groupClause,
                    k -> new GroupBuilder(k, cells.text("group_zh"), cells.text("group_en"), row.line));
            group.points = cells.consistent(group.points, cells.number("group_points"), "group_points", group.line);
            group.itemLines.add(row.line);
            group.items.add(new SchemeDocument.Item(cells.text("clause"), cells.text("code"), cells.number("points"),
                    cells.text("item_zh"), cells.text("item_en"), cells.methods(), cells.optional("answerType"),
                    cells.bool("notApplicableAllowed"), null));
        }
        List<SchemeDocument.Part> result = parts.values().stream().map(p -> new SchemeDocument.Part(p.key, p.zh, p.en,
                p.points, null, p.groups.values().stream().map(g -> new SchemeDocument.Group(g.clause, g.zh, g.en,
                        g.points, List.copyOf(g.items))).toList())).toList();
        Map<String, Integer> lines = new HashMap<>();
        int p = 0;
        for (PartBuilder part : parts.values()) {
            lines.put("parts[" + p + "]", part.line);
            int g = 0;
            for (GroupBuilder group : part.groups.values()) {
                String groupPath = "parts[" + p + "].groups[" + g++ + "]";
                lines.put(groupPath, group.line);
                for (int i = 0; i < group.itemLines.size(); i++) {
                    lines.put(groupPath + ".items[" + i + "]", group.itemLines.get(i));
                }
            }
            p++;
        }
        return new Result(result, problems, lines);
    }

    private static final class PartBuilder {
        final String key;
        final String zh;
        final String en;
        final int line;
        BigDecimal points;
        final Map<String, GroupBuilder> groups = new LinkedHashMap<>();

        PartBuilder(String key, String zh, String en, int line) {
            this.key = key;
            this.zh = zh;
            this.en = en;
            this.line = line;
        }
    }

    private static final class GroupBuilder {
        final String clause;
        final String zh;
        final String en;
        final int line;
        BigDecimal points;
        final List<SchemeDocument.Item> items = new ArrayList<>();
        final List<Integer> itemLines = new ArrayList<>();

        GroupBuilder(String clause, String zh, String en, int line) {
            this.clause = clause;
            this.zh = zh;
            this.en = en;
            this.line = line;
        }
    }

    /** Typed access to one row's cells, reporting problems against the row's line. */
    private record Cells(Row row, Map<String, Integer> columns, List<FieldProblem> problems) {
        String optional(String column) {
            Integer i = columns.get(column);
            if (i == null || i >= row.fields.size()) {
                return null;
            }
            String v = row.fields.get(i).trim();
            return v.isEmpty() ? null : v;
        }

        String text(String column) {
            return optional(column);
        }

        BigDecimal number(String column) {
            String v = optional(column);
            if (v == null) {
                problem(column, "csv.empty_cell");
                return null;
            }
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
            if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                return Boolean.valueOf(v);
            }
            problem(column, "csv.not_a_boolean", v);
            return null;
        }

        /** The first row fixes a part's or group's points; later rows must repeat them. */
        BigDecimal consistent(BigDecimal known, BigDecimal value, String column, int firstLine) {
            if (known != null && value != null && known.compareTo(value) != 0) {
                problem(column, "csv.inconsistent", value.toPlainString(), known.toPlainString(), firstLine);
            }
            return known != null ? known : value;
        }

        void problem(String column, String code, Object... args) {
            problems.add(FieldProblem.of("line " + row.line + ": " + column, code, args));
        }
    }

    private record Row(int line, List<String> fields) {}

    /**
     * RFC 4180 records read by commons-csv; each remembers the line it starts on (a quoted field may span lines),
     * found from the record's character position so problems can name the line a person sees in an editor.
     */
    private static List<Row> records(String text, List<FieldProblem> problems) {
        List<Integer> lineStarts = new ArrayList<>();
        lineStarts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lineStarts.add(i + 1);
            }
        }
        List<Row> rows = new ArrayList<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();
        long nextLine = 1;
        try (CSVParser parser = CSVParser.parse(text, format)) {
            for (CSVRecord record : parser) {
                int line = lineOf(lineStarts, record.getCharacterPosition());
                rows.add(new Row(line, record.toList()));
                nextLine = parser.getCurrentLineNumber() + 1;
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
