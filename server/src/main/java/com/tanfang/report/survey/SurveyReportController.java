package com.tanfang.report.survey;

import com.tanfang.access.Caller;
import com.tanfang.access.Role;
import com.tanfang.document.store.GeneratedDocuments;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code POST /api/v1/projects/{id}/reports/survey?lang=zh-CN|en}: the survey analysis report of the latest signed
 * revision, generated and stored; answers the stored row (server/docs/survey-report.md). A CLIENT reaches the
 * service and gets 404 there (as for every staff route on a project); SHOPPER and VERIFIER are refused here.
 */
@Controller("/api/v1/projects")
@Tag(name = "reports")
public class SurveyReportController {
    private final SurveyReports reports;

    public SurveyReportController(SurveyReports reports) {
        this.reports = reports;
    }

    @Post("/{projectId}/reports/survey")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public HttpResponse<GeneratedDocuments.Stored> generate(long projectId, @Nullable @QueryValue String lang,
                                                            Caller caller) {
        return HttpResponse.ok(reports.generate(projectId, lang, caller));
    }
}
