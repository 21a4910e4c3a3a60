package com.tanfang.document;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Greedy line breaking for mixed Chinese and English: a line may break between any two Chinese
 * characters but only at spaces inside English, closing punctuation never starts a line and opening
 * punctuation never ends one (the common 避头尾 rules). A word wider than a whole line, such as a
 * long URL, is split where it must be.
 */
public final class LineBreaker {
    private static final String NO_BREAK_BEFORE = "，。、；：！？）》」』】〉’”,.;:!?)]}%·…";
    private static final String NO_BREAK_AFTER = "（《「『【〈‘“([{";

    private LineBreaker() {
    }

    /** Paragraphs ("\n") start new lines; {@code fits} says whether a line fits the width. */
    public static List<String> wrap(String text, Predicate<String> fits) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.strip().split("\\R")) {
            wrapParagraph(paragraph.strip().replaceAll("[\\s\\u3000]+", " "), fits, lines);
        }
        return lines;
    }

    private static void wrapParagraph(String paragraph, Predicate<String> fits, List<String> lines) {
        String line = "";
        for (String token : tokens(paragraph)) {
            String candidate = line + token;
            if (line.isEmpty() || fits.test(candidate.stripTrailing())) {
                line = candidate;
            } else {
                lines.add(line.stripTrailing());
                line = token;
            }
            while (!fits.test(line.stripTrailing()) && line.codePointCount(0, line.length()) > 1) {
                int cut = longestFittingPrefix(line, fits);
                lines.add(line.substring(0, cut));
                line = line.substring(cut);
            }
        }
        if (!line.isBlank() || lines.isEmpty()) {
            lines.add(line.stripTrailing());
        }
    }

    /** Units that stay together: one Chinese character (with punctuation glued on), or one English word and its space. */
    static List<String> tokens(String paragraph) {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean afterCjk = false;
        for (int i = 0; i < paragraph.length(); ) {
            int cp = paragraph.codePointAt(i);
            i += Character.charCount(cp);
            boolean glued = token.length() > 0 && (NO_BREAK_BEFORE.indexOf(cp) >= 0
                    || NO_BREAK_AFTER.indexOf(token.codePointBefore(token.length())) >= 0);
            if (cp == ' ') {
                token.append(' ');
                flush(token, tokens);
                afterCjk = false;
                continue;
            }
            if (!glued && (afterCjk || isCjk(cp))) {
                flush(token, tokens);
            }
            token.appendCodePoint(cp);
            afterCjk = glued ? afterCjk || isCjk(cp) : isCjk(cp);
        }
        flush(token, tokens);
        return tokens;
    }

    private static void flush(StringBuilder token, List<String> tokens) {
        if (token.length() > 0) {
            tokens.add(token.toString());
            token.setLength(0);
        }
    }

    private static int longestFittingPrefix(String line, Predicate<String> fits) {
        int cut = line.offsetByCodePoints(0, 1);
        while (cut < line.length()) {
            int next = line.offsetByCodePoints(cut, 1);
            if (!fits.test(line.substring(0, next))) {
                break;
            }
            cut = next;
        }
        return cut;
    }

    private static boolean isCjk(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA) {
            return true;
        }
        Character.UnicodeBlock block = Character.UnicodeBlock.of(cp);
        return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS;
    }
}
