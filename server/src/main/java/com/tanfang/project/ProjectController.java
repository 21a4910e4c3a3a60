package com.tanfang.project;

import com.tanfang.access.Role;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
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
    public List<EvaluationProject> list(Authentication caller) {
        return projects.visible(caller);
    }

    @Post
    @Secured({Role.ADMIN_, Role.LEAD_})
    public HttpResponse<ProjectDtos.ProjectView> create(@Body @Valid ProjectDtos.ProjectInput in, Authentication caller) {
        return HttpResponse.created(projects.view(projects.create(in, caller)));
    }

    @Get("/{projectId}")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public ProjectDtos.ProjectView get(long projectId, Authentication caller) {
        return projects.view(projects.get(projectId, caller));
    }
}
