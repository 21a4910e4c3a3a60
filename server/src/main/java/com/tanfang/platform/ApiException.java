package com.tanfang.platform;

import io.micronaut.http.HttpStatus;

import java.util.List;

/** A request the API refuses, with what was wrong; rendered as application/problem+json. */
public class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final List<Problem.FieldProblem> errors;

    public ApiException(HttpStatus status, String detail, List<Problem.FieldProblem> errors) {
        super(detail);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public ApiException(HttpStatus status, String detail) {
        this(status, detail, List.of());
    }

    public static ApiException field(String field, String message) {
        return field(field, message, null);
    }

    /** One invalid field; {@code code} is stable so the web app can show the message in the user's language. */
    public static ApiException field(String field, String message, String code) {
        return new ApiException(HttpStatus.BAD_REQUEST, "The request has an invalid field.",
                List.of(new Problem.FieldProblem(field, message, code)));
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, what + " not found.");
    }

    public static ApiException conflict(String field, String message) {
        return new ApiException(HttpStatus.CONFLICT, message, List.of(new Problem.FieldProblem(field, message, "conflict")));
    }

    public HttpStatus status() {
        return status;
    }

    public List<Problem.FieldProblem> errors() {
        return errors;
    }
}
