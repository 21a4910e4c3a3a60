package com.tanfang.visit.review;

import com.tanfang.access.Caller;
import com.tanfang.evidence.EvidenceLog;
import com.tanfang.evidence.Subject;
import com.tanfang.message.FieldProblem;
import com.tanfang.message.ForbiddenException;
import com.tanfang.message.InvalidException;
import com.tanfang.project.EvaluationProject;
import com.tanfang.visit.Checklist;
import com.tanfang.visit.VisitAction;
import com.tanfang.visit.VisitState;
import com.tanfang.visit.VisitStateMachine;
import com.tanfang.visit.capture.CaptureDtos;
import com.tanfang.visit.capture.VisitDetails;
import com.tanfang.visit.store.VisitRecords;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Review decisions. Only the project's lead (or an ADMIN) decides; a reviewer who rated a copy of the same plan
 * cannot decide on the other copy (it would judge its partner's ratings against its own).
 */
@Singleton
public class VisitReview {
    private final VisitDetails details;
    private final VisitRecords.Visits visits;
    private final VisitRecords.Answers answers;
    private final VisitRecords.Comments comments;
    private final VisitRecords.CommentTemplates templates;
    private final EvidenceLog evidence;
    private final Clock clock;

    public VisitReview(VisitDetails details, VisitRecords.Visits visits, VisitRecords.Answers answers,
                       VisitRecords.Comments comments, VisitRecords.CommentTemplates templates, EvidenceLog evidence,
                       Clock clock) {
        this.details = details;
        this.visits = visits;
        this.answers = answers;
        this.comments = comments;
        this.templates = templates;
        this.evidence = evidence;
        this.clock = clock;
    }

    /** Every version of one item's answer (no item: of every item), oldest first (blind rule applies). */
    public ReviewDtos.Versions versions(long visitId, String itemCode, Caller caller) {
        VisitRecords.Visit v = details.load(visitId, caller);
        if (!details.mayReadRatings(v, caller)) {
            throw ForbiddenException.of("visit.blind_until_both_submitted");
        }
        List<VisitRecords.AnswerRow> rows = itemCode == null || itemCode.isBlank() ? answers.allOf(visitId)
                : answers.history(visitId, itemCode);
        return new ReviewDtos.Versions(visitId, itemCode, rows.stream().map(CaptureDtos.AnswerView::of).toList());
    }

    @Transactional
    public CaptureDtos.VisitDetail returnToRater(long visitId, ReviewDtos.ReturnInput in, Caller caller) {
        VisitRecords.Visit v = decidable(visitId, caller);
        VisitState next = VisitStateMachine.next(v.state(), VisitAction.RETURN);
        Checklist checklist = details.checklist(v);
        EvaluationProject p = details.project(v);
        List<FieldProblem> problems = new ArrayList<>();
        List<VisitRecords.Comment> rows = new ArrayList<>();
        int round = (int) comments.ofVisit(visitId).stream().map(VisitRecords.Comment::round).distinct().count() + 1;
        for (int i = 0; i < in.comments().size(); i++) {
            ReviewDtos.CommentInput c = in.comments().get(i);
            String field = "comments[" + i + "]";
            String item = c.itemCode() == null || c.itemCode().isBlank() ? null : c.itemCode().trim();
            if (item != null && checklist.item(item).isEmpty()) {
                problems.add(FieldProblem.of(field + ".itemCode", "visit.item_not_in_script", item));
            }
            String text = c.text() == null || c.text().isBlank() ? null : c.text().trim();
            if (text == null && c.templateId() != null) {
                text = templates.findById(c.templateId()).filter(t -> t.projectId() == p.id())
                        .map(VisitRecords.CommentTemplate::text).orElse(null);
                if (text == null) {
                    problems.add(FieldProblem.of(field + ".templateId", "visit.comment_template_unknown", c.templateId()));
                    continue;
                }
            }
            if (text == null) {
                problems.add(FieldProblem.of(field + ".text", "visit.comment_text_required"));
                continue;
            }
            rows.add(new VisitRecords.Comment(null, visitId, item, text, round, caller.userId(), null));
        }
        if (!problems.isEmpty()) {
            throw new InvalidException(problems);
        }
        comments.saveAll(rows);
        visits.decided(visitId, next.name(), null, null);
        evidence.record(Subject.visit(visitId), VisitAction.RETURN.evidenceAction(), caller.userId(), Map.of(
                "round", round, "comments", rows.stream().map(r -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("itemCode", r.itemCode());
                    m.put("text", r.text());
                    return m;
                }).toList()));
        return details.detail(visits.findById(visitId).orElseThrow(), caller);
    }

    @Transactional
    public CaptureDtos.VisitDetail approve(long visitId, Caller caller) {
        VisitRecords.Visit v = decidable(visitId, caller);
        VisitState next = VisitStateMachine.next(v.state(), VisitAction.APPROVE);
        visits.decided(visitId, next.name(), clock.instant(), null);
        evidence.record(Subject.visit(visitId), VisitAction.APPROVE.evidenceAction(), caller.userId(), Map.of());
        return details.detail(visits.findById(visitId).orElseThrow(), caller);
    }

    @Transactional
    public CaptureDtos.VisitDetail reject(long visitId, ReviewDtos.ReasonInput in, Caller caller) {
        VisitRecords.Visit v = decidable(visitId, caller);
        VisitState next = VisitStateMachine.next(v.state(), VisitAction.REJECT);
        visits.decided(visitId, next.name(), clock.instant(), in.reason().trim());
        evidence.record(Subject.visit(visitId), VisitAction.REJECT.evidenceAction(), caller.userId(),
                Map.of("reason", in.reason().trim()));
        return details.detail(visits.findById(visitId).orElseThrow(), caller);
    }

    @Transactional
    public CaptureDtos.VisitDetail withdrawApproval(long visitId, ReviewDtos.ReasonInput in, Caller caller) {
        VisitRecords.Visit v = decidable(visitId, caller);
        VisitState next = VisitStateMachine.next(v.state(), VisitAction.WITHDRAW_APPROVAL);
        visits.decided(visitId, next.name(), null, in.reason().trim());
        evidence.record(Subject.visit(visitId), VisitAction.WITHDRAW_APPROVAL.evidenceAction(), caller.userId(),
                Map.of("reason", in.reason().trim(), "approvedAt", v.decidedAt()));
        return details.detail(visits.findById(visitId).orElseThrow(), caller);
    }

    private VisitRecords.Visit decidable(long visitId, Caller caller) {
        details.load(visitId, caller);
        VisitRecords.Visit v = visits.lock(visitId).orElseThrow();
        EvaluationProject p = details.project(v);
        if (!caller.isAdmin() && p.leadUserId() != caller.userId()) {
            throw ForbiddenException.of("visit.review_lead_or_admin");
        }
        if (visits.ofPlan(v.planId()).stream().anyMatch(o -> Objects.equals(o.raterUserId(), caller.userId()))) {
            throw ForbiddenException.of("visit.review_not_own_plan");
        }
        return v;
    }
}
