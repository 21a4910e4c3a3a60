package com.tanfang.message;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both languages say everything: the same keys in the server bundles and in the web bundles. */
class MessageBundlesTest {

    @Test
    void serverBundlesHaveTheSameKeys() {
        Set<String> zh = new TreeSet<>(MessageBundle.keys(Language.ZH_CN));
        Set<String> en = new TreeSet<>(MessageBundle.keys(Language.EN));
        assertTrue(zh.size() > 150, "bundle loaded: " + zh.size());
        assertEquals(difference(en, zh), Set.of(), "in en, missing in zh-CN");
        assertEquals(difference(zh, en), Set.of(), "in zh-CN, missing in en");
    }

    @Test
    void webBundlesHaveTheSameKeys() throws IOException {
        Set<String> zh = webKeys("zh-CN");
        Set<String> en = webKeys("en");
        assertTrue(zh.size() > 100, "bundle loaded: " + zh.size());
        assertEquals(difference(en, zh), Set.of(), "in en.json, missing in zh-CN.json");
        assertEquals(difference(zh, en), Set.of(), "in zh-CN.json, missing in en.json");
    }

    /** A Chinese text that is plain ASCII is an untranslated English one. */
    @Test
    void chineseServerTextsAreChinese() {
        Set<String> english = new TreeSet<>();
        for (String key : MessageBundle.keys(Language.ZH_CN)) {
            String text = MessageBundle.render(Language.ZH_CN, new Message(key, java.util.List.of()));
            if (text.chars().noneMatch(c -> c >= 0x3000)) {
                english.add(key + "=" + text);
            }
        }
        assertEquals(Set.of(), english);
    }

    /**
     * Every message code written as a literal in the server's sources has both texts. Catches a new
     * {@code InvalidException.field("x", "new.code")} whose text was forgotten.
     */
    @Test
    void everyCodeInTheSourcesHasBothTexts() throws IOException {
        Pattern literal = Pattern.compile(
                "(?:FieldProblem\\.of\\([^;]*?,\\s*|Message\\.of\\(|(?:Exception|Invalid|Conflict|NotFound|Gone|Forbidden)\\w*\\.(?:of|field)\\((?:[^,;]*?,\\s*)?"
                        + "|\\badd\\([^;(]*?,\\s*|problem\\(r, \"[^\"]*\", |problem\\(column, |Unplannable\\(\"[^\"]+\", |invalid\\(|valid\\(\\w+, )"
                        + "\"([A-Za-z][A-Za-z0-9_.]*[A-Za-z0-9_])\"");
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = literal.matcher(Files.readString(f));
                while (m.find()) {
                    codes.add(m.group(1));
                }
            }
        }
        codes.removeIf(c -> c.startsWith("status") || !c.contains(".") && !MessageBundle.has(Language.EN, c)
                && Character.isUpperCase(c.charAt(0)));
        assertTrue(codes.size() > 100, "codes found: " + codes.size());
        Set<String> missing = new TreeSet<>();
        for (String code : codes) {
            if (!MessageBundle.has(Language.EN, code) || !MessageBundle.has(Language.ZH_CN, code)) {
                missing.add(code);
            }
        }
        assertEquals(Set.of(), missing);
    }

    @Test
    void argumentsAreFilledLiterallyWithApostrophesKept() {
        assertEquals("an answer is required (0 for don't know)",
                MessageBundle.render(Language.EN, Message.of("answer.required")));
        assertEquals("不是数字：“x”", MessageBundle.render(Language.ZH_CN, Message.of("csv.not_a_number", "x")));
        assertEquals("must be positive, got 1.50", Message.of("fullMarks.not_positive", new java.math.BigDecimal("1.50")).english());
    }

    private static Set<String> webKeys(String lang) throws IOException {
        try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream("web/i18n/" + lang + ".json")) {
            Map<String, Object> map = JsonMapper.createDefault().readValue(in.readAllBytes(), Argument.mapOf(String.class, Object.class));
            return new TreeSet<>(map.keySet());
        }
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.removeAll(b);
        return out;
    }
}
