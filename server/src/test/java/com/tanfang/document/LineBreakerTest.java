package com.tanfang.document;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LineBreakerTest {
    /** Every character one unit wide, so expected lines are easy to read. */
    static Predicate<String> atMost(int chars) {
        return line -> line.codePointCount(0, line.length()) <= chars;
    }

    @Test
    void chineseBreaksBetweenAnyCharacters() {
        assertEquals(List.of("锦绣花园物", "业服务顾客", "满意度调查"), LineBreaker.wrap("锦绣花园物业服务顾客满意度调查", atMost(5)));
    }

    @Test
    void closingPunctuationNeverStartsALine() {
        assertEquals(List.of("请您扫", "码，谢谢"), LineBreaker.wrap("请您扫码，谢谢", atMost(4)));
    }

    @Test
    void openingPunctuationNeverEndsALine() {
        assertEquals(List.of("调查点", "《三号", "楼》"), LineBreaker.wrap("调查点《三号楼》", atMost(4)));
    }

    @Test
    void englishBreaksAtSpaces() {
        assertEquals(List.of("Scan the QR", "code to take", "part"), LineBreaker.wrap("Scan the QR code to take part", atMost(12)));
    }

    @Test
    void mixedTextAndParagraphs() {
        assertEquals(List.of("截止 2026年", "12月15日", "Deadline"), LineBreaker.wrap("截止 2026年12月15日\nDeadline", atMost(9)));
    }

    @Test
    void overlongWordsAreSplit() {
        assertEquals(List.of("https://", "survey.e", "xample.c", "n/s/Xk3J"), LineBreaker.wrap("https://survey.example.cn/s/Xk3J", atMost(8)));
    }

    @Test
    void spacesCollapse() {
        assertEquals(List.of("a b 中"), LineBreaker.wrap("  a \t b\u3000\u3000中 ", atMost(20)));
    }

    @Test
    void quotesAndBracketsStayWithWhatTheyEnclose() {
        assertEquals(List.of("他说", "“好”。", "（注）"), LineBreaker.wrap("他说“好”。（注）", atMost(4)));
    }

    @Test
    void aLatinRunWithSlashesAndDotsIsOneWordWhenItFits() {
        assertEquals(List.of("扫码", "v2.0-beta/x"), LineBreaker.wrap("扫码v2.0-beta/x", atMost(11)));
    }
}
