package com.tanfang.message;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Something to tell a person, as a stable code and its arguments, rendered in their language only at the edge
 * ({@link MessageBundle}). Stored and sent as code + arguments so the same fact reads in zh-CN or en.
 * Arguments are kept as text (numbers in plain notation) so a message survives JSON and a database column.
 *
 * @param code key in {@code i18n/messages_*.properties}, e.g. {@code scheme.points_sum}
 * @param args filled into {@code {0}}, {@code {1}} ...
 */
public record Message(String code, List<String> args) {
    public Message {
        Objects.requireNonNull(code, "code");
        args = List.copyOf(args);
    }

    public static Message of(String code, Object... args) {
        return new Message(code, Arrays.stream(args).map(Message::argument).toList());
    }

    // Marks around a text given in both languages inside an argument (private-use characters no text of ours uses).
    static final char BOTH_OPEN = '\uE000';
    static final char BOTH_SEPARATOR = '\uE001';
    static final char BOTH_CLOSE = '\uE002';

    /**
     * A name or reason held in both languages (a part's title, a grade's name, a veto's reason), as an argument
     * (or inside one, e.g. a list of parts joined with " + "): each reader sees only their language's text,
     * falling back to the other when one is missing. Without it such texts were printed side by side in zh and en.
     */
    public static String bilingual(String zh, String en) {
        String z = zh == null || zh.isBlank() ? en : zh;
        String e = en == null || en.isBlank() ? zh : en;
        if (z == null) {
            return "";
        }
        return z.equals(e) ? z : BOTH_OPEN + z + BOTH_SEPARATOR + e + BOTH_CLOSE;
    }

    /** The arguments as one language reads them, for clients that render texts themselves (see {@link #bilingual}). */
    public List<String> argsIn(Language language) {
        return args.stream().map(a -> in(language, a)).toList();
    }

    /** The argument as one language reads it (see {@link #bilingual}). */
    static String in(Language language, String argument) {
        int open = argument.indexOf(BOTH_OPEN);
        if (open < 0) {
            return argument;
        }
        StringBuilder out = new StringBuilder(argument.length());
        int from = 0;
        while (open >= 0) {
            int separator = argument.indexOf(BOTH_SEPARATOR, open);
            int close = separator < 0 ? -1 : argument.indexOf(BOTH_CLOSE, separator);
            if (close < 0) {
                break; // not one of ours: leave the rest as it is
            }
            out.append(argument, from, open)
                    .append(language == Language.EN ? argument.substring(separator + 1, close) : argument.substring(open + 1, separator));
            from = close + 1;
            open = argument.indexOf(BOTH_OPEN, from);
        }
        return out.append(argument, from, argument.length()).toString();
    }

    static String argument(Object value) {
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(value);
    }

    /** English, for logs and exception messages; people get {@link MessageBundle#render(Language, Message)}. */
    public String english() {
        return MessageBundle.render(Language.EN, this);
    }

    @Override
    public String toString() {
        return english();
    }
}
