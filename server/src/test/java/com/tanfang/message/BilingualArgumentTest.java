package com.tanfang.message;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BilingualArgumentTest {

    private static String both(Language language, Message m) {
        return MessageBundle.render(language, m);
    }

    @Test
    void eachLanguageReadsItsOwnTextInsideAndAmongOtherText() {
        String parts = Message.bilingual("服务管理", "Service management") + " 14.8 + "
                + Message.bilingual("服务特性", "Service characteristics") + " 82.9";
        Message m = Message.of("scoring.total.contributions", parts, "97.7");
        assertEquals("parts' contributions Service management 14.8 + Service characteristics 82.9 = 97.7", both(Language.EN, m));
        assertEquals("各部分贡献 服务管理 14.8 + 服务特性 82.9 = 97.7", both(Language.ZH_CN, m));
    }

    @Test
    void aMissingLanguageFallsBackToTheOtherAndEqualTextsAreNotMarked() {
        assertEquals("仅中文", Message.in(Language.EN, Message.bilingual("仅中文", null)));
        assertEquals("English only", Message.in(Language.ZH_CN, Message.bilingual(" ", "English only")));
        assertEquals("A1", Message.bilingual("A1", "A1"));
        assertEquals("", Message.bilingual(null, null));
    }

    @Test
    void argumentsSentToClientsAreInTheirLanguage() {
        Message m = Message.of("scoring.total.grade", Message.bilingual("达标", "Compliant"), "76.25", "75");
        assertEquals(java.util.List.of("Compliant", "76.25", "75"), m.argsIn(Language.EN));
        assertEquals(java.util.List.of("达标", "76.25", "75"), m.argsIn(Language.ZH_CN));
    }

    @Test
    void anUnclosedMarkIsLeftAsItIs() {
        String broken = "x\uE000y";
        assertEquals(broken, Message.in(Language.EN, broken));
    }
}
