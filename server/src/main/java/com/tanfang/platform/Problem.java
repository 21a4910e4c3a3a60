package com.tanfang.platform;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** RFC 9457 problem details, with the list of fields at fault. Sent as application/problem+json. */
@Serdeable
public record Problem(String type, String title, int status, @Nullable String detail, @Nullable String instance,
                      @Nullable String requestId, List<FieldProblem> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One field at fault; {@code field} is a JSON path into the request such as {@code parts[1].points}. */
    @Serdeable
    public record FieldProblem(String field, String message, @Nullable String code) {
    }
}
