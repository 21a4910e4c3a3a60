package com.tanfang.evaluation;

import com.tanfang.access.Caller;
import com.tanfang.access.Role;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A project's evaluation sheet and its live result (server/docs/evaluation.md). */
@Controller("/api/v1/projects")
@Tag(name = "evaluation")
public class EvaluationController {
    private final Evaluations evaluations;

    public EvaluationController(Evaluations evaluations) {
        this.evaluations = evaluations;
    }

    /**
     * The sheet: the team's staff who review (LEAD, AUDITOR) and ADMIN. A CLIENT is answered 404 (it reads its released
     * result at {@code GET /projects/{id}/result}, evaluation.signoff); shoppers and verifiers 403 (raters do not see each other's ratings).
     */
    @Get("/{projectId}/evaluation")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public EvaluationDtos.Sheet sheet(long projectId, Caller caller) {
        return evaluations.sheet(projectId, caller);
    }
}
