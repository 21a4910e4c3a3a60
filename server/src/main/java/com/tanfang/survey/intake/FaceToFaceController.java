package com.tanfang.survey.intake;

import com.tanfang.access.Caller;
import com.tanfang.access.Role;
import com.tanfang.survey.campaign.CampaignDtos;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.util.List;

/** Face-to-face survey entry by two auditors in the field. */
@Controller("/api/v1")
@Tag(name = "surveys")
public class FaceToFaceController {
    private final FaceToFaceEntry entry;

    public FaceToFaceController(FaceToFaceEntry entry) {
        this.entry = entry;
    }

    /** Face-to-face answers; idempotent by the client's submission id, so an offline phone can retry freely. */
    @Post("/campaigns/{campaignId}/offline-responses")
    @Secured({Role.AUDITOR_, Role.LEAD_})
    public HttpResponse<Submission.Receipt> offline(long campaignId, @Body @Valid CampaignDtos.OfflineInput in,
                                                    Caller caller) {
        Submission.Receipt r = entry.record(campaignId, in, caller);
        return r.duplicate() ? HttpResponse.ok(r) : HttpResponse.created(r);
    }

    /** The caller's own face-to-face sheets of the campaign, newest first, with whether each can be corrected now. */
    @Get("/campaigns/{campaignId}/offline-responses/mine")
    @Secured({Role.AUDITOR_, Role.LEAD_})
    public List<FaceToFaceEntry.OwnSheet> mine(long campaignId, Caller caller) {
        return entry.own(campaignId, caller);
    }

    /**
     * Corrects one of the caller's own sheets: the body is the whole corrected sheet under a new submission id
     * (idempotent like entry); the earlier sheet is superseded, kept and no longer counted.
     */
    @Post("/campaigns/{campaignId}/offline-responses/{responseId}/corrections")
    @Secured({Role.AUDITOR_, Role.LEAD_})
    public HttpResponse<Submission.Receipt> correct(long campaignId, long responseId,
                                                    @Body @Valid CampaignDtos.OfflineInput in, Caller caller) {
        Submission.Receipt r = entry.correct(campaignId, responseId, in, caller);
        return r.duplicate() ? HttpResponse.ok(r) : HttpResponse.created(r);
    }
}
