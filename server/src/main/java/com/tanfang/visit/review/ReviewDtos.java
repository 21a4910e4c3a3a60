package com.tanfang.visit.review;

import com.tanfang.visit.capture.CaptureDtos;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Request and response bodies of the review API. */
public final class ReviewDtos {
    private ReviewDtos() {
    }

    /** A comment on one item ({@code itemCode}) or on the whole visit (no item); text or a library template. */
    @Serdeable
    public record CommentInput(@Nullable @Size(max = 100) String itemCode, @Nullable @Size(max = 2000) String text,
                               @Nullable Long templateId) {
    }

    @Serdeable
    public record ReturnInput(@NotNull @Size(min = 1, max = 200) List<@Valid @NotNull CommentInput> comments) {
    }

    @Serdeable
    public record ReasonInput(@NotBlank @Size(max = 2000) String reason) {
    }

    @Serdeable
    public record Versions(long visitId, @Nullable String itemCode, List<CaptureDtos.AnswerView> versions) {
    }
}
