package com.tanfang.visit.capture;

import com.tanfang.access.Access;
import com.tanfang.access.Caller;
import com.tanfang.access.Role;
import com.tanfang.message.ForbiddenException;
import com.tanfang.message.NotFoundException;
import com.tanfang.project.EvaluationProject;
import com.tanfang.project.Projects;
import com.tanfang.site.Site;
import com.tanfang.site.SiteRepository;
import com.tanfang.project.ProjectRepository;
import com.tanfang.visit.BlindRule;
import com.tanfang.visit.Checklist;
import com.tanfang.visit.ItemChoice;
import com.tanfang.visit.store.VisitRecords;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Loads a visit for a caller (Access.visit: 404 when it may not see it) and builds what it may see of it: the
 * script of the project's pinned scheme version and item choices, and the ratings unless the blind two-rater
 * rule hides them.
 */
@Singleton
public class VisitDetails {
    private final Access access;
    private final Projects projects;
    private final ProjectRepository projectRows;
    private final SiteRepository siteRows;
    private final VisitRecords.Visits visits;
    private final VisitRecords.Plans plans;
    private final VisitRecords.Summaries summaries;
    private final VisitRecords.ItemChoices choices;
    private final VisitRecords.SettingsRepository settings;
    private final VisitRecords.Answers answers;
    private final VisitRecords.Photos photos;
    private final VisitRecords.Comments comments;

    public VisitDetails(Access access, Projects projects, ProjectRepository projectRows, SiteRepository siteRows, VisitRecords.Visits visits,
                        VisitRecords.Plans plans, VisitRecords.Summaries summaries, VisitRecords.ItemChoices choices,
                        VisitRecords.SettingsRepository settings, VisitRecords.Answers answers,
                        VisitRecords.Photos photos, VisitRecords.Comments comments) {
        this.access = access;
        this.projects = projects;
        this.projectRows = projectRows;
        this.siteRows = siteRows;
        this.visits = visits;
        this.plans = plans;
        this.summaries = summaries;
        this.choices = choices;
        this.settings = settings;
        this.answers = answers;
        this.photos = photos;
        this.comments = comments;
    }

    /** Staff who plan and review: see every visit of their projects. */
    public static boolean staff(Caller caller) {
        return caller.isAdmin() || caller.has(Role.LEAD) || caller.has(Role.AUDITOR);
    }

    /** The visit for its rater or the project's staff (an offer's would-be claimant: 403); 404 for anyone else. */
    public VisitRecords.Visit load(long visitId, Caller caller) {
        access.visit(caller, visitId);
        VisitRecords.Visit v = visits.findById(visitId).orElseThrow(() -> NotFoundException.of("not_found.visit", visitId));
        if (!staff(caller) && !Objects.equals(v.raterUserId(), caller.userId())) {
            throw ForbiddenException.of("visit.not_your_visit");
        }
        return v;
    }

    /** The visit locked for a change, for its rater only (staff on the team: 403). */
    public VisitRecords.Visit lockForRater(long visitId, Caller caller) {
        access.visit(caller, visitId);
        VisitRecords.Visit v = visits.lock(visitId).orElseThrow(() -> NotFoundException.of("not_found.visit", visitId));
        if (!Objects.equals(v.raterUserId(), caller.userId())) {
            throw ForbiddenException.of("visit.not_your_visit");
        }
        return v;
    }

    /** The visit's project (the visit was access-checked when it was loaded). */
    public EvaluationProject project(VisitRecords.Visit v) {
        return projectRows.findById(v.projectId()).orElseThrow();
    }

    public VisitRecords.Plan plan(VisitRecords.Visit v) {
        return plans.findById(v.planId()).orElseThrow();
    }

    /** The visit's script: the checklist of its mode from the project's scheme version and choices. */
    public Checklist checklist(VisitRecords.Visit v) {
        EvaluationProject p = project(v);
        Map<String, ItemChoice> byCode = new HashMap<>();
        for (VisitRecords.ItemChoiceRow r : choices.ofProject(p.id())) {
            byCode.put(r.itemCode(), new ItemChoice(r.itemCode(), r.mode(), r.guidanceZh(), r.guidanceEn(), r.evidence()));
        }
        return Checklist.forVisit(projects.scheme(p), byCode, plan(v).mode());
    }

    /** Whether the caller may read the visit's ratings (the blind rule). */
    public boolean mayReadRatings(VisitRecords.Visit v, Caller caller) {
        List<BlindRule.Copy> copies = visits.ofPlan(v.planId()).stream()
                .map(c -> new BlindRule.Copy(c.id(), c.raterUserId(), c.firstSubmittedAt() != null)).toList();
        BlindRule.Copy target = copies.stream().filter(c -> c.visitId() == v.id()).findFirst().orElseThrow();
        return BlindRule.mayRead(caller.userId(), target, copies);
    }

    public CaptureDtos.PhotoView photoView(VisitRecords.PhotoRow p, List<Long> alsoIn) {
        return new CaptureDtos.PhotoView(p.id(), p.clientId(), p.itemCode(), p.sha256(), p.mediaType(), p.sizeBytes(),
                p.capturedAt(), p.latitude(), p.longitude(), p.accuracyM(), p.createdAt(),
                "/api/v1/visits/" + p.visitId() + "/photos/" + p.id(),
                "/api/v1/visits/" + p.visitId() + "/photos/" + p.id() + "?size=thumb", alsoIn);
    }

    public CaptureDtos.VisitDetail detail(long visitId, Caller caller) {
        VisitRecords.Visit v = load(visitId, caller);
        return detail(v, caller);
    }

    public CaptureDtos.VisitDetail detail(VisitRecords.Visit v, Caller caller) {
        EvaluationProject p = project(v);
        Site site = siteRows.findById(p.siteId()).orElseThrow();
        VisitRecords.Plan plan = plan(v);
        VisitRecords.Settings s = settings.findById(p.id()).orElse(VisitRecords.Settings.defaults(p.id()));
        boolean ratings = mayReadRatings(v, caller);
        Map<Long, List<Long>> dup = new HashMap<>();
        for (VisitRecords.DuplicatePhoto d : photos.elsewhere(v.id())) {
            photos.ofVisit(v.id()).stream().filter(x -> x.sha256().equals(d.sha256()))
                    .forEach(x -> dup.computeIfAbsent(x.id(), k -> new java.util.ArrayList<>()).add(d.visitId()));
        }
        List<CaptureDtos.AnswerView> answerViews = ratings
                ? answers.current(v.id()).stream().map(CaptureDtos.AnswerView::of).toList() : List.of();
        List<CaptureDtos.PhotoView> photoViews = ratings ? photos.ofVisit(v.id()).stream()
                .map(x -> photoView(x, dup.getOrDefault(x.id(), List.of()).stream().distinct().toList())).toList()
                : List.of();
        List<CaptureDtos.CommentView> commentViews = ratings ? comments.ofVisit(v.id()).stream()
                .map(c -> new CaptureDtos.CommentView(c.id(), c.itemCode(), c.text(), c.round(), c.createdBy(),
                        c.createdAt())).toList() : List.of();
        boolean isRater = Objects.equals(v.raterUserId(), caller.userId());
        CaptureDtos.PositionView in = v.checkInServerAt() == null ? null : new CaptureDtos.PositionView(
                v.checkInServerAt(), v.checkInDeviceAt(), v.checkInSkewMs(), v.checkInLatitude(),
                v.checkInLongitude(), v.checkInAccuracyM(), v.checkInSystem(), v.checkInDistanceM(), v.checkInFar(),
                outside(v.checkInDeviceAt(), plan));
        CaptureDtos.PositionView out = v.checkOutServerAt() == null ? null : new CaptureDtos.PositionView(
                v.checkOutServerAt(), v.checkOutDeviceAt(), v.checkOutSkewMs(), v.checkOutLatitude(),
                v.checkOutLongitude(), v.checkOutAccuracyM(), v.checkOutSystem(), v.checkOutDistanceM(),
                v.checkOutFar(), outside(v.checkOutDeviceAt(), plan));
        return new CaptureDtos.VisitDetail(summaries.one(v.id()).orElseThrow(), site.latitude(), site.longitude(),
                s.farMeters(), checklist(v).touchpoints(), !ratings, answerViews, photoViews, commentViews, in, out,
                isRater, !(isRater && v.state().editable()), v.decisionReason());
    }

    private static boolean outside(Instant at, VisitRecords.Plan plan) {
        return at != null && (at.isBefore(plan.windowFrom()) || at.isAfter(plan.windowTo()));
    }
}
