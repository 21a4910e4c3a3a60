package com.tanfang.message;

import java.util.List;

/** The request is well-formed but clashes with the current state (409): a duplicate name, a finished item. */
public final class ConflictException extends DomainException {
    public ConflictException(Message detail) {
        super(detail, List.of());
    }

    public ConflictException(Message detail, List<FieldProblem> problems) {
        super(detail, problems);
    }

    /** The conflict is about one field: it is the detail and that field's problem. */
    public static ConflictException field(String field, String code, Object... args) {
        Message m = Message.of(code, args);
        return new ConflictException(m, List.of(new FieldProblem(field, m)));
    }

    public static ConflictException of(String code, Object... args) {
        return new ConflictException(Message.of(code, args));
    }
}
