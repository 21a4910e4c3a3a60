package com.tanfang.message;

import java.util.List;

/**
 * A request the domain refuses, said as codes: a {@link #detail()} message and the fields at fault. The web
 * layer renders it once, as application/problem+json in the caller's language; which HTTP status it becomes
 * follows from the subclass. Plain Java so services and the scheme model can throw it.
 */
public abstract sealed class DomainException extends RuntimeException
        permits InvalidException, NotFoundException, ConflictException, ForbiddenException, GoneException,
        UnauthorizedException, TooManyRequestsException {
    private final transient Message detail;
    private final transient List<FieldProblem> problems;

    protected DomainException(Message detail, List<FieldProblem> problems) {
        super(summary(detail, problems));
        this.detail = detail;
        this.problems = List.copyOf(problems);
    }

    public Message detail() {
        return detail;
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    private static String summary(Message detail, List<FieldProblem> problems) {
        StringBuilder sb = new StringBuilder(detail.english());
        problems.stream().limit(20).forEach(p -> sb.append("\n  ").append(p));
        if (problems.size() > 20) {
            sb.append("\n  ...");
        }
        return sb.toString();
    }
}
