package com.tanfang.message;

import java.util.List;

/** The caller is known but may not do this (403). */
public final class ForbiddenException extends DomainException {
    public ForbiddenException(Message detail) {
        super(detail, List.of());
    }

    public ForbiddenException(Message detail, List<FieldProblem> problems) {
        super(detail, problems);
    }

    public static ForbiddenException of(String code, Object... args) {
        return new ForbiddenException(Message.of(code, args));
    }
}
