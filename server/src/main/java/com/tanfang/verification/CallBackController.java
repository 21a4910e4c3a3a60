package com.tanfang.verification;

import com.tanfang.access.Role;
import com.tanfang.account.SessionTokens;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/**
 * Call-back verification: the lead draws, assigns, enlarges and reads the report; verifiers work their queue.
 * Only the assigned verifier and a lead can see an item or reveal its number (anyone else: 404).
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
    public CallBackDtos.Overview overview(long campaignId) {
        return callBacks.overview(campaignId);
    }

    @Post("/campaigns/{campaignId}/callback/draws")
    @Secured({Role.LEAD_})
    public HttpResponse<CallBackDtos.Overview> draw(long campaignId, @Body @Valid CallBackDtos.DrawInput in,
                                                    Authentication caller) {
        return HttpResponse.created(callBacks.draw(campaignId, in, SessionTokens.userId(caller)));
    }

    @Post("/campaigns/{campaignId}/callback/enlargement")
    @Secured({Role.LEAD_})
    public CallBackDtos.Overview enlarge(long campaignId, @Body @Valid CallBackDtos.EnlargeInput in,
                                         Authentication caller) {
        return callBacks.enlarge(campaignId, in, SessionTokens.userId(caller));
    }

    @Get("/campaigns/{campaignId}/callback/report")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
    public CallBackDtos.Report report(long campaignId, Authentication caller) {
        return callBacks.report(campaignId, caller);
    }

    @Get(value = "/campaigns/{campaignId}/callback/report.csv", produces = "text/csv;charset=UTF-8")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
    public HttpResponse<String> reportCsv(long campaignId, Authentication caller) {
        return HttpResponse.ok(CallBacks.csv(callBacks.report(campaignId, caller)))
                .header("Content-Disposition", "attachment; filename=\"callback-" + campaignId + ".csv\"");
    }

    @Put("/callbacks/items/{itemId}/assignment")
    @Secured({Role.LEAD_})
    public CallBackDtos.ItemView assign(long itemId, @Body @Valid CallBackDtos.AssignInput in, Authentication caller) {
        return callBacks.assign(itemId, in.verifierId(), SessionTokens.userId(caller));
    }

    @Get("/callbacks/queue")
    @Secured({Role.VERIFIER_, Role.LEAD_})
    public CallBackDtos.QueueView queue(Authentication caller) {
        return callBacks.queue(SessionTokens.userId(caller));
    }

    @Post("/callbacks/next")
    @Secured({Role.VERIFIER_})
    public CallBackDtos.ItemView takeNext(Authentication caller) {
        return callBacks.takeNext(SessionTokens.userId(caller));
    }

    @Get("/callbacks/items/{itemId}")
    @Secured({Role.VERIFIER_, Role.LEAD_})
    public CallBackDtos.ItemDetail item(long itemId, Authentication caller) {
        return callBacks.detail(itemId, caller(caller));
    }

    @Post("/callbacks/items/{itemId}/reveal")
    @Secured({Role.VERIFIER_, Role.LEAD_})
    public CallBackDtos.Revealed reveal(long itemId, Authentication caller) {
        return callBacks.reveal(itemId, caller(caller));
    }

    @Post("/callbacks/items/{itemId}/attempts")
    @Secured({Role.VERIFIER_, Role.LEAD_})
    public CallBackDtos.ItemDetail attempt(long itemId, @Body @Valid CallBackDtos.AttemptInput in, Authentication caller) {
        return callBacks.record(itemId, in, caller(caller));
    }

    private static CallBacks.Caller caller(Authentication auth) {
        return new CallBacks.Caller(SessionTokens.userId(auth), auth.getRoles().contains(Role.LEAD_));
    }
}
