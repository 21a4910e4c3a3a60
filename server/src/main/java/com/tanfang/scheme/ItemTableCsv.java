package com.tanfang.scheme;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Problems carry the line number: {@code line 7: points: not a number}.
 */
public final class ItemTableCsv {

    public static final List<String> REQUIRED_COLUMNS = List.of("part", "part_points", "group_clause", "group_zh",
            "group_en", "group_points", "clause", "code", "points", "item_zh", "item_en");

    /**
     * The parts read, and every problem found (the parts are partial when there are problems).
     *
     * @param lines the line each part, group and item starts on, by document path ({@code parts[0].groups[1]})
     */
    public record Result(List<SchemeDocument.Part> parts, List<Problem> problems, Map<String, Integer> lines) {
        public Result {
            parts = List.copyOf(parts);
            problems = List.copyOf(problems);
            lines = Map.copyOf(lines);
        }

        Result(List<SchemeDocument.Part> parts, List<Problem> problems) {
            this(parts, problems, Map.of());
        }

        /**
         * A problem of a document made from this table, e.g. from {@link SchemeValidator}, with the line of
         * the item, group or part it is about: {@code line 3: parts[0].groups[0].items[1].clause}.
         */
        public Problem locate(Problem problem) {
            String prefix = problem.path();
            while (true) {
                Integer line = lines.get(prefix);
                if (line != null) {
                    return new Problem("line " + line + ": " + problem.path(), problem.code(), problem.message());
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
        List<Problem> problems = new ArrayList<>();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Row> rows = records(text, problems);
        if (rows.isEmpty()) {
            problems.add(new Problem("line 1", "csv.empty", "no header row"));
            return new Result(List.of(), problems);
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = rows.get(0).fields;
        for (int i = 0; i < header.size(); i++) {
            columns.putIfAbsent(header.get(i).trim(), i);
        }
        for (String c : REQUIRED_COLUMNS) {
            if (!columns.containsKey(c)) {
                problems.add(new Problem("line 1", "csv.missing_column", "missing column '" + c + "'"));
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
                problems.add(new Problem("line " + row.line, "csv.short_row",
                        "has " + row.fields.size() + " fields, the header has " + header.size()));
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
    private record Cells(Row row, Map<String, Integer> columns, List<Problem> problems) {
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
                problem(column, "required", "is empty");
                return null;
            }
            try {
                return new BigDecimal(v);
            } catch (NumberFormatException e) {
                problem(column, "csv.not_a_number", "not a number: '" + v + "'");
                return null;
            }
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
            problem(column, "csv.not_a_boolean", "not true/false: '" + v + "'");
            return null;
        }

        /** The first row fixes a part's or group's points; later rows must repeat them. */
        BigDecimal consistent(BigDecimal known, BigDecimal value, String column, int firstLine) {
            if (known != null && value != null && known.compareTo(value) != 0) {
                problem(column, "csv.inconsistent", value.toPlainString() + " differs from "
                        + known.toPlainString() + " on line " + firstLine);
            }
            return known != null ? known : value;
        }

        void problem(String column, String code, String message) {
            problems.add(new Problem("line " + row.line + ": " + column, code, message));
        }
    }

    private record Row(int line, List<String> fields) {}

    /** RFC 4180 records; a record remembers the line it starts on (quoted fields may span lines). */
    private static List<Row> records(String text, List<Problem> problems) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    quoted = true;
                    any = true;
                }
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    any = true;
                }
                case '\r' -> { /* CRLF: the \n ends the record */ }
                case '\n' -> {
                    fields.add(field.toString());
                    rows.add(new Row(recordLine, List.copyOf(fields)));
                    fields.clear();
                    field.setLength(0);
                    any = false;
                    line++;
                    recordLine = line;
                }
                default -> {
                    field.append(c);
                    any = true;
                }
            }
        }
        if (quoted) {
            problems.add(new Problem("line " + recordLine, "csv.unclosed_quote", "a quoted field is not closed"));
        }
        if (any || field.length() > 0) {
            fields.add(field.toString());
            rows.add(new Row(recordLine, List.copyOf(fields)));
        }
        return rows;
    }
}
