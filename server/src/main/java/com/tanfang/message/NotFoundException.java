package com.tanfang.message;

import java.util.List;

/** The thing asked for does not exist, or the caller may not know that it does (404). */
public final class NotFoundException extends DomainException {
    public NotFoundException(Message detail) {
        super(detail, List.of());
    }

    public NotFoundException(Message detail, List<FieldProblem> problems) {
        super(detail, problems);
    }

    public static NotFoundException of(String code, Object... args) {
        return new NotFoundException(Message.of(code, args));
    }
}
