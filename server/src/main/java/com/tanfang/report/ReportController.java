package com.tanfang.report;

import com.tanfang.access.Caller;
import com.tanfang.access.Role;
import com.tanfang.message.Language;
import com.tanfang.platform.Messages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/**
 * A project's generated documents and the radar chart of its released result (server/docs/reports.md). SHOPPER and
 * VERIFIER are refused (403): raters do not read the evaluation.
 */
@Controller("/api/v1/projects")
@Tag(name = "reports")
public class ReportController {
    private final Reports reports;

    public ReportController(Reports reports) {
        this.reports = reports;
    }

    @Get("/{projectId}/reports")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public List<Reports.ReportView> list(long projectId, Caller caller) {
        return reports.list(projectId, caller);
    }

    @Get(value = "/{projectId}/reports/{documentId}/pdf", produces = MediaType.ALL)
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public HttpResponse<byte[]> pdf(long projectId, long documentId, Caller caller) {
        Reports.Download d = reports.download(projectId, documentId, caller);
        return HttpResponse.ok(d.content()).contentType("application/pdf")
                .header(HttpHeaders.CONTENT_DISPOSITION, d.contentDisposition())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Content-SHA256", d.sha256());
    }

    /** {@code lang} (zh-CN, en) when given, else the caller's language (cookie, Accept-Language). */
    @Get(value = "/{projectId}/result/radar.svg", produces = MediaType.ALL)
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public HttpResponse<String> radar(long projectId, @Nullable @QueryValue String lang, HttpRequest<?> request,
                                      Caller caller) {
        Language language = lang != null && Messages.LANGUAGES.contains(lang) ? Language.ofTag(lang) : Messages.language(request);
        return HttpResponse.ok(reports.radarSvg(projectId, language, caller))
                .contentType("image/svg+xml;charset=utf-8")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
                .header("X-Content-Type-Options", "nosniff");
    }
}
