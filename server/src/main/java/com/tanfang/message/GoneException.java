package com.tanfang.message;

import java.util.List;

/** The thing existed and was withdrawn or deleted on purpose (410). */
public final class GoneException extends DomainException {
    public GoneException(Message detail, List<FieldProblem> problems) {
        super(detail, problems);
    }

    public static GoneException of(String code, Object... args) {
        return new GoneException(Message.of(code, args), List.of());
    }
}
