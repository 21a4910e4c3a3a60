package com.tanfang.visit.planning;

import com.tanfang.access.Access;
import com.tanfang.access.Caller;
import com.tanfang.access.Role;
import com.tanfang.account.AppUser;
import com.tanfang.account.AppUserRepository;
import com.tanfang.evidence.EvidenceLog;
import com.tanfang.evidence.Subject;
import com.tanfang.evidence.SubjectType;
import com.tanfang.message.ConflictException;
import com.tanfang.message.FieldProblem;
import com.tanfang.message.ForbiddenException;
import com.tanfang.message.InvalidException;
import com.tanfang.message.NotFoundException;
import com.tanfang.project.EvaluationProject;
import com.tanfang.project.Projects;
import com.tanfang.scheme.Scheme;
import com.tanfang.site.Location;
import com.tanfang.site.Sites;
import com.tanfang.visit.Checklist;
import com.tanfang.visit.EvidenceRequirement;
import com.tanfang.visit.ItemChoice;
import com.tanfang.visit.PlanningRules;
import com.tanfang.visit.VisitAction;
import com.tanfang.visit.VisitMode;
import com.tanfang.visit.VisitState;
import com.tanfang.visit.VisitStateMachine;
import com.tanfang.visit.store.VisitRecords;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Plans visits for a project and puts raters on them (assignment by the lead, or a claim from the SHOPPER pool),
 * checking the project's {@link PlanningRules}. Every change is written to the evidence log in its transaction.
 */
@Singleton
public class VisitPlanning {
    /** Days of visits are Beijing days: the rules "N days" and "K per day" count them so. */
    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final Projects projects;
    private final Sites sites;
    private final Access access;
    private final AppUserRepository users;
    private final VisitRecords.SettingsRepository settings;
    private final VisitRecords.ItemChoices choices;
    private final VisitRecords.CommentTemplates templates;
    private final VisitRecords.Plans plans;
    private final VisitRecords.Visits visits;
    private final VisitRecords.Summaries summaries;
    private final EvidenceLog evidence;
    private final Clock clock;

    public VisitPlanning(Projects projects, Sites sites, Access access, AppUserRepository users,
                         VisitRecords.SettingsRepository settings, VisitRecords.ItemChoices choices,
                         VisitRecords.CommentTemplates templates, VisitRecords.Plans plans,
                         VisitRecords.Visits visits, VisitRecords.Summaries summaries, EvidenceLog evidence,
                         Clock clock) {
        this.projects = projects;
        this.sites = sites;
        this.access = access;
        this.users = users;
        this.settings = settings;
        this.choices = choices;
        this.templates = templates;
        this.plans = plans;
        this.visits = visits;
        this.summaries = summaries;
        this.evidence = evidence;
        this.clock = clock;
    }

    // ---- rules and checklist ----

    public PlanningDtos.SettingsView settings(long projectId, Caller caller) {
        EvaluationProject p = staffProject(projectId, caller);
        return PlanningDtos.SettingsView.of(settingsOf(p.id()));
    }

    public VisitRecords.Settings settingsOf(long projectId) {
        return settings.findById(projectId).orElse(VisitRecords.Settings.defaults(projectId));
    }

    @Transactional
    public PlanningDtos.SettingsView updateSettings(long projectId, PlanningDtos.SettingsInput in, Caller caller) {
        EvaluationProject p = planner(projectId, caller);
        // PUT replaces the rules: an absent number takes its default, an absent date means none announced.
        VisitRecords.Settings d = VisitRecords.Settings.defaults(p.id());
        VisitRecords.Settings s = new VisitRecords.Settings(p.id(), in.onSiteAuditDate(),
                in.sameSiteMinDays() == null ? d.sameSiteMinDays() : in.sameSiteMinDays(),
                in.maxVisitsPerDay() == null ? d.maxVisitsPerDay() : in.maxVisitsPerDay(),
                in.claimHoldHours() == null ? d.claimHoldHours() : in.claimHoldHours(),
                in.farMeters() == null ? d.farMeters() : in.farMeters(), clock.instant());
        if (settings.existsById(p.id())) {
            settings.update(s);
        } else {
            settings.save(s);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("onSiteAuditDate", s.onSiteAuditDate() == null ? null : s.onSiteAuditDate().toString());
        detail.put("sameSiteMinDays", s.sameSiteMinDays());
        detail.put("maxVisitsPerDay", s.maxVisitsPerDay());
        detail.put("claimHoldHours", s.claimHoldHours());
        detail.put("farMeters", s.farMeters());
        evidence.record(new Subject(SubjectType.PROJECT, p.id()), "visit.settings_changed", caller.userId(), detail);
        return PlanningDtos.SettingsView.of(s);
    }

    /** The project's choices by item code. */
    public Map<String, ItemChoice> choicesOf(long projectId) {
        Map<String, ItemChoice> out = new HashMap<>();
        for (VisitRecords.ItemChoiceRow r : choices.ofProject(projectId)) {
            out.put(r.itemCode(), new ItemChoice(r.itemCode(), r.mode(), r.guidanceZh(), r.guidanceEn(), r.evidence()));
        }
        return out;
    }

    public PlanningDtos.ChecklistView checklist(long projectId, Caller caller) {
        EvaluationProject p = staffProject(projectId, caller);
        Scheme scheme = projects.scheme(p);
        return new PlanningDtos.ChecklistView(p.id(), scheme.code(),
                Checklist.all(scheme, choicesOf(p.id())).touchpoints());
    }

    /**
     * Sets the choices of some items. Every visit of the project not yet submitted gets a new version: a phone
     * holding the old script is told (409) instead of answering items that changed under it.
     */
    @Transactional
    public PlanningDtos.ChecklistView chooseItems(long projectId, PlanningDtos.ItemChoicesInput in, Caller caller) {
        EvaluationProject p = planner(projectId, caller);
        Scheme scheme = projects.scheme(p);
        List<FieldProblem> problems = new ArrayList<>();
        List<ItemChoice> list = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < in.items().size(); i++) {
            PlanningDtos.ItemChoiceInput c = in.items().get(i);
            ItemChoice choice = new ItemChoice(c.itemCode().trim(), c.mode(), trim(c.guidanceZh()),
                    trim(c.guidanceEn()), c.evidence() == null ? EvidenceRequirement.NONE : c.evidence());
            if (!seen.add(choice.itemCode())) {
                problems.add(FieldProblem.of("items[" + i + "].itemCode", "visit.item_twice", choice.itemCode()));
                continue;
            }
            try {
                Checklist.checkChoice(scheme, choice, "items[" + i + "]");
                list.add(choice);
            } catch (InvalidException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidException(problems);
        }
        for (ItemChoice c : list) {
            choices.upsert(p.id(), c.itemCode(), c.mode().name(), c.guidanceZh(), c.guidanceEn(), c.evidence().name());
        }
        visits.bumpOpenOfProject(p.id());
        evidence.record(new Subject(SubjectType.PROJECT, p.id()), "visit.items_chosen", caller.userId(),
                Map.of("items", list.stream().map(c -> Map.of("itemCode", c.itemCode(), "mode", c.mode().name(),
                        "evidence", c.evidence().name(), "guidanceZh", c.guidanceZh(), "guidanceEn", c.guidanceEn()))
                        .toList()));
        return new PlanningDtos.ChecklistView(p.id(), scheme.code(),
                Checklist.all(scheme, choicesOf(p.id())).touchpoints());
    }

    // ---- plans ----

    @Transactional
    public PlanningDtos.PlanView plan(long projectId, PlanningDtos.PlanInput in, Caller caller) {
        EvaluationProject p = planner(projectId, caller);
        List<FieldProblem> problems = new ArrayList<>();
        if (!in.windowTo().isAfter(in.windowFrom())) {
            problems.add(FieldProblem.of("windowTo", "visit.window_order"));
        }
        int raters = in.raters() == null ? 1 : in.raters();
        List<Long> raterIds = in.raterIds() == null ? List.of() : in.raterIds();
        if (raterIds.size() > raters) {
            problems.add(FieldProblem.of("raterIds", "visit.too_many_raters", raters));
        }
        if (new HashSet<>(raterIds).size() != raterIds.size()) {
            problems.add(FieldProblem.of("raterIds", "visit.rater_twice"));
        }
        if (in.locationId() != null) {
            List<Location> locations = sites.locations(p.organizationId(), p.siteId(), caller);
            if (locations.stream().noneMatch(l -> Objects.equals(l.id(), in.locationId()))) {
                problems.add(FieldProblem.of("locationId", "visit.location_not_on_site", in.locationId()));
            }
        }
        if (in.mode().audit() && Boolean.TRUE.equals(in.offerToPool())) {
            problems.add(FieldProblem.of("offerToPool", "visit.audit_not_offered"));
        }
        for (int i = 0; i < raterIds.size(); i++) {
            raterProblem(p, in.mode(), raterIds.get(i), "raterIds[" + i + "]").ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidException(problems);
        }
        VisitRecords.Settings s = settingsOf(p.id());
        PlanningRules rules = rules(s);
        List<PlanningDtos.RuleFinding> warnings = rules.checkPlan(in.mode(), day(in.windowFrom()), day(in.windowTo()))
                .stream().map(VisitPlanning::finding).toList();
        boolean offer = Boolean.TRUE.equals(in.offerToPool());
        VisitRecords.Plan plan = plans.save(new VisitRecords.Plan(null, p.id(), p.siteId(), in.locationId(), in.mode(),
                in.windowFrom(), in.windowTo(), trimOrNull(in.timeOfDay()), raters,
                in.reportDueHours() == null ? 48 : in.reportDueHours(), trim(in.scenario()), caller.userId(), null));
        for (int slot = 1; slot <= raters; slot++) {
            VisitRecords.Visit v = visits.save(VisitRecords.Visit.planned(plan.id(), p.id(), slot,
                    offer && slot > raterIds.size()));
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("planId", plan.id());
            detail.put("slot", slot);
            detail.put("mode", in.mode().name());
            detail.put("windowFrom", in.windowFrom());
            detail.put("windowTo", in.windowTo());
            detail.put("siteId", p.siteId());
            detail.put("locationId", in.locationId());
            detail.put("offered", v.offered());
            detail.put("warnings", warnings.stream().map(PlanningDtos.RuleFinding::rule).toList());
            evidence.record(Subject.visit(v.id()), "visit.planned", caller.userId(), detail);
            if (slot <= raterIds.size()) {
                assignChecked(v.id(), raterIds.get(slot - 1), "raterIds[" + (slot - 1) + "]", caller);
            }
        }
        return new PlanningDtos.PlanView(plan.id(), summaries.ofProject(p.id()).stream()
                .filter(x -> x.planId() == plan.id()).toList(), warnings);
    }

    /** Every visit of the project (staff of its team: ADMIN, LEAD, AUDITOR). */
    public List<VisitRecords.Summary> ofProject(long projectId, Caller caller) {
        EvaluationProject p = staffProject(projectId, caller);
        return summaries.ofProject(p.id());
    }

    @Transactional
    public VisitRecords.Summary assign(long visitId, long raterId, Caller caller) {
        expireClaims(); // an expired claim is PLANNED again, so the lead may assign it
        access.visit(caller, visitId);
        VisitRecords.Visit v = visits.lock(visitId).orElseThrow(() -> NotFoundException.of("not_found.visit", visitId));
        EvaluationProject p = planner(v.projectId(), caller);
        VisitMode mode = plans.findById(v.planId()).orElseThrow().mode();
        raterProblem(p, mode, raterId, "raterId").ifPresent(fp -> {
            throw new InvalidException(List.of(fp));
        });
        assignChecked(visitId, raterId, "raterId", caller);
        return summaries.one(visitId).orElseThrow();
    }

    /** Takes the rater off a visit not yet started (assigned or claimed): it goes back to PLANNED. */
    @Transactional
    public VisitRecords.Summary unassign(long visitId, Caller caller) {
        access.visit(caller, visitId);
        VisitRecords.Visit v = visits.lock(visitId).orElseThrow(() -> NotFoundException.of("not_found.visit", visitId));
        planner(v.projectId(), caller);
        VisitState next = VisitStateMachine.next(v.state(), VisitAction.UNASSIGN);
        visits.setRater(visitId, next.name(), null, null);
        evidence.record(Subject.visit(visitId), VisitAction.UNASSIGN.evidenceAction(), caller.userId(),
                Map.of("raterUserId", v.raterUserId()));
        return summaries.one(visitId).orElseThrow();
    }

    @Transactional
    public VisitRecords.Summary offer(long visitId, boolean offered, Caller caller) {
        access.visit(caller, visitId);
        VisitRecords.Visit v = visits.lock(visitId).orElseThrow(() -> NotFoundException.of("not_found.visit", visitId));
        planner(v.projectId(), caller);
        if (v.state() != VisitState.PLANNED) {
            throw ConflictException.of("visit.offer_only_planned", v.state().name());
        }
        if (offered && plans.findById(v.planId()).orElseThrow().mode().audit()) {
            throw ConflictException.field("offered", "visit.audit_not_offered");
        }
        visits.setOffered(visitId, offered);
        evidence.record(Subject.visit(visitId), offered ? "visit.offered" : "visit.offer_withdrawn", caller.userId(),
                Map.of());
        return summaries.one(visitId).orElseThrow();
    }

    /** The offers the caller (a SHOPPER) may claim: planned, offered, of projects whose team it is on. */
    @Transactional(readOnly = true)
    public List<VisitRecords.Summary> offers(Caller caller) {
        // a read: an expired claim is listed as the offer it is again, and ClaimExpiry (or a claim) records it
        return summaries.offers(caller.userId(), clock.instant()).stream()
                .map(s -> s.state() == VisitState.CLAIMED ? s.withClaimExpired() : s).toList();
    }

    /** First claim wins: the visit row is locked, a second claimant finds it CLAIMED (409). */
    @Transactional
    public VisitRecords.Summary claim(long visitId, Caller caller) {
        expireClaims();
        access.visit(caller, visitId);
        VisitRecords.Visit v = visits.lock(visitId).orElseThrow(() -> NotFoundException.of("not_found.visit", visitId));
        if (v.state() != VisitState.PLANNED || !v.offered()) {
            throw ConflictException.of("visit.not_claimable", v.state().name());
        }
        if (visits.ofPlan(v.planId()).stream().anyMatch(o -> Objects.equals(o.raterUserId(), caller.userId()))) {
            throw ConflictException.of("visit.rater_already_on_plan");
        }
        VisitRecords.Plan plan = plans.findById(v.planId()).orElseThrow();
        if (!plan.windowTo().isAfter(clock.instant())) {
            throw ConflictException.of("visit.window_over", plan.windowTo());
        }
        refuseByRules(v, plan, caller.userId(), caller.username(), "visitId");
        VisitState next = VisitStateMachine.next(v.state(), VisitAction.CLAIM);
        VisitRecords.Settings s = settingsOf(v.projectId());
        Instant expires = clock.instant().plus(Duration.ofHours(s.claimHoldHours()));
        visits.setRater(visitId, next.name(), caller.userId(), expires);
        evidence.record(Subject.visit(visitId), VisitAction.CLAIM.evidenceAction(), caller.userId(),
                Map.of("claimExpiresAt", expires));
        return summaries.one(visitId).orElseThrow();
    }

    /**
     * Claims not confirmed by a check-in before they expire go back to the pool, with evidence: run by
     * {@link ClaimExpiry} every few minutes and by the write paths that depend on it (claim, assign).
     */
    @Transactional
    public int expireClaims() {
        List<VisitRecords.Visit> expired = visits.expiredClaims(clock.instant());
        for (VisitRecords.Visit v : expired) {
            visits.setRater(v.id(), VisitStateMachine.next(v.state(), VisitAction.EXPIRE_CLAIM).name(), null, null);
            evidence.record(Subject.visit(v.id()), VisitAction.EXPIRE_CLAIM.evidenceAction(), null,
                    Map.of("raterUserId", v.raterUserId(), "claimExpiresAt", v.claimExpiresAt()));
        }
        return expired.size();
    }

    // ---- comment library ----

    public List<PlanningDtos.CommentTemplateView> commentTemplates(long projectId, Caller caller) {
        EvaluationProject p = staffProject(projectId, caller);
        return templates.ofProject(p.id()).stream()
                .map(t -> new PlanningDtos.CommentTemplateView(t.id(), t.text(), t.createdAt())).toList();
    }

    @Transactional
    public PlanningDtos.CommentTemplateView addCommentTemplate(long projectId, PlanningDtos.CommentTemplateInput in,
                                                               Caller caller) {
        EvaluationProject p = planner(projectId, caller);
        VisitRecords.CommentTemplate t = templates.save(new VisitRecords.CommentTemplate(null, p.id(),
                in.text().trim(), caller.userId(), null));
        evidence.record(new Subject(SubjectType.PROJECT, p.id()), "visit.comment_template_added", caller.userId(),
                Map.of("templateId", t.id(), "text", t.text()));
        return new PlanningDtos.CommentTemplateView(t.id(), t.text(), t.createdAt());
    }

    // ---- helpers ----

    private void assignChecked(long visitId, long raterId, String field, Caller caller) {
        VisitRecords.Visit v = visits.lock(visitId).orElseThrow();
        if (visits.ofPlan(v.planId()).stream().anyMatch(o -> o.id() != visitId
                && Objects.equals(o.raterUserId(), raterId))) {
            throw ConflictException.field(field, "visit.rater_already_on_plan");
        }
        VisitState next = VisitStateMachine.next(v.state(), VisitAction.ASSIGN);
        VisitRecords.Plan plan = plans.findById(v.planId()).orElseThrow();
        AppUser rater = users.findById(raterId).orElseThrow();
        refuseByRules(v, plan, raterId, rater.username(), field);
        visits.setRater(visitId, next.name(), raterId, null);
        evidence.record(Subject.visit(visitId), VisitAction.ASSIGN.evidenceAction(), caller.userId(),
                Map.of("raterUserId", raterId));
    }

    private void refuseByRules(VisitRecords.Visit v, VisitRecords.Plan plan, long raterId, String raterName,
                               String field) {
        PlanningRules rules = rules(settingsOf(v.projectId()));
        if (plan.mode().audit()) {
            // an announced audit: the team may come back to the site on consecutive days (no same-site interval);
            // the per-day limit still holds
            rules = new PlanningRules(rules.onSiteAuditDate(), 0, rules.maxVisitsPerDay());
        }
        List<VisitRecords.RaterVisitRow> rows = visits.otherVisitsOfRater(raterId, v.id());
        List<PlanningRules.RaterVisit> others = rows.stream()
                .map(o -> new PlanningRules.RaterVisit(o.visitId(), o.siteId(), day(o.windowFrom()))).toList();
        List<PlanningRules.Finding> refusals = new ArrayList<>(rules.checkRater(raterName, plan.siteId(),
                day(plan.windowFrom()), others));
        if (plan.mode() == VisitMode.OPEN) {
            // An announced audit does not make an open inspection of the same site too soon (the audit team does
            // both on the on-site days); it still counts against a covert visit (the provider has met the auditor).
            List<PlanningRules.RaterVisit> withoutAudits = rows.stream().filter(o -> !o.mode().audit())
                    .map(o -> new PlanningRules.RaterVisit(o.visitId(), o.siteId(), day(o.windowFrom()))).toList();
            refusals.removeIf(f -> f.rule() == PlanningRules.Rule.SAME_SITE_INTERVAL);
            rules.checkRater(raterName, plan.siteId(), day(plan.windowFrom()), withoutAudits).stream()
                    .filter(f -> f.rule() == PlanningRules.Rule.SAME_SITE_INTERVAL).forEach(refusals::add);
        }
        if (!refusals.isEmpty()) {
            throw new ConflictException(refusals.get(0).message(),
                    refusals.stream().map(f -> new FieldProblem(field, f.message())).toList());
        }
    }

    private java.util.Optional<FieldProblem> raterProblem(EvaluationProject p, VisitMode mode, long raterId,
                                                          String field) {
        AppUser u = users.findById(raterId).filter(AppUser::enabled).orElse(null);
        if (u == null) {
            return java.util.Optional.of(FieldProblem.of(field, "project.no_active_user", raterId));
        }
        if (mode.audit() && !u.has(Role.AUDITOR) && !u.has(Role.LEAD)) {
            // audits are rated by the audit team, never by the mystery-shopper pool
            return java.util.Optional.of(FieldProblem.of(field, "visit.audit_rater_role", u.username()));
        }
        if (!u.has(Role.SHOPPER) && !u.has(Role.AUDITOR) && !u.has(Role.LEAD)) {
            return java.util.Optional.of(FieldProblem.of(field, "visit.rater_role", u.username()));
        }
        if (!access.onTeam(p.id(), raterId)) {
            return java.util.Optional.of(FieldProblem.of(field, "visit.rater_not_on_team", u.username()));
        }
        return java.util.Optional.empty();
    }

    static PlanningRules rules(VisitRecords.Settings s) {
        return new PlanningRules(s.onSiteAuditDate(), s.sameSiteMinDays(), s.maxVisitsPerDay());
    }

    static PlanningDtos.RuleFinding finding(PlanningRules.Finding f) {
        return new PlanningDtos.RuleFinding(f.rule().name(), f.severity().name(), f.message());
    }

    static LocalDate day(Instant t) {
        return t.atZone(BEIJING).toLocalDate();
    }

    /** The project, for its planner: the project's lead or an ADMIN (others on the team: 403). */
    private EvaluationProject planner(long projectId, Caller caller) {
        EvaluationProject p = staffProject(projectId, caller);
        if (!caller.isAdmin() && p.leadUserId() != caller.userId()) {
            throw ForbiddenException.of("visit.plan_lead_or_admin");
        }
        return p;
    }

    /** The project for staff reads: never a CLIENT (404 as if it did not exist), never a shopper (403 by role). */
    private EvaluationProject staffProject(long projectId, Caller caller) {
        if (caller.confinedToOwnOrganization()) {
            throw NotFoundException.of("not_found.project", projectId);
        }
        return projects.get(projectId, caller);
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    private static String trimOrNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

}
