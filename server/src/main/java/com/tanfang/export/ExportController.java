package com.tanfang.export;

import com.tanfang.access.Caller;
import com.tanfang.access.Role;
import com.tanfang.message.InvalidException;
import com.tanfang.message.Language;
import com.tanfang.platform.Messages;
import com.tanfang.survey.results.AttachmentName;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Export downloads (server/docs/exports.md): {@code ?format=csv|xlsx} (csv when absent), {@code ?lang=zh-CN|en} (optional:
 * else the caller's language, as every message). The body is streamed: the status and headers go out before the
 * last row is read, so an error found late cuts the body off instead of answering problem+json; everything that
 * can be refused (role, object, parameters, too many exports at once) is refused before.
 */
@Controller("/api/v1")
@Tag(name = "exports")
public class ExportController {
    private final Exports exports;
    private final ExportLog log;

    public ExportController(Exports exports, ExportLog log) {
        this.exports = exports;
        this.log = log;
    }

    @Get(value = "/campaigns/{campaignId}/exports/responses", produces = {"text/csv", MediaType.ALL})
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
    public HttpResponse<StreamedFile> responses(long campaignId, @QueryValue @Nullable String format,
                                                @QueryValue @Nullable String lang, Caller caller,
                                                HttpRequest<?> request) {
        ExportFormat f = ExportFormat.of(format);
        return send(request, caller, exports.responses(campaignId, f, language(lang, request), caller));
    }

    @Get(value = "/campaigns/{campaignId}/exports/callbacks", produces = {"text/csv", MediaType.ALL})
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.VERIFIER_})
    public HttpResponse<StreamedFile> callBacks(long campaignId, @QueryValue @Nullable String format,
                                                @QueryValue @Nullable String lang, Caller caller,
                                                HttpRequest<?> request) {
        ExportFormat f = ExportFormat.of(format);
        return send(request, caller, exports.callBacks(campaignId, f, language(lang, request), caller));
    }

    @Get(value = "/projects/{projectId}/exports/evaluation", produces = {"text/csv", MediaType.ALL})
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
    public HttpResponse<StreamedFile> evaluation(long projectId, @QueryValue @Nullable String format,
                                                 @QueryValue @Nullable String lang, Caller caller,
                                                 HttpRequest<?> request) {
        ExportFormat f = ExportFormat.of(format);
        return send(request, caller, exports.evaluation(projectId, f, language(lang, request), caller));
    }

    @Get(value = "/projects/{projectId}/exports/findings", produces = {"text/csv", MediaType.ALL})
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public HttpResponse<StreamedFile> findings(long projectId, @QueryValue @Nullable String format,
                                               @QueryValue @Nullable String lang, Caller caller,
                                               HttpRequest<?> request) {
        ExportFormat f = ExportFormat.of(format);
        return send(request, caller, exports.findings(projectId, f, language(lang, request), caller));
    }

    /** {@code zh-CN} or {@code en}; absent: the caller's language (cookie, Accept-Language). */
    static Language language(@Nullable String lang, HttpRequest<?> request) {
        if (lang == null) {
            return Messages.language(request);
        }
        if (!Messages.LANGUAGES.contains(lang)) {
            throw InvalidException.field("lang", "export.lang.invalid");
        }
        return Language.ofTag(lang);
    }

    private HttpResponse<StreamedFile> send(HttpRequest<?> request, Caller caller, Exports.Download d) {
        if (HttpMethod.HEAD.equals(request.getMethod())) {
            // Micronaut answers HEAD on every GET route: no body will be read, so give the cursor back now.
            try {
                d.body().close();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return HttpResponse.<StreamedFile>ok().contentType(MediaType.of(d.format().mediaType()))
                    .header(HttpHeaders.CONTENT_DISPOSITION, AttachmentName.header(d.title(), d.asciiTitle(),
                            d.format().extension()));
        }
        try {
            log.downloaded(d, caller);
        } catch (RuntimeException e) {
            try {
                d.body().close(); // the cursor's connection back to the pool
            } catch (java.io.IOException ignored) {
                // the body never started: nothing else to release
            }
            throw e;
        }
        return HttpResponse.ok(new StreamedFile(d.body(), MediaType.of(d.format().mediaType())))
                .header(HttpHeaders.CONTENT_DISPOSITION, AttachmentName.header(d.title(), d.asciiTitle(),
                        d.format().extension()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
