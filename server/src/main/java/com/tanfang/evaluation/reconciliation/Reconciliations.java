package com.tanfang.evaluation.reconciliation;

import com.tanfang.evaluation.lock.EvaluationLock;

import com.tanfang.access.Caller;
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
import com.tanfang.scheme.AnswerType;
import com.tanfang.scheme.BonusItems;
import com.tanfang.scheme.Item;
import com.tanfang.scheme.Scheme;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lead's confirmed rating of a pair (server/docs/evaluation.md "Two raters, reconciled"): one write, one
 * service method ({@link #confirm}), the evidence row in its transaction. The two raters' answers stay as they are.
 */
@Singleton
public class Reconciliations {
    /** Reason and N/A reason: enough for a paragraph, bounded like the other free texts. */
    public static final int MAX_TEXT = 1000;
    public static final String EVIDENCE_ACTION = "evaluation.reconcile.confirm";
    /** visit_answer.value is numeric(12, 4). */
    private static final BigDecimal NUMERIC_LIMIT = new BigDecimal("100000000");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final Projects projects;
    private final ReconciliationStore store;
    private final EvidenceLog evidence;
    private final Clock clock;

    private final EvaluationLock lock;

    public Reconciliations(Projects projects, ReconciliationStore store, EvidenceLog evidence, Clock clock,
                           EvaluationLock lock) {
        this.lock = lock;
        this.projects = projects;
        this.store = store;
        this.evidence = evidence;
        this.clock = clock;
    }

    /** What the scheme says of an item the visits rate: its answer type (bonus items: yes/no), range, N/A allowed. */
    record ItemFacts(Pairing.ItemRule rule, boolean notApplicableAllowed) {
    }

    static Map<String, ItemFacts> facts(Scheme scheme) {
        Map<String, ItemFacts> out = new LinkedHashMap<>();
        scheme.items().forEach(i -> out.put(i.name(), new ItemFacts(rule(i), i.notApplicableAllowed())));
        for (BonusItems.Item b : scheme.bonusItems().items()) {
            out.putIfAbsent(b.name(), new ItemFacts(new Pairing.ItemRule(AnswerType.YES_NO, null), false));
        }
        return out;
    }

    static Pairing.ItemRule rule(Item i) {
        return new Pairing.ItemRule(i.answerType(), i.numericRange());
    }

    /**
     * Records the lead's confirmed rating of item {@code itemCode} on two-rater plan {@code planId}; a current one
     * of the same pair is superseded (kept, listed by {@link #history}). LEAD of the project or ADMIN; a lead who
     * rated a copy of the plan may not (403). Both copies must be approved with a current answer on the item and the
     * answers must differ (409); the value must fit the item's answer type (400 naming the field).
     */
    @Transactional
    public ReconciliationDtos.Confirmed confirm(long projectId, ReconciliationDtos.ConfirmInput in, Caller caller) {
        if (caller.confinedToOwnOrganization()) {
            throw NotFoundException.of("not_found.project", projectId);
        }
        EvaluationProject p = projects.get(projectId, caller);
        if (!caller.isAdmin() && p.leadUserId() != caller.userId()) {
            throw ForbiddenException.of("evaluation.reconcile.lead_or_admin");
        }
        lock.requireOpen(p.id()); // a signed-off result changes only in a new revision
        Map<String, ItemFacts> facts = facts(projects.scheme(p));
        List<FieldProblem> problems = new ArrayList<>();
        String itemCode = in.itemCode() == null ? null : in.itemCode().trim();
        ItemFacts item = null;
        if (itemCode == null || itemCode.isEmpty()) {
            problems.add(FieldProblem.of("itemCode", "evaluation.reconcile.item_required"));
        } else if ((item = facts.get(itemCode)) == null) {
            problems.add(FieldProblem.of("itemCode", "evaluation.reconcile.item_unknown", shorten(itemCode)));
        }
        if (in.planId() == null) {
            problems.add(FieldProblem.of("planId", "evaluation.reconcile.plan_required"));
        }
        String reason = text(in.reason(), "reason", problems);
        if (reason == null && problems.stream().noneMatch(f -> f.field().equals("reason"))) {
            problems.add(FieldProblem.of("reason", "evaluation.reconcile.reason_required"));
        }
        boolean na = Boolean.TRUE.equals(in.notApplicable());
        String naReason = text(in.notApplicableReason(), "notApplicableReason", problems);
        BigDecimal value = in.value();
        if (na) {
            if (value != null) {
                problems.add(FieldProblem.of("value", "evaluation.reconcile.value_and_na"));
            }
            if (item != null && !item.notApplicableAllowed()) {
                problems.add(FieldProblem.of("notApplicable", "evaluation.reconcile.na_not_allowed", itemCode));
            }
            if (naReason == null && problems.stream().noneMatch(f -> f.field().equals("notApplicableReason"))) {
                problems.add(FieldProblem.of("notApplicableReason", "evaluation.reconcile.na_reason_required"));
            }
        } else if (value == null) {
            problems.add(FieldProblem.of("value", "evaluation.reconcile.value_required"));
        } else if (item != null) {
            valueProblem(item.rule().type(), value).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidException(problems);
        }
        ReconciliationStore.PlanRow plan = store.lockPlan(in.planId()).filter(x -> x.projectId() == projectId)
                .orElseThrow(() -> InvalidException.field("planId", "evaluation.reconcile.plan_unknown", in.planId()));
        if (plan.raters() != 2) {
            throw InvalidException.field("planId", "evaluation.reconcile.not_two_raters", plan.id());
        }
        if (store.raters(plan.id()).contains(caller.userId())) {
            throw ForbiddenException.of("evaluation.reconcile.not_own_plan");
        }
        List<ReconciliationDtos.Side> sides = store.sidesOf(projectId, plan.id(), itemCode);
        if (sides.size() != 2) {
            throw ConflictException.of("evaluation.reconcile.no_pair", itemCode, plan.id());
        }
        ReconciliationDtos.Side first = sides.get(0);
        ReconciliationDtos.Side second = sides.get(1);
        if ((in.firstAnswerId() != null && !in.firstAnswerId().equals(first.answerId())
                && !in.firstAnswerId().equals(second.answerId()))
                || (in.secondAnswerId() != null && !in.secondAnswerId().equals(first.answerId())
                && !in.secondAnswerId().equals(second.answerId()))) {
            throw ConflictException.of("evaluation.reconcile.stale", itemCode);
        }
        ReconciliationDtos.Pair pair = Pairing.pair(itemCode, first, second, item.rule(), null);
        if (!pair.differ()) {
            throw ConflictException.of("evaluation.reconcile.no_difference", itemCode);
        }
        Instant now = clock.instant();
        Optional<ReconciliationDtos.Confirmed> previous = store.currentOf(plan.id(), itemCode);
        previous.ifPresent(prev -> store.supersede(prev.id(), now));
        BigDecimal stored = na ? null : value.stripTrailingZeros();
        long id = store.insert(projectId, plan.id(), itemCode, first.answerId(), second.answerId(), stored, na,
                na ? naReason : null, reason, caller.userId(), now);
        previous.ifPresent(prev -> store.supersededBy(prev.id(), id));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("reconciliationId", id);
        detail.put("planId", plan.id());
        detail.put("itemCode", itemCode);
        detail.put("firstAnswerId", first.answerId());
        detail.put("secondAnswerId", second.answerId());
        detail.put("first", Pairing.first(pair).toString());
        detail.put("second", Pairing.second(pair).toString());
        detail.put("confirmed", na ? "N/A" : stored.toPlainString());
        if (na) {
            detail.put("notApplicableReason", naReason);
        }
        detail.put("reason", reason);
        previous.ifPresent(prev -> detail.put("supersedes", prev.id()));
        evidence.record(new Subject(SubjectType.EVALUATION, projectId), EVIDENCE_ACTION, caller.userId(), detail);
        return store.get(id);
    }

    /** Every reconciliation of the project, superseded ones too (team and ADMIN; CLIENT 404). */
    @Transactional(readOnly = true)
    public List<ReconciliationDtos.Confirmed> history(long projectId, Caller caller) {
        if (caller.confinedToOwnOrganization()) {
            throw NotFoundException.of("not_found.project", projectId);
        }
        projects.get(projectId, caller);
        return store.history(projectId);
    }

    /** The current reconciliations by {@link Pairing#key} (for the sheet, inside its transaction). */
    public Map<String, ReconciliationDtos.Confirmed> currentByPair(long projectId) {
        Map<String, ReconciliationDtos.Confirmed> out = new HashMap<>();
        store.current(projectId).forEach(c -> out.put(Pairing.key(c.planId(), c.itemCode()), c));
        return out;
    }

    /** Why {@code value} is not an answer of {@code type}, if it is not (the visits' capture accepts the same). */
    static Optional<FieldProblem> valueProblem(AnswerType type, BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        boolean ok = switch (type) {
            case LIKERT_5 -> v.scale() <= 0 && v.compareTo(BigDecimal.ONE) >= 0 && v.compareTo(BigDecimal.valueOf(5)) <= 0;
            case YES_NO -> v.compareTo(BigDecimal.ZERO) == 0 || v.compareTo(BigDecimal.ONE) == 0;
            case PERCENT -> v.scale() <= 2 && v.signum() >= 0 && v.compareTo(HUNDRED) <= 0;
            case NUMERIC -> v.scale() <= 4 && v.abs().compareTo(NUMERIC_LIMIT) < 0;
        };
        if (ok) {
            return Optional.empty();
        }
        String code = switch (type) {
            case LIKERT_5 -> "evaluation.reconcile.value_likert_5";
            case YES_NO -> "evaluation.reconcile.value_yes_no";
            case PERCENT -> "evaluation.reconcile.value_percent";
            case NUMERIC -> "evaluation.reconcile.value_numeric";
        };
        // toString, not toPlainString: 1E+999999999 would print a billion digits
        return Optional.of(FieldProblem.of("value", code, shorten(value.toString())));
    }

    private static String text(String s, String field, List<FieldProblem> problems) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.trim();
        if (t.length() > MAX_TEXT) {
            problems.add(FieldProblem.of(field, "evaluation.reconcile.text_too_long", MAX_TEXT));
            return null;
        }
        return t;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
