package com.tanfang.platform;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Bean-validation failures as problem+json with field paths as the client wrote them ({@code name}, {@code sites[2].address}). */
@Produces
@Singleton
@Replaces(ConstraintExceptionHandler.class)
public class ConstraintViolationHandler implements ExceptionHandler<ConstraintViolationException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, ConstraintViolationException e) {
        List<Problem.FieldProblem> fields = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldProblem(fieldPath(v), v.getMessage(), constraintName(v)))
                .sorted(Comparator.comparing(Problem.FieldProblem::field))
                .toList();
        return HttpResponse.status(HttpStatus.BAD_REQUEST).contentType(Problem.MEDIA_TYPE)
                .body(ProblemResponses.problem(request, 400, "The request has invalid fields.", fields));
    }

    static String fieldPath(ConstraintViolation<?> v) {
        List<Path.Node> nodes = new ArrayList<>();
        v.getPropertyPath().forEach(nodes::add);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node n = nodes.get(i);
            if (n.getKind() == ElementKind.METHOD || n.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            // A body parameter's own name is not part of the JSON the client sent; a query parameter's is.
            if (n.getKind() == ElementKind.PARAMETER && i + 1 < nodes.size()) {
                continue;
            }
            if (n.getName() == null) {
                continue;
            }
            if (n.getIndex() != null && sb.length() > 0) {
                sb.append('[').append(n.getIndex()).append(']');
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(n.getName());
        }
        return sb.length() == 0 ? "body" : sb.toString();
    }

    private static String constraintName(ConstraintViolation<?> v) {
        return v.getConstraintDescriptor() == null ? null
                : v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
    }
}
