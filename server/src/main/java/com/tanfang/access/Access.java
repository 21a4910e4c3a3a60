package com.tanfang.access;

import com.tanfang.message.NotFoundException;

import jakarta.inject.Singleton;

import java.util.Objects;

/**
 * The one object-access rule; every loader of an organisation, project, campaign (and what hangs from a
 * campaign: points, responses, call-back items) calls it before it reads or writes.
 * <ul>
 *   <li>A CLIENT (without a staff role) sees only its own organisation and that organisation's projects.</li>
 *   <li>An ADMIN sees every project.</li>
 *   <li>Everyone else (LEAD, AUDITOR, SHOPPER, VERIFIER) sees only projects whose team they are on: the project's
 *   lead or a member. Covert visits need this: a shopper's project must stay unknown to other teams.</li>
 * </ul>
 * What the caller may not see is answered 404, exactly as if it did not exist, so an id leaks nothing about other
 * clients' or other teams' work. Organisations, sites and locations are the certification body's client register
 * and schemes its shared library: staff see them all (a CLIENT only its own organisation).
 */
@Singleton
public class Access {
    /**
     * SQL condition "user {@code :userId} is on the team of project {@code ep}" (ep aliases evaluation_project), for
     * every query that lists what a member may see; kept here so that the rule has one text.
     */
    public static final String ON_TEAM = "(ep.lead_user_id = :userId or exists (select 1 from project_member pm"
            + " where pm.project_id = ep.id and pm.user_id = :userId))";

    private final AccessRepository repository;

    public Access(AccessRepository repository) {
        this.repository = repository;
    }

    /** Which projects a caller's lists show. */
    public sealed interface ProjectScope {
        /** Every project (ADMIN). */
        record All() implements ProjectScope {
        }

        /** The projects of one organisation (a CLIENT); {@code organizationId} null when the account has none. */
        record OfOrganization(Long organizationId) implements ProjectScope {
        }

        /** The projects whose team the user is on. */
        record OnTeam(long userId) implements ProjectScope {
        }
    }

    public ProjectScope projects(Caller caller) {
        if (caller.isAdmin()) {
            return new ProjectScope.All();
        }
        if (caller.confinedToOwnOrganization()) {
            return new ProjectScope.OfOrganization(caller.organizationId());
        }
        return new ProjectScope.OnTeam(caller.userId());
    }

    /** The organisation, if the caller may see it; 404 otherwise (a CLIENT sees only its own). */
    public void organization(Caller caller, long organizationId) {
        if (caller.confinedToOwnOrganization() && !Objects.equals(caller.organizationId(), organizationId)) {
            // Same answer as for a missing one: a client learns nothing about other organisations.
            throw NotFoundException.of("not_found.organization", organizationId);
        }
    }

    /** The project if the caller may see it; 404 when it does not exist or the caller may not see it. */
    public AccessRepository.ProjectRef project(Caller caller, long projectId) {
        return repository.project(projectId).filter(p -> maySee(caller, p))
                .orElseThrow(() -> NotFoundException.of("not_found.project", projectId));
    }

    /** Checks the campaign's project and returns the project; 404 as for a missing campaign otherwise. */
    public AccessRepository.ProjectRef campaign(Caller caller, long campaignId) {
        return repository.projectOfCampaign(campaignId).flatMap(repository::project).filter(p -> maySee(caller, p))
                .orElseThrow(() -> NotFoundException.of("not_found.campaign", campaignId));
    }

    /** Checks the call-back item's campaign and project; 404 as for a missing item otherwise. */
    public AccessRepository.ProjectRef callBackItem(Caller caller, long itemId) {
        return repository.campaignOfCallBackItem(itemId).flatMap(repository::projectOfCampaign)
                .flatMap(repository::project).filter(p -> maySee(caller, p))
                .orElseThrow(() -> NotFoundException.of("not_found.callback_item", itemId));
    }

    /** Whether the user is the project's lead or a member of its team. */
    public boolean onTeam(long projectId, long userId) {
        return repository.onTeam(projectId, userId);
    }

    /**
     * The visit if the caller may see it; 404 otherwise. A CLIENT never sees a visit (not even of its own
     * projects: plans, dates, scripts and raters stay hidden from the provider). Staff who plan and review (ADMIN,
     * LEAD, AUDITOR) see every visit of a project they see; anyone else (a SHOPPER) only the visits it rates and the
     * offers of its projects' pool it may claim.
     */
    public AccessRepository.VisitRef visit(Caller caller, long visitId) {
        NotFoundException missing = NotFoundException.of("not_found.visit", visitId);
        if (caller.confinedToOwnOrganization()) {
            throw missing;
        }
        AccessRepository.VisitRef v = repository.visit(visitId).orElseThrow(() -> missing);
        if (repository.project(v.projectId()).filter(p -> maySee(caller, p)).isEmpty()) {
            throw missing;
        }
        if (caller.isAdmin() || caller.has(Role.LEAD) || caller.has(Role.AUDITOR)) {
            return v;
        }
        boolean rater = v.raterUserId() != null && v.raterUserId() == caller.userId();
        boolean offer = caller.has(Role.SHOPPER) && v.offered() && "PLANNED".equals(v.state());
        if (!rater && !offer) {
            throw missing;
        }
        return v;
    }

    private boolean maySee(Caller caller, AccessRepository.ProjectRef p) {
        if (caller.isAdmin()) {
            return true;
        }
        if (caller.confinedToOwnOrganization()) {
            return Objects.equals(caller.organizationId(), p.organizationId());
        }
        return p.leadUserId() == caller.userId() || repository.onTeam(p.id(), caller.userId());
    }
}
