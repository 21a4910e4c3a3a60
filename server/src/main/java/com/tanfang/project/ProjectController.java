package com.tanfang.project;

import com.tanfang.access.Caller;
import com.tanfang.access.Role;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.util.List;

@Controller("/api/v1/projects")
@Tag(name = "projects")
public class ProjectController {
    private final Projects projects;

    public ProjectController(Projects projects) {
        this.projects = projects;
    }

    @Get
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public List<EvaluationProject> list(Caller caller) {
        return projects.visible(caller);
    }

    @Post
    @Secured({Role.ADMIN_, Role.LEAD_})
    public HttpResponse<ProjectDtos.ProjectView> create(@Body @Valid ProjectDtos.ProjectInput in, Caller caller) {
        return HttpResponse.created(projects.view(projects.create(in, caller), caller));
    }

    @Get("/{projectId}")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public ProjectDtos.ProjectView get(long projectId, Caller caller) {
        return projects.view(projects.get(projectId, caller), caller);
    }

    /** The project's page: titles, site(s), scheme, type, status; what a CLIENT reads of its projects. */
    @Get("/{projectId}/overview")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public ProjectDtos.ProjectOverview overview(long projectId, Caller caller) {
        return projects.overview(projectId, caller);
    }

    /** The team: the lead and the members. Staff on the team (and ADMIN) read it; a CLIENT does not. */
    @Get("/{projectId}/members")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.SHOPPER_, Role.VERIFIER_})
    public List<ProjectDtos.TeamMember> team(long projectId, Caller caller) {
        return projects.team(projectId, caller);
    }

    /** Adds a staff member to the team: an ADMIN on any project, a LEAD on the projects it leads. */
    @Post("/{projectId}/members")
    @Secured({Role.ADMIN_, Role.LEAD_})
    public List<ProjectDtos.TeamMember> addMember(long projectId, @Body @Valid ProjectDtos.MemberInput in,
                                                  Caller caller) {
        return projects.addMember(projectId, in, caller);
    }

    @Delete("/{projectId}/members/{userId}")
    @Secured({Role.ADMIN_, Role.LEAD_})
    public List<ProjectDtos.TeamMember> removeMember(long projectId, long userId, Caller caller) {
        return projects.removeMember(projectId, userId, caller);
    }
}
