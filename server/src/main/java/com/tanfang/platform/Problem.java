package com.tanfang.platform;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * RFC 9457 problem details as the API sends them (application/problem+json). {@code detail} and every
 * {@code errors[].message} are already in the caller's language; {@code code}/{@code args} are the stable
 * message code behind the detail, and each error carries its own, for clients that render texts themselves.
 * {@code errors} is always present (empty when no field is at fault).
 */
@Serdeable
public record Problem(String type, String title, int status, @Nullable String detail, @Nullable String code,
                      List<String> args, @Nullable String instance, @Nullable String requestId,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One field at fault; {@code field} is a JSON path into the request such as {@code parts[1].points}. */
    @Serdeable
    public record FieldError(String field, String message, String code, List<String> args) {
    }
}
