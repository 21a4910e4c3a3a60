package com.tanfang.platform;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.sql.SQLException;
import java.util.List;

/**
 * A unique or foreign-key violation that slipped past the controllers' own checks (two requests racing)
 * is the client's conflict, and text the database cannot store is the client's bad input: neither is a server error.
 */
@Produces
@Singleton
public class DataConflictHandler implements ExceptionHandler<DataAccessException, HttpResponse<?>> {
    private final ErrorResponseProcessor<?> errors;

    public DataConflictHandler(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, DataAccessException e) {
        String state = sqlState(e);
        // 22021 / 22P05: text PostgreSQL cannot store (a NUL character in a JSON string, say): the client's input.
        if ("22021".equals(state) || "22P05".equals(state)) {
            return HttpResponse.status(HttpStatus.BAD_REQUEST).contentType(Problem.MEDIA_TYPE)
                    .body(ProblemResponses.problem(request, 400,
                            "The request contains a character that cannot be stored (such as NUL, \\u0000).", List.of()));
        }
        if (state != null && state.startsWith("23")) {
            return HttpResponse.status(HttpStatus.CONFLICT).contentType(Problem.MEDIA_TYPE)
                    .body(ProblemResponses.problem(request, 409,
                            "The change conflicts with existing data (" + state + "); reload and try again.", List.of()));
        }
        return errors.processResponse(ErrorContext.builder(request).cause(e).build(), HttpResponse.serverError());
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
