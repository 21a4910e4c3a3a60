package com.tanfang.visit.review;

import com.tanfang.access.Caller;
import com.tanfang.access.Role;
import com.tanfang.visit.capture.CaptureDtos;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/** Review of submitted visits (see server/docs/visits.md); the detail itself is GET /api/v1/visits/{visitId}. */
@Controller("/api/v1")
@Tag(name = "visits")
public class ReviewController {
    private final VisitReview review;

    public ReviewController(VisitReview review) {
        this.review = review;
    }

    @Get("/visits/{visitId}/answer-versions")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.SHOPPER_, Role.CLIENT_})
    public ReviewDtos.Versions versions(long visitId, @Nullable @QueryValue String itemCode, Caller caller) {
        return review.versions(visitId, itemCode, caller);
    }

    @Post("/visits/{visitId}/return")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.CLIENT_})
    public CaptureDtos.VisitDetail returnToRater(long visitId, @Body @Valid ReviewDtos.ReturnInput in, Caller caller) {
        return review.returnToRater(visitId, in, caller);
    }

    @Post("/visits/{visitId}/approve")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.CLIENT_})
    public CaptureDtos.VisitDetail approve(long visitId, Caller caller) {
        return review.approve(visitId, caller);
    }

    @Post("/visits/{visitId}/reject")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.CLIENT_})
    public CaptureDtos.VisitDetail reject(long visitId, @Body @Valid ReviewDtos.ReasonInput in, Caller caller) {
        return review.reject(visitId, in, caller);
    }

    @Post("/visits/{visitId}/approval-withdrawal")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.CLIENT_})
    public CaptureDtos.VisitDetail withdrawApproval(long visitId, @Body @Valid ReviewDtos.ReasonInput in,
                                                    Caller caller) {
        return review.withdrawApproval(visitId, in, caller);
    }
}
