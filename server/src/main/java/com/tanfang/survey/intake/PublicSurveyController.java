package com.tanfang.survey.intake;

import com.tanfang.survey.campaign.SurveyCampaign;
import com.tanfang.survey.campaign.SurveyQuestion;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The survey as JSON for other clients (a mini-program, a kiosk): the same rules as the HTML form, errors as
 * problem+json naming the question ({@code answers.<questionId>}). Public: the token is the credential.
 */
@Controller("/api/v1/public/surveys/{token}")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "public survey")
public class PublicSurveyController {
    private final Submissions submissions;
    private final com.tanfang.platform.ClientAddresses addresses;

    private final Clock clock;

    public PublicSurveyController(Submissions submissions, com.tanfang.platform.ClientAddresses addresses, Clock clock) {
        this.clock = clock;
        this.submissions = submissions;
        this.addresses = addresses;
    }

    @Serdeable
    public record Questionnaire(String titleZh, String titleEn, String introZh, String introEn, String pointName,
                                Instant closesAt, SurveyCampaign.PhoneMode phoneMode, boolean commentAllowed,
                                List<SurveyQuestion> questions) {
    }

    @Get
    public Questionnaire get(String token) {
        Submissions.OpenPoint open = submissions.openPoint(token, clock.instant());
        SurveyCampaign c = open.campaign();
        return new Questionnaire(c.titleZh(), c.titleEn(), c.introZh(), c.introEn(), open.pointName(), c.closesAt(),
                c.phoneMode(), c.commentAllowed(), submissions.questionnaire(c.id()));
    }

    /** 201 with the receipt, or 200 with the first receipt when this submission id was already recorded. */
    @Post("/responses")
    public HttpResponse<Submission.Receipt> submit(String token, @Body @jakarta.validation.Valid Submission submission,
                                                 HttpRequest<?> request) {
        Submission.Receipt r = submissions.submitOnline(token, submission, RespondentController.origin(request, addresses));
        return r.duplicate() ? HttpResponse.ok(r) : HttpResponse.created(r);
    }
}
