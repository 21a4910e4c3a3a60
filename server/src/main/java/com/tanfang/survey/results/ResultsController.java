package com.tanfang.survey.results;

import com.tanfang.project.EvaluationProject;
import com.tanfang.project.Projects;
import com.tanfang.survey.campaign.Campaigns;
import com.tanfang.survey.campaign.SurveyCampaign;
import com.tanfang.access.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import com.tanfang.access.Caller;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** A campaign's results, as JSON and CSV. */
@Controller("/api/v1")
@Tag(name = "surveys")
public class ResultsController {
    private final Campaigns campaigns;
    private final Projects projects;
    private final SurveyResults results;

    public ResultsController(Campaigns campaigns, Projects projects, SurveyResults results) {
        this.campaigns = campaigns;
        this.projects = projects;
        this.results = results;
    }

    @Get("/campaigns/{campaignId}/results")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
    public SurveyResults.Results results(long campaignId, Caller caller) {
        return compute(campaignId, caller);
    }

    @Get(value = "/campaigns/{campaignId}/results.csv", produces = "text/csv;charset=UTF-8")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
    public HttpResponse<String> resultsCsv(long campaignId, Caller caller) {
        SurveyCampaign c = campaigns.get(campaignId, caller);
        // "<title> 调查结果.csv"; the ASCII fallback is the English title, or "survey-<id>-results".
        String ascii = c.titleEn() == null || c.titleEn().isBlank() ? "survey-" + campaignId + "-results"
                : c.titleEn() + " results";
        return HttpResponse.ok(SurveyResults.csv(compute(campaignId, caller)))
                .header("Content-Disposition", AttachmentName.header(c.titleZh() + " 调查结果", ascii, "csv"));
    }

    private SurveyResults.Results compute(long campaignId, Caller caller) {
        SurveyCampaign c = campaigns.get(campaignId, caller);
        EvaluationProject p = projects.get(c.projectId(), caller);
        return results.compute(c, campaigns.questions(campaignId), campaigns.activePoints(campaignId),
                projects.scheme(p));
    }

}
