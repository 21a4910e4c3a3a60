package com.tanfang.message;

import java.util.List;

/** Bad input (400): every problem found, not just the first. */
public final class InvalidException extends DomainException {
    public static final Message INVALID_FIELDS = Message.of("problem.invalid_fields");

    public InvalidException(List<FieldProblem> problems) {
        this(INVALID_FIELDS, problems);
    }

    public InvalidException(Message detail, List<FieldProblem> problems) {
        super(detail, problems);
    }

    /** One invalid field. */
    public static InvalidException field(String field, String code, Object... args) {
        return new InvalidException(List.of(FieldProblem.of(field, code, args)));
    }
}
