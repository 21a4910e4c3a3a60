package com.tanfang.evaluation.surveyreview;

import com.tanfang.access.Caller;
import com.tanfang.access.Role;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/**
 * Low-scoring survey items beside the on-site evaluation, and the lead's decisions (server/docs/evaluation.md).
 * The CLIENT role passes {@code @Secured} so that the project check answers 404 as for a missing project.
 */
@Controller("/api/v1/projects")
@Tag(name = "evaluation")
public class SurveyReviewController {
    private final SurveyReviews reviews;

    public SurveyReviewController(SurveyReviews reviews) {
        this.reviews = reviews;
    }

    @Get("/{projectId}/evaluation/survey-review")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public SurveyReviewDtos.Review review(long projectId, Caller caller) {
        return reviews.review(projectId, caller);
    }

    @Post("/{projectId}/evaluation/survey-review/decisions")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public HttpResponse<SurveyReviewRecords.DecisionView> decide(long projectId,
            @Body @Valid SurveyReviewDtos.DecisionInput in, Caller caller) {
        return HttpResponse.created(reviews.decide(projectId, in, caller));
    }
}
