package com.tanfang.platform;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.filter.ServerFilterPhase;

import java.util.regex.Pattern;

/**
 * Request bodies are small (1 MB) except attachment uploads (photos up to 15 MB). Netty's
 * {@code micronaut.server.max-request-size} is one number for every route, so it is set to the upload limit plus
 * headroom (16 MB) and this filter refuses a declared Content-Length over 1 MB on every other route, with the same
 * 413 problem+json, before the body is read. A chunked body (no Content-Length) is counted as it arrives by
 * {@link StreamedBodyLimit}, which answers the same 413 once it passes 1 MB.
 */
@ServerFilter("/**")
public class RequestSizeLimit implements Ordered {
    /** Ordinary JSON and form bodies. */
    public static final long DEFAULT_MAX_BYTES = 1024 * 1024;
    /** Upload routes: PUT /api/v1/visits/{visitId}/photos/{clientId}; the service checks its own 15 MB limit. */
    static final Pattern UPLOADS = Pattern.compile("^/api/v1/visits/[^/]+/photos/[^/]+$");

    @RequestFilter
    public void check(HttpRequest<?> request) {
        long length = request.getContentLength();
        if (length > DEFAULT_MAX_BYTES && !UPLOADS.matcher(request.getPath()).matches()) {
            throw new HttpStatusException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "body over " + DEFAULT_MAX_BYTES);
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
