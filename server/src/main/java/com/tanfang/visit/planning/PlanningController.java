package com.tanfang.visit.planning;

import com.tanfang.access.Caller;
import com.tanfang.access.Role;
import com.tanfang.scheme.NumericRange;
import com.tanfang.visit.Checklist;
import com.tanfang.visit.store.VisitRecords;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.SerdeImport;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.util.List;

/**
 * Planning visits (see server/docs/visits.md). Reads are for the project's staff; changes for its lead (or an
 * ADMIN); offers and claims for SHOPPERs of the project's team. A CLIENT never learns that a plan or visit exists:
 * 404 on every route with an id (the role passes {@code @Secured}; the project or visit check answers as for a
 * missing one), 403 by role only on the collection {@code /visits/offers}.
 */
@Controller("/api/v1")
@Tag(name = "visits")
@SerdeImport(Checklist.Touchpoint.class)
@SerdeImport(Checklist.ChecklistItem.class)
@SerdeImport(NumericRange.class)
public class PlanningController {
    private final VisitPlanning planning;

    public PlanningController(VisitPlanning planning) {
        this.planning = planning;
    }

    @Get("/projects/{projectId}/visit-settings")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public PlanningDtos.SettingsView settings(long projectId, Caller caller) {
        return planning.settings(projectId, caller);
    }

    @Put("/projects/{projectId}/visit-settings")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.CLIENT_})
    public PlanningDtos.SettingsView updateSettings(long projectId, @Body @Valid PlanningDtos.SettingsInput in,
                                                    Caller caller) {
        return planning.updateSettings(projectId, in, caller);
    }

    @Get("/projects/{projectId}/visit-checklist")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public PlanningDtos.ChecklistView checklist(long projectId, Caller caller) {
        return planning.checklist(projectId, caller);
    }

    @Put("/projects/{projectId}/visit-checklist")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.CLIENT_})
    public PlanningDtos.ChecklistView chooseItems(long projectId, @Body @Valid PlanningDtos.ItemChoicesInput in,
                                                  Caller caller) {
        return planning.chooseItems(projectId, in, caller);
    }

    @Get("/projects/{projectId}/visits")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public List<VisitRecords.Summary> visits(long projectId, Caller caller) {
        return planning.ofProject(projectId, caller);
    }

    @Post("/projects/{projectId}/visits")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.CLIENT_})
    public HttpResponse<PlanningDtos.PlanView> plan(long projectId, @Body @Valid PlanningDtos.PlanInput in,
                                                    Caller caller) {
        return HttpResponse.created(planning.plan(projectId, in, caller));
    }

    @Put("/visits/{visitId}/rater")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.CLIENT_})
    public VisitRecords.Summary assign(long visitId, @Body @Valid PlanningDtos.AssignInput in, Caller caller) {
        return planning.assign(visitId, in.raterId(), caller);
    }

    @Delete("/visits/{visitId}/rater")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.CLIENT_})
    public VisitRecords.Summary unassign(long visitId, Caller caller) {
        return planning.unassign(visitId, caller);
    }

    @Put("/visits/{visitId}/offer")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.CLIENT_})
    public VisitRecords.Summary offer(long visitId, @Body @Valid PlanningDtos.OfferInput in, Caller caller) {
        return planning.offer(visitId, in.offered(), caller);
    }

    @Get("/visits/offers")
    @Secured({Role.SHOPPER_})
    public List<VisitRecords.Summary> offers(Caller caller) {
        return planning.offers(caller);
    }

    @Post("/visits/{visitId}/claim")
    @Secured({Role.SHOPPER_, Role.CLIENT_})
    public VisitRecords.Summary claim(long visitId, Caller caller) {
        return planning.claim(visitId, caller);
    }

    @Get("/projects/{projectId}/visit-comments")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public List<PlanningDtos.CommentTemplateView> commentTemplates(long projectId, Caller caller) {
        return planning.commentTemplates(projectId, caller);
    }

    @Post("/projects/{projectId}/visit-comments")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.CLIENT_})
    public HttpResponse<PlanningDtos.CommentTemplateView> addCommentTemplate(long projectId,
            @Body @Valid PlanningDtos.CommentTemplateInput in, Caller caller) {
        return HttpResponse.created(planning.addCommentTemplate(projectId, in, caller));
    }
}
