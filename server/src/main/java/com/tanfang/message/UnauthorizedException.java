package com.tanfang.message;

import java.util.List;

/** The caller could not be identified: wrong credentials (401). */
public final class UnauthorizedException extends DomainException {
    public UnauthorizedException(Message detail, List<FieldProblem> problems) {
        super(detail, problems);
    }
}
