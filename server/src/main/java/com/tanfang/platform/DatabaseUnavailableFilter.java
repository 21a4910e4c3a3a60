package com.tanfang.platform;

import com.tanfang.message.Message;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.web.router.RouteAttributes;
import org.reactivestreams.Publisher;

import java.util.List;

/**
 * While the database is away, requests that need it get 503 with {@code Retry-After} at once (problem+json; the
 * respondent's survey page {@code /s/...} and browsers asking for a page get the translated HTML page), not a
 * 500 after the pool's five-second wait; a request that fails because the connection broke under it gets the same
 * 503 instead of a 500, and tells {@link DatabaseWatch} to stop sending requests until the database answers.
 * The error handlers for everything else stay where they are; this only decides "the database is not there".
 */
@Filter({"/api/**", "/s/**", "/login"})
public class DatabaseUnavailableFilter implements HttpServerFilter {
    /** Seconds a client should wait: the embedded PostgreSQL is usually back in two to five. */
    static final String RETRY_AFTER_SECONDS = "5";
    private final DatabaseWatch watch;
    private final ErrorPages pages;

    public DatabaseUnavailableFilter(DatabaseWatch watch, ErrorPages pages) {
        this.watch = watch;
        this.pages = pages;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        if (!watch.available()) {
            return Publishers.just(unavailable(request));
        }
        return Publishers.map(chain.proceed(request), response -> {
            if (response.code() >= 500 && RouteAttributes.getException(response)
                    .filter(DatabaseWatch::isConnectionFailure).isPresent()) {
                watch.connectionFailed();
                return unavailable(request);
            }
            return response;
        });
    }

    MutableHttpResponse<?> unavailable(HttpRequest<?> request) {
        MutableHttpResponse<Object> out = HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE);
        out.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        // The respondent's page is HTML whatever the phone's browser puts in Accept (its routes produce nothing else).
        if (request.getPath().startsWith("/s/") || ProblemResponses.wantsPage(request)) {
            return out.body(pages.render(request, HttpStatus.SERVICE_UNAVAILABLE.getCode()))
                    .contentType(MediaType.TEXT_HTML + ";charset=utf-8").header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        return ProblemResponses.render(request, out, Message.of("database.unavailable"), List.of());
    }
}
