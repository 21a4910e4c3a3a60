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

    // ------------------------------------------------------------------ issue 11: encodings

    static final String CHINESE = HEADER
            + "service,3,5.2,商品信息,Product information,3,5.2.1,B1,3,明示商品价格，标签清晰,Prices shown\n";

    @Test
    void gbkBytesAreReadAsTheirChineseTextsNotMojibake() throws Exception {
        ItemTableCsv.Result r = ItemTableCsv.parse(new ByteArrayInputStream(CHINESE.getBytes(java.nio.charset.Charset.forName("GBK"))));
        assertEquals(List.of(), r.problems());
        assertEquals("商品信息", r.parts().get(0).groups().get(0).titleZh());
        assertEquals("明示商品价格，标签清晰", r.parts().get(0).groups().get(0).items().get(0).textZh());
    }

    private static String codes(ItemTableCsv.Result r) {
        return r.problems().stream().map(p -> p.field() + " " + p.message().code()).toList().toString();
    }

    @Test
    void aGb18030OnlyCharacterIsReadFromGb18030Bytes() {
        // 䶮 (U+4DAE, CJK extension A) is in GB18030 but not in GBK
        assertTrue(!java.nio.charset.Charset.forName("GBK").newEncoder().canEncode('䶮'));
        String csv = CHINESE.replace("商品信息", "刘䶮");
        ItemTableCsv.Result r = ItemTableCsv.parse(csv.getBytes(java.nio.charset.Charset.forName("GB18030")), null);
        assertEquals(List.of(), r.problems());
        assertEquals("刘䶮", r.parts().get(0).groups().get(0).titleZh());
    }

    @Test
    void utf8WithAndWithoutBomAndUtf16TabSeparatedAreRead() {
        byte[] bom = ("\uFEFF" + CHINESE).getBytes(StandardCharsets.UTF_8);
        assertEquals("商品信息", ItemTableCsv.parse(bom, null).parts().get(0).groups().get(0).titleZh());
        assertEquals("商品信息", ItemTableCsv.parse(CHINESE.getBytes(StandardCharsets.UTF_8), null).parts().get(0).groups().get(0).titleZh());
        // Excel's "Unicode text": UTF-16LE with a BOM, tab-separated
        String tsv = "\uFEFF" + CHINESE.replace(",", "\t").replace("明示商品价格，标签清晰", "明示商品价格");
        ItemTableCsv.Result r = ItemTableCsv.parse(tsv.getBytes(StandardCharsets.UTF_16LE), null);
        assertEquals(List.of(), r.problems());
        assertEquals("明示商品价格", r.parts().get(0).groups().get(0).items().get(0).textZh());
    }

    @Test
    void aNamedCharsetIsUsedInsteadOfDetectingAndBinaryIsRefused() {
        byte[] gbk = CHINESE.getBytes(java.nio.charset.Charset.forName("GBK"));
        assertEquals("商品信息", ItemTableCsv.parse(gbk, "GBK").parts().get(0).groups().get(0).titleZh());
        assertEquals("[csv table.not_in_charset]", codes(ItemTableCsv.parse(gbk, "UTF-8")));
        assertEquals("[charset table.charset_unknown]", codes(ItemTableCsv.parse(gbk, "latin1")));
        byte[] garbage = new byte[2000];
        new java.util.Random(11).nextBytes(garbage);
        garbage[0] = (byte) 0x80; // no BOM
        String problems = codes(ItemTableCsv.parse(garbage, null));
        assertTrue(problems.equals("[csv table.unknown_encoding]") || problems.equals("[csv table.not_text]"), problems);
    }

    @Test
    void anUnknownColumnIsNamedNotDropped() {
        String csv = HEADER.replace("\n", ",colour\n") + "service,1,1.1,组,G,1,1.1.1,A1,1,a,a,blue\n";
        assertEquals(List.of("line 1: unknown column 'colour' (see the documented columns)"), problems(csv));
    }

    @Test
    void itemAndPartColumnsCarryVetoNumericRangesPartRulesAndBonusRows() {
        String csv = "部分,part_points,group_clause,group_zh,group_en,group_points,clause,code,points,item_zh,item_en,"
                + "answerType,veto,veto_reason_zh,veto_reason_en,numeric_worst,numeric_best,part_pass_minimum_points,part_gated_by,bonus\n"
                + "management,10,1,组,G,10,1.1,M1,10,无事故,No accident,YES_NO,no,发生事故,Accident,,,8,,\n"
                + "service,5,2,组,G,5,2.1,S1,5,等候,Wait,NUMERIC,,,,30,5,,management,\n"
                + ",,,,,,B.1,SB1,2,获奖,Award,,,,,,,,,true\n";
        ItemTableCsv.Result r = ItemTableCsv.parse(csv);
        assertEquals(List.of(), r.problems());
        SchemeDocument.Part management = r.parts().get(0);
        assertEquals(new SchemeDocument.Veto(false, "发生事故", "Accident"), management.groups().get(0).items().get(0).veto());
        assertEquals("8", management.passMinimumPoints().toPlainString());
        SchemeDocument.Part service = r.parts().get(1);
        assertEquals("management", service.gatedBy());
        assertEquals(new SchemeDocument.Numeric(new BigDecimal("30"), new BigDecimal("5")), service.groups().get(0).items().get(0).numeric());
        assertEquals(List.of(new SchemeDocument.BonusItem("B.1", "SB1", new BigDecimal("2"), "获奖", "Award")), r.bonusItems());
        assertEquals("line 4: bonusItems.items[0].points",
                r.locate(FieldProblem.of("bonusItems.items[0].points", "required")).field());
    }
}
