package com.tanfang.scheme;

import com.tanfang.message.FieldProblem;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ItemTableCsvTest {

    static final String HEADER = "part,part_points,group_clause,group_zh,group_en,group_points,clause,code,points,item_zh,item_en\n";

    private static List<String> problems(String csv) {
        return ItemTableCsv.parse(csv).problems().stream().map(p -> p.field() + ": " + p.message().english()).toList();
    }

    @Test
    void readsAGoodFileWithBomQuotedCommasAndCrLf() throws Exception {
        String csv = "\uFEFF" + HEADER.replace("\n", "\r\n")
                + "service,3,1.1,组一,\"Group one, first\",3,1.1.1,A1,1.5,条款，一,\"Item \"\"one\"\", with comma\"\r\n"
                + "service,3,1.1,组一,\"Group one, first\",3,1.1.2,A2,1.5,条款二,\"multi\nline\"\r\n"
                + "management,2,2.1,组二,Group two,2,2.1.1,M1,2,条款三,Item three\r\n";
        ItemTableCsv.Result r = ItemTableCsv.parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(), r.problems());
        assertEquals(List.of("service", "management"), r.parts().stream().map(SchemeDocument.Part::key).toList());
        SchemeDocument.Group g = r.parts().get(0).groups().get(0);
        assertEquals("Group one, first", g.titleEn());
        assertEquals("Item \"one\", with comma", g.items().get(0).textEn());
        assertEquals("multi\nline", g.items().get(1).textEn());
        assertEquals(0, new BigDecimal("1.5").compareTo(g.items().get(0).points()));
        SchemeDocument doc = r.toDocument(new SchemeDocument("x", "X", "X", null, null, null, null, null, null,
                List.of(new SchemeDocument.Grade("pass", "合格", "Pass", new BigDecimal("3"))), null));
        assertEquals(0, new BigDecimal("5").compareTo(doc.fullMarks()));
    }

    @Test
    void theGbtTableParsesIntoFiftyItems() throws Exception {
        try (var in = getClass().getResourceAsStream("/schemes/gbt27922-items.csv")) {
            ItemTableCsv.Result r = ItemTableCsv.parse(in);
            assertTrue(r.valid(), r.problems().toString());
            assertEquals(50, r.parts().stream().flatMap(p -> p.groups().stream()).mapToLong(g -> g.items().size()).sum());
            assertEquals(15, r.parts().stream().mapToLong(p -> p.groups().size()).sum());
        }
    }

    @Test
    void optionalPartTitlesComeFromThePartsFirstRow() {
        String csv = HEADER.replace("\n", ",part_zh,part_en\n")
                + "service,3,1.1,组,G,3,1.1.1,A1,3,a,a,服务要求,Service\n"
                + "management,2,2.1,组,G,2,2.1.1,M1,2,b,b,,\n";
        ItemTableCsv.Result r = ItemTableCsv.parse(csv);
        assertEquals(List.of(), r.problems());
        assertEquals("服务要求", r.parts().get(0).titleZh());
        assertEquals("Service", r.parts().get(0).titleEn());
        assertEquals(null, r.parts().get(1).titleZh());
    }

    @Test
    void locatesDocumentProblemsAtTheirLines() {
        String csv = HEADER
                + "service,3,1.1,组,G,3,1.1.1,A1,1,a,a\n"
                + "service,3,1.1,组,G,3,1.1.2,A2,1,b,b\n"
                + "management,2,2.1,组,G,2,2.1.1,M1,2,c,c\n";
        ItemTableCsv.Result r = ItemTableCsv.parse(csv);
        assertEquals("line 3: parts[0].groups[0].items[1].methods[0]",
                r.locate(FieldProblem.of("parts[0].groups[0].items[1].methods[0]", "required")).field());
        assertEquals("line 2: parts[0].groups[0].points", r.locate(FieldProblem.of("parts[0].groups[0].points", "required")).field());
        assertEquals("line 4: parts[1].points", r.locate(FieldProblem.of("parts[1].points", "required")).field());
        assertEquals("fullMarks", r.locate(FieldProblem.of("fullMarks", "required")).field());
    }

    @Test
    void reportsABadNumberWithItsLine() {
        String csv = HEADER
                + "service,3,1.1,组,G,3,1.1.1,A1,1,a,a\n"
                + "service,3,1.1,组,G,3,1.1.2,A2,two,b,b\n";
        assertEquals(List.of("line 3: points: not a number: 'two'"), problems(csv));
    }

    @Test
    void reportsAMissingColumn() {
        String csv = "part,part_points,group_clause,group_zh,group_en,group_points,clause,code,item_zh,item_en\n"
                + "service,3,1.1,组,G,3,1.1.1,A1,a,a\n";
        assertEquals(List.of("line 1: missing column 'points'"), problems(csv));
    }

    @Test
    void lineNumbersCountPhysicalLinesInsideQuotedFields() {
        String csv = HEADER
                + "service,3,1.1,组,G,3,1.1.1,A1,1,\"two\nlines\",a\n"
                + "service,3,1.1,组,G,3,1.1.2,A2,,b,b\n";
        assertEquals(List.of("line 4: points: is empty"), problems(csv));
    }

    @Test
    void reportsInconsistentGroupPointsAndShortRows() {
        String csv = HEADER
                + "service,3,1.1,组,G,3,1.1.1,A1,1,a,a\n"
                + "service,3,1.1,组,G,4,1.1.2,A2,2,b,b\n"
                + "service,3,1.1,组\n";
        assertEquals(List.of("line 3: group_points: 4 differs from 3 on line 2", "line 4: has 4 fields, the header has 11"),
                problems(csv));
    }

    @Test
    void optionalColumnsFillMethodsAnswerTypeAndNotApplicable() {
        String csv = "part,part_points,group_clause,group_zh,group_en,group_points,clause,code,points,item_zh,item_en,methods,answerType,notApplicableAllowed\n"
                + "service,1,1.1,组,G,1,1.1.1,A1,1,a,a,COVERT_VISIT|OPEN_INSPECTION,YES_NO,true\n";
        SchemeDocument.Item item = ItemTableCsv.parse(csv).parts().get(0).groups().get(0).items().get(0);
        assertEquals(List.of("COVERT_VISIT", "OPEN_INSPECTION"), item.methods());
        assertEquals("YES_NO", item.answerType());
        assertEquals(Boolean.TRUE, item.notApplicableAllowed());
    }
}
