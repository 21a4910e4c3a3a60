package com.tanfang.evaluation.signoff;

import com.tanfang.access.Caller;
import com.tanfang.access.Role;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.util.List;

/**
 * Sign-off, revisions and release of a project's evaluation, and the client's released result
 * (server/docs/evaluation.md). The writes are the project's lead's (others who see the project: 403, ADMIN included);
 * AUDITOR and ADMIN read; SHOPPER and VERIFIER are refused (403) as for the sheet.
 */
@Controller("/api/v1/projects")
@Tag(name = "evaluation")
public class SignOffController {
    private final SignOffs signOffs;

    public SignOffController(SignOffs signOffs) {
        this.signOffs = signOffs;
    }

    @Get("/{projectId}/evaluation/sign-off")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public SignOffDtos.Overview overview(long projectId, Caller caller) {
        return signOffs.overview(projectId, caller);
    }

    @Post("/{projectId}/evaluation/sign-off")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
    public SignOffDtos.Overview signOff(long projectId, @Body @Valid SignOffDtos.SignOffInput in, Caller caller) {
        return signOffs.signOff(projectId, in.expectedSha256(), caller);
    }

    @Post("/{projectId}/evaluation/revisions")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
    public SignOffDtos.Overview openRevision(long projectId, @Body @Valid SignOffDtos.RevisionInput in, Caller caller) {
        return signOffs.openRevision(projectId, in.reason(), caller);
    }

    @Get("/{projectId}/evaluation/revisions")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public List<SignOffDtos.RevisionView> revisions(long projectId, Caller caller) {
        return signOffs.revisions(projectId, caller);
    }

    @Get("/{projectId}/evaluation/revisions/{number}")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public SignOffDtos.RevisionSnapshot revision(long projectId, int number, Caller caller) {
        return signOffs.revision(projectId, number, caller);
    }

    @Post("/{projectId}/evaluation/release")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
    public SignOffDtos.Overview release(long projectId, Caller caller) {
        return signOffs.release(projectId, caller);
    }

    /** The released result: the CLIENT of the evaluated organisation, and the team's reviewers and ADMIN. */
    @Get("/{projectId}/result")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public SignOffDtos.ClientResult result(long projectId, Caller caller) {
        return signOffs.result(projectId, caller);
    }
}
