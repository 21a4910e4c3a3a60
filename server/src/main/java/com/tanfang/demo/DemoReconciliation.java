package com.tanfang.demo;

import com.tanfang.access.Caller;
import com.tanfang.account.AppUser;
import com.tanfang.account.AppUserRepository;
import com.tanfang.evaluation.reconciliation.ReconciliationDtos;
import com.tanfang.evaluation.reconciliation.Reconciliations;
import com.tanfang.project.EvaluationProject;
import com.tanfang.project.ProjectRepository;
import com.tanfang.scheme.AnswerType;
import com.tanfang.site.Location;
import com.tanfang.site.LocationRepository;
import com.tanfang.visit.Position;
import com.tanfang.visit.VisitMode;
import com.tanfang.visit.capture.CaptureDtos;
import com.tanfang.visit.capture.VisitCapture;
import com.tanfang.visit.planning.PlanningDtos;
import com.tanfang.visit.planning.VisitPlanning;
import com.tanfang.visit.review.VisitReview;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * The demo's two raters reconciled (issue 12; server/docs/evaluation.md "Demo"). On the estate's 2025 surveillance
 * project (DemoSurvey's last year): a two-rater covert visit to the service centre and a two-rater open inspection
 * by {@code auditor} and {@code auditor2}, both copies approved, covering every COVERT and OPEN item of the
 * scheme; the raters agree within tolerance everywhere except P2 (5 against 2), which the lead reconciled to 4
 * with a reason. The 2026 project keeps DemoVisits' approved inspection, whose random ratings differ beyond
 * tolerance on some items: those are left to reconcile. Everything through the services, as the demo users.
 */
@Singleton
public class DemoReconciliation {
    static final String LAST_YEAR_TITLE = "锦绣花园物业服务认证 2025 年度监督评价";
    /** The item the 2025 raters disagreed on (covert: the front desk) and the lead's confirmed rating. */
    static final String RECONCILED_ITEM = "P2";
    static final BigDecimal CONFIRMED = BigDecimal.valueOf(4);
    static final String REASON = "两人核对录音：前台问候并登记了单号，但未告知上门时间，确认 4 分。/ Both raters checked the"
            + " recording: the desk greeted and logged a ticket but gave no visit time; confirmed 4.";
    private static final double LAT = 30.2741;
    private static final double LON = 120.1551;

    private final VisitPlanning planning;
    private final VisitCapture capture;
    private final VisitReview review;
    private final Reconciliations reconciliations;
    private final ProjectRepository projects;
    private final LocationRepository locations;
    private final AppUserRepository users;
    private final Clock clock;

    public DemoReconciliation(VisitPlanning planning, VisitCapture capture, VisitReview review,
                              Reconciliations reconciliations, ProjectRepository projects, LocationRepository locations,
                              AppUserRepository users, Clock clock) {
        this.planning = planning;
        this.capture = capture;
        this.review = review;
        this.reconciliations = reconciliations;
        this.projects = projects;
        this.locations = locations;
        this.users = users;
        this.clock = clock;
    }

    /** Called by {@link DemoData#load} after DemoVisits, with the estate's current (2026) project. */
    @Transactional
    public void load(EvaluationProject current) {
        EvaluationProject lastYear = projects.listByOrganization(current.organizationId()).stream()
                .filter(p -> LAST_YEAR_TITLE.equals(p.title())).findFirst().orElseThrow();
        AppUser lead = users.findByUsernameIgnoreCase("lead").orElseThrow();
        AppUser auditor = users.findByUsernameIgnoreCase("auditor").orElseThrow();
        AppUser auditor2 = users.findByUsernameIgnoreCase(DemoVisits.SECOND_AUDITOR).orElseThrow();
        projects.addMember(lastYear.id(), auditor2.id());
        Caller lc = caller(lead);
        LocalDate today = LocalDate.ofInstant(clock.instant(), VisitPlanning.BEIJING);
        // Last year's visits: a covert one 380 days ago, the open inspection 372 days ago (same site, 8 days apart)
        planning.updateSettings(lastYear.id(), new PlanningDtos.SettingsInput(today.minusDays(365), 7, 3, 24, 1000), lc);
        Location serviceCentre = locations.listBySite(lastYear.siteId()).stream()
                .filter(l -> l.kind() == Location.LocationKind.COUNTER).findFirst().orElseThrow();
        LocalDate covertDay = today.minusDays(380);
        PlanningDtos.PlanView covert = planning.plan(lastYear.id(), new PlanningDtos.PlanInput(serviceCentre.id(),
                VisitMode.COVERT, at(covertDay, 9, 0), at(covertDay, 17, 30), "工作日上午 / weekday morning", 2, 48,
                "两人以新业主身份一同到服务中心报修卫生间漏水，分别评分。/ Together, as new residents, report a leaking"
                        + " bathroom at the service centre; score separately.",
                List.of(auditor.id(), auditor2.id()), false), lc);
        LocalDate openDay = today.minusDays(372);
        PlanningDtos.PlanView open = planning.plan(lastYear.id(), new PlanningDtos.PlanInput(null, VisitMode.OPEN,
                at(openDay, 8, 0), at(openDay, 20, 0), null, 2, 48, "公开测评：全部楼道与公共区域。/ Open inspection:"
                        + " every stairwell and the common areas.", List.of(auditor.id(), auditor2.id()), false), lc);
        for (PlanningDtos.PlanView plan : List.of(covert, open)) {
            Instant at = plan == covert ? at(covertDay, 10, 0) : at(openDay, 9, 0);
            rate(visitId(plan, 1), auditor, at, false);
            rate(visitId(plan, 2), auditor2, at.plusSeconds(120), true);
            review.approve(visitId(plan, 1), lc);
            review.approve(visitId(plan, 2), lc);
        }
        reconciliations.confirm(lastYear.id(), new ReconciliationDtos.ConfirmInput(RECONCILED_ITEM, covert.planId(),
                null, null, CONFIRMED, false, null, REASON), lc);
    }

    /**
     * Every item of the copy's script, the same for both raters within tolerance (the second rater one Likert step
     * lower on every other item), except P2: 5 by the first rater, 2 by the second.
     */
    private void rate(long visitId, AppUser rater, Instant tap, boolean second) {
        Caller c = caller(rater);
        Instant now = clock.instant();
        CaptureDtos.VisitDetail d = capture.checkIn(visitId, new CaptureDtos.PositionInput(tap, now, LAT, LON, 15.0,
                Position.CoordinateSystem.WGS84), c);
        int version = d.visit().version();
        int index = 0;
        for (var touchpoint : d.touchpoints()) {
            for (var item : touchpoint.items()) {
                index++;
                // a well-run estate keeping its grade: mostly 5, every third item 4; one "no" in seven
                int likert = index % 3 == 0 ? 4 : 5;
                int value = item.answerType() == AnswerType.YES_NO ? (index % 7 == 0 ? 0 : 1)
                        : item.code().equals(RECONCILED_ITEM) ? (second ? 2 : 5)
                        : second && index % 2 == 0 ? likert - 1 : likert;
                String note = value >= 5 || (item.answerType() == AnswerType.YES_NO && value == 1) ? null
                        : "见现场记录 / see the field notes";
                version = capture.answer(visitId, new CaptureDtos.AnswerInput(UUID.randomUUID(), version, item.code(),
                        BigDecimal.valueOf(value), false, null, note, 30 + index * 7, tap.plusSeconds(index * 40L), null), c)
                        .visitVersion();
            }
        }
        capture.checkOut(visitId, new CaptureDtos.PositionInput(tap.plusSeconds(3600), now, LAT, LON, 20.0,
                Position.CoordinateSystem.WGS84), c);
        capture.submit(visitId, new CaptureDtos.SubmitInput(capture.script(visitId, c).visit().version()), c);
    }

    private static long visitId(PlanningDtos.PlanView plan, int slot) {
        return plan.visits().stream().filter(v -> v.slot() == slot).findFirst().orElseThrow().visitId();
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(LocalTime.of(hour, minute)).atZone(VisitPlanning.BEIJING).toInstant();
    }

    private static Caller caller(AppUser user) {
        return new Caller(user.id(), user.username(), user.roleSet(), user.organizationId());
    }
}
