package com.tanfang.document;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Greedy line breaking for mixed Chinese and English on {@link BreakIterator}'s line instance: a line may
 * break between any two Chinese characters but only at spaces inside English, closing punctuation never starts
 * a line and opening punctuation never ends one (the common 避头尾 rules). A word wider than a whole line, such
 * as a long URL, is split where it must be.
 */
public final class LineBreaker {
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

    /**
     * Units that stay together, from {@link BreakIterator#getLineInstance(Locale)} (Unicode line breaking for
     * Chinese: a break between any two Chinese characters, none before closing or after opening punctuation).
     * One rule stays on top of it: inside Latin text the iterator also breaks after "/", "." and "-", which splits
     * a notice's survey URL into pieces that read like separate addresses; Latin runs therefore break only at
     * spaces (and, when a run is wider than a whole line, where it must: see {@link #wrapParagraph}).
     */
    static List<String> tokens(String paragraph) {
        List<String> tokens = new ArrayList<>();
        BreakIterator breaks = BreakIterator.getLineInstance(Locale.CHINA);
        breaks.setText(paragraph);
        int start = breaks.first();
        for (int end = breaks.next(); end != BreakIterator.DONE; start = end, end = breaks.next()) {
            String segment = paragraph.substring(start, end);
            if (!tokens.isEmpty() && insideLatinRun(tokens.get(tokens.size() - 1), segment)) {
                tokens.set(tokens.size() - 1, tokens.get(tokens.size() - 1) + segment);
            } else {
                tokens.add(segment);
            }
        }
        return tokens;
    }

    private static boolean insideLatinRun(String before, String after) {
        int last = before.codePointBefore(before.length());
        int first = after.codePointAt(0);
        return last != ' ' && !isCjk(last) && !isCjk(first);
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
