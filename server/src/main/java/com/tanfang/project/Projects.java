package com.tanfang.project;

import com.tanfang.message.ConflictException;
import com.tanfang.message.ForbiddenException;

import com.tanfang.evidence.EvidenceLog;
import com.tanfang.evidence.Subject;
import com.tanfang.evidence.SubjectType;

import com.tanfang.access.Access;
import com.tanfang.access.Caller;
import com.tanfang.access.Role;
import com.tanfang.account.AppUser;
import com.tanfang.account.AppUserRepository;
import com.tanfang.message.InvalidException;
import com.tanfang.message.NotFoundException;
import com.tanfang.scheme.Scheme;
import com.tanfang.schemelibrary.Schemes;
import com.tanfang.site.Site;
import com.tanfang.site.Sites;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Evaluation projects: who evaluates which site against which published scheme version, and the team. */
@Singleton
public class Projects {
    /** Roles a team member may hold: the people who do a project's work (not CLIENT, not only ADMIN). */
    static final Set<Role> TEAM_ROLES = EnumSet.of(Role.LEAD, Role.AUDITOR, Role.SHOPPER, Role.VERIFIER);

    private final ProjectRepository projects;
    private final Sites sites;
    private final Schemes schemes;
    private final AppUserRepository users;
    private final Access access;
    private final EvidenceLog evidence;
    private final Clock clock;

    public Projects(ProjectRepository projects, Sites sites, Schemes schemes, AppUserRepository users, Access access,
                    EvidenceLog evidence, Clock clock) {
        this.clock = clock;
        this.evidence = evidence;
        this.projects = projects;
        this.sites = sites;
        this.schemes = schemes;
        this.users = users;
        this.access = access;
    }

    public List<EvaluationProject> visible(Caller caller) {
        Access.ProjectScope scope = access.projects(caller);
        if (scope instanceof Access.ProjectScope.OfOrganization own) {
            return own.organizationId() == null ? List.of() : projects.listByOrganization(own.organizationId());
        }
        if (scope instanceof Access.ProjectScope.OnTeam team) {
            return projects.listOnTeam(team.userId());
        }
        return projects.listAll();
    }

    /** The project if the caller may see it (see {@link Access}); 404 otherwise. */
    public EvaluationProject get(long id, Caller caller) {
        access.project(caller, id);
        return projects.findById(id).orElseThrow(() -> NotFoundException.of("not_found.project", id));
    }

    /** The project as the caller sees it: a CLIENT is not told who is on the team (its shoppers visit covertly). */
    public ProjectDtos.ProjectView view(EvaluationProject p, Caller caller) {
        Scheme scheme = schemes.published(p.schemeVersionId(), "schemeVersionId");
        List<Long> members = caller.confinedToOwnOrganization() ? List.of() : projects.members(p.id());
        return new ProjectDtos.ProjectView(p, members, scheme.code(), scheme.titleZh(), scheme.titleEn());
    }

    /** The project's page data (see {@link ProjectDtos.ProjectOverview}); 404 as {@link #get} for others. */
    public ProjectDtos.ProjectOverview overview(long projectId, Caller caller) {
        EvaluationProject p = get(projectId, caller);
        Scheme scheme = scheme(p);
        Site site = sites.site(p.organizationId(), p.siteId(), caller);
        return new ProjectDtos.ProjectOverview(p.id(), p.title(), p.titleEn(), p.evaluationType(),
                List.of(new ProjectDtos.SiteSummary(site.id(), site.name(), site.nameEn(), site.address())),
                scheme.code(), scheme.titleZh(), scheme.titleEn(),
                ProjectDtos.Status.valueOf(projects.status(p.id(), clock.instant())));
    }

    /** The scheme version the project pins, as a scheme. */
    public Scheme scheme(EvaluationProject p) {
        return schemes.published(p.schemeVersionId(), "schemeVersionId");
    }

    /**
     * Creates a project. A LEAD who is not an ADMIN always leads the projects it creates (otherwise it could
     * create a project it may not see); an ADMIN names the lead.
     */
    @Transactional
    public EvaluationProject create(ProjectDtos.ProjectInput in, Caller caller) {
        sites.site(in.organizationId(), in.siteId(), caller);
        schemes.published(in.schemeVersionId(), "schemeVersionId");
        long lead = in.leadUserId() != null ? in.leadUserId() : caller.userId();
        if (!caller.isAdmin() && lead != caller.userId()) {
            throw InvalidException.field("leadUserId", "team.lead_leads_own_projects");
        }
        requireRole(lead, Role.LEAD, "leadUserId");
        Set<Long> members = new LinkedHashSet<>();
        members.add(lead);
        List<Long> auditors = in.auditorIds() == null ? List.of() : in.auditorIds();
        for (int i = 0; i < auditors.size(); i++) {
            requireRole(auditors.get(i), Role.AUDITOR, "auditorIds[" + i + "]");
            members.add(auditors.get(i));
        }
        String titleEn = in.titleEn() == null || in.titleEn().isBlank() ? null : in.titleEn().trim();
        EvaluationProject saved = projects.save(new EvaluationProject(null, in.organizationId(), in.siteId(),
                in.schemeVersionId(), in.evaluationType(), in.title().trim(), titleEn, lead,
                in.retentionDays() == null ? 180 : in.retentionDays(), null));
        members.forEach(m -> projects.addMember(saved.id(), m));
        return saved;
    }

    // ---- the team ----

    /** The project's team, lead first. */
    public List<ProjectDtos.TeamMember> team(long projectId, Caller caller) {
        return team(get(projectId, caller));
    }

    /** Adds a staff member (LEAD, AUDITOR, SHOPPER or VERIFIER) to the team; adding a member again changes nothing. */
    @Transactional
    public List<ProjectDtos.TeamMember> addMember(long projectId, ProjectDtos.MemberInput in, Caller caller) {
        EvaluationProject p = manageable(projectId, caller);
        AppUser u = users.findById(in.userId()).filter(AppUser::enabled)
                .orElseThrow(() -> InvalidException.field("userId", "project.no_active_user", in.userId()));
        if (u.roleSet().stream().noneMatch(TEAM_ROLES::contains)) {
            throw InvalidException.field("userId", "team.no_team_role", u.username());
        }
        if (!projects.members(projectId).contains(u.id())) {
            projects.addMember(projectId, u.id());
            evidence.record(new Subject(SubjectType.PROJECT, projectId), "project.member.added", caller.userId(),
                    Map.of("userId", u.id()));
        }
        return team(p);
    }

    /** Removes a member; the project's lead stays (409). */
    @Transactional
    public List<ProjectDtos.TeamMember> removeMember(long projectId, long userId, Caller caller) {
        EvaluationProject p = manageable(projectId, caller);
        if (p.leadUserId() == userId) {
            throw ConflictException.field("userId", "team.lead_cannot_leave");
        }
        if (!projects.members(projectId).contains(userId)) {
            throw NotFoundException.of("not_found.team_member", userId);
        }
        projects.removeMember(projectId, userId);
        evidence.record(new Subject(SubjectType.PROJECT, projectId), "project.member.removed", caller.userId(),
                Map.of("userId", userId));
        return team(p);
    }

    /** The project if the caller may change its team: an ADMIN, or the project's own lead (others on it: 403). */
    private EvaluationProject manageable(long projectId, Caller caller) {
        EvaluationProject p = get(projectId, caller);
        if (!caller.isAdmin() && p.leadUserId() != caller.userId()) {
            throw ForbiddenException.of("team.manage_lead_or_admin");
        }
        return p;
    }

    private List<ProjectDtos.TeamMember> team(EvaluationProject p) {
        Set<Long> ids = new LinkedHashSet<>();
        ids.add(p.leadUserId());
        ids.addAll(projects.members(p.id()));
        return ids.stream().flatMap(id -> users.findById(id).stream()).map(u -> new ProjectDtos.TeamMember(u.id(),
                u.username(), u.displayName(), u.roleSet(), u.id() == p.leadUserId())).toList();
    }

    private void requireRole(long userId, Role role, String field) {
        AppUser u = users.findById(userId).filter(AppUser::enabled)
                .orElseThrow(() -> InvalidException.field(field, "project.no_active_user", userId));
        if (!u.has(role) && !(role == Role.AUDITOR && u.has(Role.LEAD))) {
            throw InvalidException.field(field, "project.user_lacks_role", u.username(), role);
        }
    }
}
