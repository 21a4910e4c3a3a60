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
 * Request bodies are small (1 MB) except attachment uploads (photos up to 15 MB) and item-table uploads (8 MB). Netty's
 * {@code micronaut.server.max-request-size} is one number for every route, so it is set to the upload limit plus
 * headroom (16 MB) and this filter refuses a declared Content-Length over 1 MB on every other route, with the same
 * 413 problem+json, before the body is read. A chunked body (no Content-Length) is counted as it arrives by
 * {@link StreamedBodyLimit}, which answers the same 413 once it passes 1 MB.
 */
@ServerFilter("/**")
public class RequestSizeLimit implements Ordered {
    /** Ordinary JSON and form bodies. */
    public static final long DEFAULT_MAX_BYTES = 1024 * 1024;
    /**
     * Upload routes: PUT /api/v1/visits/{visitId}/photos/{clientId} and POST
     * /api/v1/projects/{projectId}/evaluation-attachments (findings' photos and PDFs); the services check their own
     * 15 MB limit.
     */
    static final Pattern UPLOADS = Pattern.compile(
            "^/api/v1/(visits/[^/]+/photos/[^/]+|projects/[^/]+/evaluation-attachments)$");
    /**
     * Item-table uploads (POST /api/v1/schemes/import-table): an XLSX of up to 5 MB, sent raw or in base64 inside
     * JSON (4/3 of it) with an optional rules file: 8 MB. The service checks the file's own caps.
     */
    public static final long TABLE_IMPORT_MAX_BYTES = 8L * 1024 * 1024;
    static final Pattern TABLE_IMPORT = Pattern.compile("^/api/v1/schemes/import-table$");

    /** The most body bytes a request to this path may send; -1 for uploads (their service checks them). */
    static long limitFor(String path) {
        if (UPLOADS.matcher(path).matches()) {
            return -1;
        }
        return TABLE_IMPORT.matcher(path).matches() ? TABLE_IMPORT_MAX_BYTES : DEFAULT_MAX_BYTES;
    }

    @RequestFilter
    public void check(HttpRequest<?> request) {
        long length = request.getContentLength();
        long limit = limitFor(request.getPath());
        if (limit >= 0 && length > limit) {
            throw new HttpStatusException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "body over " + limit);
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
