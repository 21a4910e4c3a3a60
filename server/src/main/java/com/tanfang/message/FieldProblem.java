package com.tanfang.message;

import java.util.Objects;

/**
 * One thing wrong with an input, located by a path as the client wrote it ({@code parts[1].groups[0].points},
 * {@code ratings[3].likert}, {@code line 7: points} for a CSV table).
 */
public record FieldProblem(String field, Message message) {
    public FieldProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    public static FieldProblem of(String field, String code, Object... args) {
        return new FieldProblem(field, Message.of(code, args));
    }

    public String code() {
        return message.code();
    }

    /** The same problem at another place, e.g. prefixed with the CSV line it came from. */
    public FieldProblem at(String otherField) {
        return new FieldProblem(otherField, message);
    }

    @Override
    public String toString() {
        return field + ": " + message.english() + " [" + message.code() + "]";
    }
}
