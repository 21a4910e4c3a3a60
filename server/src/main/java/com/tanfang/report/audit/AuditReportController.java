package com.tanfang.report.audit;

import com.tanfang.access.Caller;
import com.tanfang.access.Role;
import com.tanfang.message.InvalidException;
import com.tanfang.message.Language;
import com.tanfang.report.Reports;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/**
 * The audit report: its narrative (the lead writes, the team reads) and its generation (the lead), server/docs/reports.md.
 * The list and the downloads are {@code com.tanfang.report.ReportController}'s.
 */
@Controller("/api/v1/projects")
@Tag(name = "reports")
public class AuditReportController {
    private final AuditReports reports;
    private final AuditNarratives narratives;
    private final Reports views;

    public AuditReportController(AuditReports reports, AuditNarratives narratives, Reports views) {
        this.reports = reports;
        this.narratives = narratives;
        this.views = views;
    }

    @Get("/{projectId}/reports/audit/narrative")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public NarrativeDtos.NarrativeView narrative(long projectId, @Nullable @QueryValue Integer revision, Caller caller) {
        return narratives.view(projectId, revision, caller);
    }

    @Put("/{projectId}/reports/audit/narrative")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public NarrativeDtos.NarrativeView saveNarrative(long projectId, @Body @Valid NarrativeDtos.NarrativeInput in,
                                                     Caller caller) {
        return narratives.save(projectId, in, caller);
    }

    /** 201 with the stored report when generated now, 200 when it was stored already (the same bytes). */
    @Post("/{projectId}/reports/audit")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public HttpResponse<Reports.ReportView> generate(long projectId, @Nullable @QueryValue String lang,
                                                            Caller caller) {
        Language language = lang == null || lang.isBlank() ? Language.ZH_CN
                : "zh-CN".equals(lang) ? Language.ZH_CN : "en".equals(lang) ? Language.EN : null;
        if (language == null) {
            throw InvalidException.field("lang", "report.lang_unknown", lang);
        }
        AuditReports.Generated g = reports.generate(projectId, language, caller);
        return HttpResponse.status(g.created() ? HttpStatus.CREATED : HttpStatus.OK).body(views.view(g.stored(), caller));
    }
}
