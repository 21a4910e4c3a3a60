package com.tanfang.evaluation.reconciliation;

import com.tanfang.access.Caller;
import com.tanfang.access.Role;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/** Reconciliations of two raters and their agreement (server/docs/evaluation.md). */
@Controller("/api/v1/projects")
@Tag(name = "evaluation")
public class ReconciliationController {
    private final Reconciliations reconciliations;
    private final AgreementReports agreement;

    public ReconciliationController(Reconciliations reconciliations, AgreementReports agreement) {
        this.reconciliations = reconciliations;
        this.agreement = agreement;
    }

    /** The lead's confirmed rating of one pair (LEAD of the project, ADMIN): 201. */
    @Post("/{projectId}/evaluation/reconciliations")
    @Secured({Role.ADMIN_, Role.LEAD_})
    public HttpResponse<ReconciliationDtos.Confirmed> confirm(long projectId,
                                                              @Body ReconciliationDtos.ConfirmInput in, Caller caller) {
        return HttpResponse.created(reconciliations.confirm(projectId, in, caller));
    }

    /** Every reconciliation, superseded ones too (team, ADMIN; CLIENT 404). */
    @Get("/{projectId}/evaluation/reconciliations")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public List<ReconciliationDtos.Confirmed> history(long projectId, Caller caller) {
        return reconciliations.history(projectId, caller);
    }

    /** Agreement per project, part and rater pair, every difference, change rates (team, ADMIN; CLIENT 404). */
    @Get("/{projectId}/evaluation/agreement")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public ReconciliationDtos.Report agreement(long projectId, Caller caller) {
        return agreement.report(projectId, caller);
    }
}
