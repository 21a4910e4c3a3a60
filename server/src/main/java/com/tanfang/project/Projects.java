package com.tanfang.project;

import com.tanfang.message.InvalidException;
import com.tanfang.message.NotFoundException;
import com.tanfang.account.AppUser;
import com.tanfang.account.AppUserRepository;
import com.tanfang.access.Role;
import com.tanfang.account.SessionTokens;
import com.tanfang.scheme.Scheme;
import com.tanfang.schemelibrary.Schemes;
import com.tanfang.site.Sites;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Evaluation projects: who evaluates which site against which published scheme version. */
@Singleton
public class Projects {
    private final ProjectRepository projects;
    private final Sites sites;
    private final Schemes schemes;
    private final AppUserRepository users;

    public Projects(ProjectRepository projects, Sites sites, Schemes schemes, AppUserRepository users) {
        this.projects = projects;
        this.sites = sites;
        this.schemes = schemes;
        this.users = users;
    }

    public List<EvaluationProject> visible(Authentication caller) {
        if (SessionTokens.confinedToOwnOrganization(caller)) {
            return SessionTokens.organizationId(caller).map(projects::listByOrganization).orElse(List.of());
        }
        return projects.listAll();
    }

    public EvaluationProject get(long id, Authentication caller) {
        EvaluationProject p = projects.findById(id).orElseThrow(() -> NotFoundException.of("not_found.project", id));
        if (SessionTokens.confinedToOwnOrganization(caller)
                && SessionTokens.organizationId(caller).map(own -> own != p.organizationId()).orElse(true)) {
            throw NotFoundException.of("not_found.project", id);
        }
        return p;
    }

    public ProjectDtos.ProjectView view(EvaluationProject p) {
        Scheme scheme = schemes.published(p.schemeVersionId(), "schemeVersionId");
        return new ProjectDtos.ProjectView(p, projects.members(p.id()), scheme.code(), scheme.titleZh(), scheme.titleEn());
    }

    /** The scheme version the project pins, as a scheme. */
    public Scheme scheme(EvaluationProject p) {
        return schemes.published(p.schemeVersionId(), "schemeVersionId");
    }

    @Transactional
    public EvaluationProject create(ProjectDtos.ProjectInput in, Authentication caller) {
        sites.site(in.organizationId(), in.siteId(), caller);
        schemes.published(in.schemeVersionId(), "schemeVersionId");
        long callerId = SessionTokens.userId(caller);
        long lead = in.leadUserId() != null ? in.leadUserId() : callerId;
        requireRole(lead, Role.LEAD, "leadUserId");
        Set<Long> members = new LinkedHashSet<>();
        members.add(lead);
        List<Long> auditors = in.auditorIds() == null ? List.of() : in.auditorIds();
        for (int i = 0; i < auditors.size(); i++) {
            requireRole(auditors.get(i), Role.AUDITOR, "auditorIds[" + i + "]");
            members.add(auditors.get(i));
        }
        EvaluationProject saved = projects.save(new EvaluationProject(null, in.organizationId(), in.siteId(),
                in.schemeVersionId(), in.evaluationType(), in.title().trim(), lead,
                in.retentionDays() == null ? 180 : in.retentionDays(), null));
        members.forEach(m -> projects.addMember(saved.id(), m));
        return saved;
    }

    private void requireRole(long userId, Role role, String field) {
        AppUser u = users.findById(userId).filter(AppUser::enabled)
                .orElseThrow(() -> InvalidException.field(field, "project.no_active_user", userId));
        if (!u.has(role) && !(role == Role.AUDITOR && u.has(Role.LEAD))) {
            throw InvalidException.field(field, "project.user_lacks_role", u.username(), role);
        }
    }
}
