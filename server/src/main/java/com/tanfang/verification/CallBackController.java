package com.tanfang.verification;

import com.tanfang.access.Role;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import com.tanfang.access.Caller;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/**
 * Call-back verification: the lead draws, assigns, enlarges and reads the report; verifiers work their queue.
 * Only the assigned verifier and a lead on the project's team can see an item or reveal its number (anyone else:
 * 404); a verifier's queue holds only items of projects whose team it is on.
 */
@Controller("/api/v1")
@Tag(name = "call-backs")
public class CallBackController {
    private final CallBacks callBacks;

    public CallBackController(CallBacks callBacks) {
        this.callBacks = callBacks;
    }

    @Get("/campaigns/{campaignId}/callback")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
    public CallBackDtos.Overview overview(long campaignId, Caller caller) {
        return callBacks.overview(campaignId, caller);
    }

    @Post("/campaigns/{campaignId}/callback/draws")
    @Secured({Role.LEAD_})
    public HttpResponse<CallBackDtos.Overview> draw(long campaignId, @Body @Valid CallBackDtos.DrawInput in,
                                                    Caller caller) {
        return HttpResponse.created(callBacks.draw(campaignId, in, caller));
    }

    @Post("/campaigns/{campaignId}/callback/enlargement")
    @Secured({Role.LEAD_})
    public CallBackDtos.Overview enlarge(long campaignId, @Body @Valid CallBackDtos.EnlargeInput in,
                                         Caller caller) {
        return callBacks.enlarge(campaignId, in, caller);
    }

    @Get("/campaigns/{campaignId}/callback/report")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
    public CallBackDtos.Report report(long campaignId, Caller caller) {
        return callBacks.report(campaignId, caller);
    }

    @Get(value = "/campaigns/{campaignId}/callback/report.csv", produces = "text/csv;charset=UTF-8")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
    public HttpResponse<String> reportCsv(long campaignId, Caller caller) {
        return HttpResponse.ok(CallBacks.csv(callBacks.report(campaignId, caller)))
                .header("Content-Disposition", "attachment; filename=\"callback-" + campaignId + ".csv\"");
    }

    @Put("/callbacks/items/{itemId}/assignment")
    @Secured({Role.LEAD_})
    public CallBackDtos.ItemView assign(long itemId, @Body @Valid CallBackDtos.AssignInput in, Caller caller) {
        return callBacks.assign(itemId, in.verifierId(), caller);
    }

    @Get("/callbacks/queue")
    @Secured({Role.VERIFIER_, Role.LEAD_})
    public CallBackDtos.QueueView queue(Caller caller) {
        return callBacks.queue(caller);
    }

    @Post("/callbacks/next")
    @Secured({Role.VERIFIER_})
    public CallBackDtos.ItemView takeNext(Caller caller) {
        return callBacks.takeNext(caller);
    }

    @Get("/callbacks/items/{itemId}")
    @Secured({Role.VERIFIER_, Role.LEAD_})
    public CallBackDtos.ItemDetail item(long itemId, Caller caller) {
        return callBacks.detail(itemId, caller);
    }

    @Post("/callbacks/items/{itemId}/reveal")
    @Secured({Role.VERIFIER_, Role.LEAD_})
    public CallBackDtos.Revealed reveal(long itemId, Caller caller) {
        return callBacks.reveal(itemId, caller);
    }

    /** Takes back a denial recorded by mistake, with a mandatory reason; the response is restored. */
    @Post("/callbacks/items/{itemId}/denial-undo")
    @Secured({Role.VERIFIER_, Role.LEAD_})
    public CallBackDtos.ItemDetail undoDenial(long itemId, @Body @Valid CallBackDtos.DenialUndoInput in, Caller caller) {
        return callBacks.undoDenial(itemId, in.reason(), caller);
    }

    @Post("/callbacks/items/{itemId}/attempts")
    @Secured({Role.VERIFIER_, Role.LEAD_})
    public CallBackDtos.ItemDetail attempt(long itemId, @Body @Valid CallBackDtos.AttemptInput in, Caller caller) {
        return callBacks.record(itemId, in, caller);
    }
}
