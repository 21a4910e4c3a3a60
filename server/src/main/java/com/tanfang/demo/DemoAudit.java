package com.tanfang.demo;

import com.tanfang.access.Caller;
import com.tanfang.account.AppUser;
import com.tanfang.account.AppUserRepository;
import com.tanfang.evaluation.surveyreview.SurveyReviewDecision;
import com.tanfang.evaluation.surveyreview.SurveyReviewDtos;
import com.tanfang.evaluation.surveyreview.SurveyReviews;
import com.tanfang.project.EvaluationProject;
import com.tanfang.project.ProjectRepository;
import com.tanfang.visit.AuditWay;
import com.tanfang.visit.EvidenceRequirement;
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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * The demo management audit (issue 12, task AUDIT) on the estate's two projects. The property scheme audits four
 * records items (P12 fire-equipment records, P13 emergency drills, P15 fee accounts, P16 service files and
 * ledgers: open inspection or management audit); both projects choose the management audit for them.
 * <ul>
 *   <li>2025: an approved audit by {@code auditor} (every audited item rated, each with a note and how it was
 *   confirmed, one photo of the equipment ledger) and the lead's decision on the lowest survey item;</li>
 *   <li>2026: an audit today, checked in, two items answered: in progress for {@code auditor}.</li>
 * </ul>
 * Runs before {@link DemoVisits} (the item choices come first, so that the open inspections' scripts never held
 * the audited items) and through the same services as the team would, so the evidence log has every step.
 */
@Singleton
public class DemoAudit {
    static final List<String> AUDITED = List.of("P12", "P13", "P15", "P16");
    private static final double LAT = 30.2741;
    private static final double LON = 120.1551;

    private final VisitPlanning planning;
    private final VisitCapture capture;
    private final VisitReview review;
    private final SurveyReviews surveyReviews;
    private final ProjectRepository projects;
    private final AppUserRepository users;
    private final Clock clock;

    public DemoAudit(VisitPlanning planning, VisitCapture capture, VisitReview review, SurveyReviews surveyReviews,
                     ProjectRepository projects, AppUserRepository users, Clock clock) {
        this.planning = planning;
        this.capture = capture;
        this.review = review;
        this.surveyReviews = surveyReviews;
        this.projects = projects;
        this.users = users;
        this.clock = clock;
    }

    /** Called by {@link DemoData#load} after DemoSurvey (both estate projects exist) and before DemoVisits. */
    @Transactional
    public void load(long organizationId) {
        AppUser lead = users.findByUsernameIgnoreCase("lead").orElseThrow();
        AppUser auditor = users.findByUsernameIgnoreCase("auditor").orElseThrow();
        Caller lc = caller(lead);
        Caller ac = caller(auditor);
        List<EvaluationProject> estate = projects.listByOrganization(organizationId);
        EvaluationProject lastYear = estate.stream().filter(p -> p.title().contains("2025")).findFirst().orElseThrow();
        EvaluationProject current = estate.stream().filter(p -> p.title().contains("2026")).findFirst().orElseThrow();
        LocalDate today = LocalDate.ofInstant(clock.instant(), VisitPlanning.BEIJING);

        // --- 2025: the audit on the first on-site day, a week after the survey closed (DemoSurvey: 351 days ago)
        chooseAuditedItems(lastYear, lc);
        LocalDate day = today.minusDays(344);
        long done = audit(lastYear, lc, auditor, at(day, 9, 0), at(day, 17, 0));
        checkIn(done, ac, at(day, 9, 20));
        int version = capture.script(done, ac).visit().version();
        version = answer(done, ac, version, "P12", 1, AuditWay.DOCUMENT_REVIEW,
                "2025 年 1–8 月消防设施月检记录齐全，有维保单位签字。/ Monthly fire-equipment checks Jan–Aug 2025 on file, signed by the contractor.");
        version = answer(done, ac, version, "P13", 4, AuditWay.INTERVIEW,
                "预案齐全，6 月演练一次；访谈两名保安，一人不熟悉疏散路线。/ Plans in place, one drill in June; of two guards interviewed, one did not know the escape route.");
        version = answer(done, ac, version, "P15", 1, AuditWay.DOCUMENT_REVIEW,
                "2024 年度收支已在公告栏和业主群公示。/ The 2024 accounts were posted on the notice board and in the residents' group.");
        version = answer(done, ac, version, "P16", 4, AuditWay.ON_SITE,
                "设备台账完整，电梯维保记录缺 3 月一页（已拍照）。/ Equipment ledgers complete; the March lift-maintenance page is missing (photo).");
        byte[] jpeg = DemoVisits.photo("audit-2025-P16");
        version = capture.photo(done, UUID.randomUUID(), new VisitCapture.PhotoMeta(sha256(jpeg), version, "P16",
                at(day, 11, 5), LAT, LON, 12.0, "image/jpeg"), jpeg, ac).visitVersion();
        capture.submit(done, new CaptureDtos.SubmitInput(version), ac);
        review.approve(done, lc);
        decideLowestSurveyItem(lastYear, lc);

        // --- 2026: the audit under way now (window from two hours ago), checked in, two items answered so far
        chooseAuditedItems(current, lc);
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        long open = audit(current, lc, auditor, now.minus(Duration.ofHours(2)), now.plus(Duration.ofHours(8)));
        checkIn(open, ac, clock.instant());
        version = capture.script(open, ac).visit().version();
        version = answer(open, ac, version, "P12", 1, AuditWay.DOCUMENT_REVIEW,
                "月检记录齐全。/ Monthly checks on file.");
        answer(open, ac, version, "P15", 1, AuditWay.ON_SITE, "公告栏已公示 2025 年度收支。/ 2025 accounts on the notice board.");
    }

    private void chooseAuditedItems(EvaluationProject project, Caller lead) {
        planning.chooseItems(project.id(), new PlanningDtos.ItemChoicesInput(AUDITED.stream().map(code ->
                new PlanningDtos.ItemChoiceInput(code, VisitMode.MANAGEMENT_AUDIT,
                        "查阅记录并访谈负责人；写明查阅了哪些文件。",
                        "Review the records and interview the person in charge; say which documents you saw.",
                        code.equals("P16") ? EvidenceRequirement.PHOTO : EvidenceRequirement.NOTE)).toList()), lead);
    }

    /** A one-auditor management audit of the whole estate. */
    private long audit(EvaluationProject project, Caller lead, AppUser auditor, Instant from, Instant to) {
        PlanningDtos.PlanView plan = planning.plan(project.id(), new PlanningDtos.PlanInput(null,
                VisitMode.MANAGEMENT_AUDIT, from, to, "现场审核第一天 / on-site day 1", 1, 48,
                null, List.of(auditor.id()), false), lead);
        return plan.visits().get(0).visitId();
    }

    /** Checked in at {@code deviceAt}; sent now (a past day's check-in sent later keeps its true time). */
    private void checkIn(long visitId, Caller auditor, Instant deviceAt) {
        capture.checkIn(visitId, new CaptureDtos.PositionInput(deviceAt, clock.instant(), LAT + 0.0002, LON - 0.0001,
                18.0, Position.CoordinateSystem.WGS84), auditor);
    }

    private int answer(long visitId, Caller auditor, int version, String item, int value, AuditWay way, String note) {
        return capture.answer(visitId, new CaptureDtos.AnswerInput(UUID.randomUUID(), version, item,
                BigDecimal.valueOf(value), false, null, note, 120, clock.instant(), way), auditor).visitVersion();
    }

    /** The lead decides to check the lowest-scoring survey item on site (the survey's facilities item, S3). */
    private void decideLowestSurveyItem(EvaluationProject project, Caller lead) {
        List<SurveyReviewDtos.LowItem> low = surveyReviews.review(project.id(), lead).items();
        if (low.isEmpty()) {
            return;
        }
        SurveyReviewDtos.LowItem item = low.get(0);
        surveyReviews.decide(project.id(), new SurveyReviewDtos.DecisionInput(item.itemCode(),
                SurveyReviewDecision.CHECK_ON_SITE,
                "调查得分偏低，业主意见集中在电梯和外墙；现场审核时重点检查共用设施。/ Low survey score, residents' comments"
                        + " are about the lifts and facades: check the shared facilities during the on-site audit."), lead);
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(LocalTime.of(hour, minute)).atZone(VisitPlanning.BEIJING).toInstant();
    }

    private static Caller caller(AppUser user) {
        return new Caller(user.id(), user.username(), user.roleSet(), user.organizationId());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
