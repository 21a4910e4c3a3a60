package com.tanfang.visit.capture;

import com.tanfang.access.Caller;
import com.tanfang.access.Role;
import com.tanfang.visit.store.VisitRecords;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.time.Instant;
import java.util.UUID;

/**
 * The rater's visit API (see server/docs/visits.md). A CLIENT never learns that a visit exists: every route with
 * an id lets the CLIENT role through {@code @Secured} so that {@code Access.visit} answers 404 as for a missing
 * visit; only the collection {@code /visits/mine} refuses it by role (403).
 */
@Controller("/api/v1")
@Tag(name = "visits")
public class CaptureController {
    private final VisitCapture capture;

    public CaptureController(VisitCapture capture) {
        this.capture = capture;
    }

    @Get("/visits/mine")
    @Secured({Role.SHOPPER_, Role.AUDITOR_, Role.LEAD_})
    public CaptureDtos.MyVisits mine(Caller caller) {
        return capture.mine(caller);
    }

    /** The visit with its script, guidance and (blind rule permitting) its ratings: what the phone downloads. */
    @Get("/visits/{visitId}")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.SHOPPER_, Role.CLIENT_})
    public CaptureDtos.VisitDetail visit(long visitId, Caller caller) {
        return capture.script(visitId, caller);
    }

    @Post("/visits/{visitId}/check-in")
    @Secured({Role.SHOPPER_, Role.AUDITOR_, Role.LEAD_, Role.CLIENT_})
    public CaptureDtos.VisitDetail checkIn(long visitId, @Body @Valid CaptureDtos.PositionInput in, Caller caller) {
        return capture.checkIn(visitId, in, caller);
    }

    @Post("/visits/{visitId}/check-out")
    @Secured({Role.SHOPPER_, Role.AUDITOR_, Role.LEAD_, Role.CLIENT_})
    public CaptureDtos.VisitDetail checkOut(long visitId, @Body @Valid CaptureDtos.PositionInput in, Caller caller) {
        return capture.checkOut(visitId, in, caller);
    }

    @Put("/visits/{visitId}/answers")
    @Secured({Role.SHOPPER_, Role.AUDITOR_, Role.LEAD_, Role.CLIENT_})
    public CaptureDtos.AnswerStored answer(long visitId, @Body @Valid CaptureDtos.AnswerInput in, Caller caller) {
        return capture.answer(visitId, in, caller);
    }

    /**
     * A photo's bytes as the body (Content-Type image/jpeg, png or webp), its SHA-256 computed on the phone at
     * capture and the capture facts as query parameters; PUT again with the same client id is a no-op.
     */
    @Put(value = "/visits/{visitId}/photos/{clientId}", consumes = MediaType.ALL)
    @Secured({Role.SHOPPER_, Role.AUDITOR_, Role.LEAD_, Role.CLIENT_})
    public CaptureDtos.PhotoStored photo(long visitId, UUID clientId, @Nullable @QueryValue String sha256,
                                         @Nullable @QueryValue Integer visitVersion,
                                         @Nullable @QueryValue String itemCode,
                                         @Nullable @QueryValue Instant capturedAt,
                                         @Nullable @QueryValue Double latitude, @Nullable @QueryValue Double longitude,
                                         @Nullable @QueryValue Double accuracyMeters, @Nullable @Body byte[] body,
                                         HttpRequest<?> request, Caller caller) {
        return capture.photo(visitId, clientId, new VisitCapture.PhotoMeta(sha256, visitVersion, itemCode, capturedAt,
                latitude, longitude, accuracyMeters, request.getHeaders().get(HttpHeaders.CONTENT_TYPE)),
                body == null ? new byte[0] : body, caller);
    }

    /**
     * A photo, for the visit's rater and the project's staff only; never cached by shared caches. With
     * {@code size=thumb}: a JPEG at most 320 px on its longest side, for lists (the original when the JDK cannot
     * decode it, e.g. WebP: the phone scaled it before upload).
     */
    @Get(value = "/visits/{visitId}/photos/{photoId}", produces = MediaType.ALL)
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.SHOPPER_, Role.CLIENT_})
    public HttpResponse<byte[]> photoContent(long visitId, long photoId, @Nullable @QueryValue String size,
                                             Caller caller) {
        VisitCapture.PhotoBytes p = capture.photoBytes(visitId, photoId, size, caller);
        return HttpResponse.ok(p.content()).contentType(p.mediaType())
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600")
                .header("ETag", "\"" + p.sha256() + "\"");
    }

    @Post("/visits/{visitId}/submit")
    @Secured({Role.SHOPPER_, Role.AUDITOR_, Role.LEAD_, Role.CLIENT_})
    public CaptureDtos.VisitDetail submit(long visitId, @Body @Valid CaptureDtos.SubmitInput in, Caller caller) {
        return capture.submit(visitId, in, caller);
    }
}
