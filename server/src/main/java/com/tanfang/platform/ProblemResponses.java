package com.tanfang.platform;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.HateoasErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The one place that renders errors: API callers get application/problem+json naming the fields at fault;
 * a browser asking for a page gets the bilingual error page.
 */
@Primary
@Singleton
@Replaces(HateoasErrorResponseProcessor.class)
public class ProblemResponses implements ErrorResponseProcessor<Object> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);
    private final ErrorPages pages;

    public ProblemResponses(ErrorPages pages) {
        this.pages = pages;
    }

    @Override
    public MutableHttpResponse<Object> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpRequest<?> request = context.getRequest();
        int status = response.code();
        if (status >= 500) {
            LOG.error("[{}] {} {} failed", RequestIds.of(request), request.getMethod(), request.getPath(),
                    context.getRootCause().orElse(null));
        }
        @SuppressWarnings("unchecked")
        MutableHttpResponse<Object> out = (MutableHttpResponse<Object>) response;
        if (wantsPage(request)) {
            out.body(pages.render(request, status));
            return out.contentType(MediaType.TEXT_HTML_TYPE);
        }
        List<Problem.FieldProblem> fields = context.getErrors().stream()
                .filter(e -> e.getPath().isPresent())
                .map(e -> new Problem.FieldProblem(e.getPath().get(), e.getMessage(), null))
                .toList();
        String detail = status >= 500 ? "An unexpected error occurred; quote the request id when reporting it."
                : context.getErrors().stream().filter(e -> e.getPath().isEmpty()).map(Error::getMessage)
                .findFirst().orElse(fields.isEmpty() ? null : "The request has invalid fields.");
        out.body(problem(request, status, detail, fields));
        return out.contentType(Problem.MEDIA_TYPE);
    }

    public static Problem problem(HttpRequest<?> request, int status, String detail, List<Problem.FieldProblem> fields) {
        HttpStatus httpStatus = HttpStatus.valueOf(status);
        return new Problem("about:blank", httpStatus.getReason(), status, detail, request.getPath(),
                RequestIds.of(request), fields);
    }

    /** Pages only for a browser navigating to something that is not the API. */
    static boolean wantsPage(HttpRequest<?> request) {
        String path = request.getPath();
        if (path.startsWith("/api/") || path.equals("/login") || path.equals("/health") || path.startsWith("/openapi")) {
            return false;
        }
        String accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("text/html");
    }
}
