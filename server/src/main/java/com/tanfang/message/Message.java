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
