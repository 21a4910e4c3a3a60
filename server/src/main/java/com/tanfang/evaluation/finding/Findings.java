package com.tanfang.evaluation.finding;

import com.tanfang.evaluation.lock.EvaluationLock;

import com.tanfang.access.Caller;
import com.tanfang.access.Role;
import com.tanfang.attachment.BlobStore;
import com.tanfang.attachment.Blobs;
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
import com.tanfang.scheme.BonusItems;
import com.tanfang.scheme.Item;
import com.tanfang.scheme.Scheme;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lead's findings on a project's evaluation (issue 12): N/A decisions, special deductions and bonus, and
 * nonconformities / improvement items with the client's answers. One service method per write, each in its own
 * transaction with its evidence row ({@code evaluation.finding.<verb>}, subject EVALUATION = the project), so that
 * the sign-off lock can be added to each. Reading for the sheet: {@link #forSheet}.
 */
@Singleton
public class Findings {
    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    /** The farthest deadline a finding may be given (a surveillance cycle is a year; three leave room). */
    static final int MAX_DEADLINE_YEARS = 3;
    /** Current deductions and bonus records per project (each deduction counts at most 20). */
    static final int MAX_ADJUSTMENTS = 100;
    static final BigDecimal MAX_DEDUCTION_POINTS = BigDecimal.valueOf(100);

    private final Projects projects;
    private final FindingStore store;
    private final Blobs blobs;
    private final BlobStore blobStore;
    private final EvidenceLog evidence;
    private final Clock clock;
    private final EvaluationLock lock;

    public Findings(Projects projects, FindingStore store, Blobs blobs, BlobStore blobStore, EvidenceLog evidence,
                    Clock clock, EvaluationLock lock) {
        this.lock = lock;
        this.projects = projects;
        this.store = store;
        this.blobs = blobs;
        this.blobStore = blobStore;
        this.evidence = evidence;
        this.clock = clock;
    }

    // ================================================================== reads

    /** The lead's page (the team's LEAD and AUDITOR and ADMIN read it; a CLIENT is answered 404). */
    @Transactional(readOnly = true)
    public FindingDtos.Page page(long projectId, Caller caller) {
        EvaluationProject p = staffProject(projectId, caller);
        Scheme scheme = projects.scheme(p);
        Map<Long, FindingStore.AttachmentRow> attachments = attachmentIndex(projectId);
        List<FindingStore.FindingRow> findings = store.findingsOf(projectId);
        LocalDate today = today();
        return new FindingDtos.Page(projectId, new FindingDtos.SpecialRulesView(scheme.special().pointsPerDeduction(),
                scheme.special().maxBonus(), !scheme.bonusItems().items().isEmpty()), naViews(projectId),
                adjustmentViews(projectId, scheme, attachments, findings),
                findings.stream().map(f -> view(f, attachments, today)).toList(), today);
    }

    /**
     * The client's own project's findings, issued or later (never drafts), as {@link FindingDtos.ClientFindingView};
     * an ADMIN may read the same view.
     */
    @Transactional(readOnly = true)
    public FindingDtos.ClientPage clientPage(long projectId, Caller caller) {
        // an ADMIN may look at what the client sees (support); the team reads its own page
        EvaluationProject p = caller.isAdmin() ? projects.get(projectId, caller) : clientProject(projectId, caller);
        Map<Long, FindingStore.AttachmentRow> attachments = attachmentIndex(projectId);
        LocalDate today = today();
        List<FindingDtos.ClientFindingView> out = store.findingsOf(projectId).stream()
                .filter(f -> f.state() != FindingState.DRAFT).map(f -> clientView(f, attachments, today)).toList();
        return new FindingDtos.ClientPage(projectId, p.title(), p.titleEn(), out, today);
    }

    /**
     * What the evaluation sheet feeds into the scoring engine (read inside the sheet's transaction; the caller has
     * been checked by the sheet): the current N/A decisions and adjustments, with their views.
     */
    public SheetAdjustments forSheet(long projectId, Scheme scheme) {
        Map<Long, FindingStore.AttachmentRow> attachments = attachmentIndex(projectId);
        return SheetAdjustments.of(scheme, naViews(projectId),
                adjustmentViews(projectId, scheme, attachments, store.findingsOf(projectId)));
    }

    /** An attachment's bytes: staff of the project's team any; a CLIENT its own uploads and what its findings cite. */
    @Transactional(readOnly = true)
    public Bytes attachmentBytes(long attachmentId, Caller caller) {
        FindingStore.AttachmentRow a = store.attachment(attachmentId)
                .orElseThrow(() -> NotFoundException.of("not_found.attachment", attachmentId));
        NotFoundException hidden = NotFoundException.of("not_found.attachment", attachmentId);
        try {
            projects.get(a.projectId(), caller);
        } catch (NotFoundException e) {
            throw hidden;
        }
        if (caller.confinedToOwnOrganization()) {
            boolean own = a.uploadedBy() == caller.userId();
            if (!own && !store.citedByVisibleFinding(a.projectId(), a.id())) {
                throw hidden;
            }
        } else if (!caller.isAdmin() && !caller.has(Role.LEAD) && !caller.has(Role.AUDITOR)) {
            throw hidden;
        }
        byte[] content = blobStore.content(a.sha256()).orElseThrow(() -> hidden);
        return new Bytes(content, a.mediaType(), a.sha256(), a.fileName());
    }

    public record Bytes(byte[] content, String mediaType, String sha256, @Nullable String fileName) {
    }

    // ================================================================== attachments

    /**
     * Stores a photo or a PDF for the project's findings: the project's lead (or ADMIN) for findings and deductions,
     * a CLIENT of the project's organisation for its answers. What the bytes are is read from their content
     * ({@link Blobs#sniff}); anything but a JPEG/PNG/WebP photo or a PDF is refused.
     */
    @Transactional
    public FindingDtos.AttachmentView upload(long projectId, byte[] content, @Nullable String sha256,
                                             @Nullable String fileName, Caller caller) {
        boolean client = caller.confinedToOwnOrganization();
        EvaluationProject p = client ? clientProject(projectId, caller) : leadProject(projectId, caller);
        if (content.length > BlobStore.MAX_BYTES) {
            throw Blobs.tooLarge();
        }
        if (content.length == 0) {
            throw InvalidException.field("body", "attachment.empty");
        }
        String name = fileName == null || fileName.isBlank() ? null : fileName.strip();
        if (name != null && name.length() > 200) {
            throw InvalidException.field("fileName", "text.too_long", 200, name.length());
        }
        String type = Blobs.sniff(content).orElseThrow(() -> InvalidException.field("body", "attachment.unrecognised"));
        BlobStore.StoredBlob blob = Blobs.PDF.equals(type) ? blobs.putDocument(content, sha256)
                : blobs.putPhoto(content, sha256, type);
        String kind = Blobs.PDF.equals(type) ? "DOCUMENT" : "PHOTO";
        FindingStore.AttachmentRow row = store.saveAttachment(p.id(), blob.sha256(), blob.mediaType(), blob.sizeBytes(),
                kind, name, caller.userId(), client, clock.instant());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("attachmentId", row.id());
        d.put("kind", kind);
        d.put("sha256", blob.sha256());
        d.put("sizeBytes", blob.sizeBytes());
        d.put("byClient", client);
        record(p.id(), "evaluation.finding.attach", caller, d);
        return attachmentView(row);
    }

    // ================================================================== N/A decisions

    @Transactional
    public FindingDtos.NaDecisionView decideNotApplicable(long projectId, FindingDtos.NaInput in, Caller caller) {
        EvaluationProject p = leadProject(projectId, caller);
        lock.requireOpen(p.id()); // a signed-off result changes only in a new revision
        Scheme scheme = projects.scheme(p);
        String code = in.itemCode().strip();
        Item item = scheme.items().filter(i -> i.name().equals(code)).findFirst()
                .orElseThrow(() -> InvalidException.field("itemCode", "finding.unknown_item", code, scheme.code()));
        if (!item.notApplicableAllowed()) {
            // 004 §6.1.5: N/A only where the scheme allows it for the item
            throw InvalidException.field("itemCode", "finding.na_not_allowed", code);
        }
        store.lockProject(p.id());
        if (store.currentNa(p.id()).stream().anyMatch(n -> n.itemCode().equals(code))) {
            throw ConflictException.field("itemCode", "finding.na_exists", code);
        }
        String justification = in.justification().strip();
        Instant now = clock.instant();
        long id = store.saveNa(p.id(), code, justification, caller.userId(), now);
        record(p.id(), "evaluation.finding.na_decide", caller, Map.of("decisionId", id, "itemCode", code,
                "justification", justification));
        return new FindingDtos.NaDecisionView(id, code, justification, caller.username(), now);
    }

    @Transactional
    public void withdrawNotApplicable(long projectId, long decisionId, FindingDtos.ReasonInput in, Caller caller) {
        EvaluationProject p = leadProject(projectId, caller);
        lock.requireOpen(p.id()); // a signed-off result changes only in a new revision
        FindingStore.NaRow row = store.lockCurrentNa(p.id(), decisionId)
                .orElseThrow(() -> NotFoundException.of("not_found.na_decision", decisionId));
        String reason = in.reason().strip();
        store.withdrawNa(row.id(), caller.userId(), reason, clock.instant());
        record(p.id(), "evaluation.finding.na_withdraw", caller, Map.of("decisionId", row.id(), "itemCode",
                row.itemCode(), "reason", reason));
    }

    // ================================================================== deductions and bonus

    @Transactional
    public FindingDtos.AdjustmentView recordAdjustment(long projectId, FindingDtos.AdjustmentInput in, Caller caller) {
        EvaluationProject p = leadProject(projectId, caller);
        lock.requireOpen(p.id()); // a signed-off result changes only in a new revision
        Scheme scheme = projects.scheme(p);
        List<FieldProblem> problems = new ArrayList<>();
        String itemCode = blankToNull(in.itemCode());
        String clause = blankToNull(in.clause());
        int count = in.count() == null ? 1 : in.count();
        BigDecimal points = in.points();
        switch (in.kind()) {
            case DEDUCTION -> {
                if (itemCode != null && scheme.items().noneMatch(i -> i.name().equals(itemCode))) {
                    problems.add(FieldProblem.of("itemCode", "finding.unknown_item", itemCode, scheme.code()));
                }
                if (count < 1 || count > 20) {
                    problems.add(FieldProblem.of("count", "finding.count_range", 1, 20));
                }
                if (points != null && (points.signum() <= 0 || points.compareTo(MAX_DEDUCTION_POINTS) > 0
                        || points.stripTrailingZeros().scale() > 2)) {
                    problems.add(FieldProblem.of("points", "finding.points_range", "0", MAX_DEDUCTION_POINTS));
                }
            }
            case BONUS -> {
                BigDecimal max = scheme.special().maxBonus();
                if (max.signum() == 0) {
                    problems.add(FieldProblem.of("kind", "finding.no_special_bonus", scheme.code()));
                } else if (points == null || points.signum() <= 0 || points.compareTo(max) > 0
                        || points.stripTrailingZeros().scale() > 2) {
                    problems.add(FieldProblem.of("points", "finding.points_range", "0", max));
                }
                if (in.count() != null && in.count() != 1) {
                    problems.add(FieldProblem.of("count", "finding.count_range", 1, 1));
                }
                count = 1;
            }
            case BONUS_ITEM -> {
                if (itemCode == null || scheme.bonusItems().items().stream().noneMatch(b -> b.name().equals(itemCode))) {
                    problems.add(FieldProblem.of("itemCode", "finding.unknown_bonus_item", String.valueOf(itemCode),
                            scheme.code()));
                }
                if (points != null) {
                    problems.add(FieldProblem.of("points", "finding.bonus_item_points"));
                }
                count = 1;
            }
        }
        List<Long> answers = ids(in.visitAnswerIds());
        List<Long> photos = ids(in.photoIds());
        List<Long> attachments = ids(in.attachmentIds());
        checkEvidence(p.id(), answers, photos, attachments, problems);
        String note = blankToNull(in.noEvidenceNote());
        if (answers.isEmpty() && photos.isEmpty() && attachments.isEmpty() && note == null) {
            problems.add(FieldProblem.of("noEvidenceNote", "finding.evidence_or_note"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidException(problems);
        }
        store.lockProject(p.id());
        List<FindingStore.AdjustmentRow> current = store.currentAdjustments(p.id());
        if (current.size() >= MAX_ADJUSTMENTS) {
            throw ConflictException.of("finding.too_many_adjustments", MAX_ADJUSTMENTS);
        }
        if (in.kind() == FindingDtos.AdjustmentKind.BONUS
                && current.stream().anyMatch(a -> a.kind() == FindingDtos.AdjustmentKind.BONUS)) {
            throw ConflictException.field("kind", "finding.bonus_exists");
        }
        if (in.kind() == FindingDtos.AdjustmentKind.BONUS_ITEM && current.stream()
                .anyMatch(a -> a.kind() == FindingDtos.AdjustmentKind.BONUS_ITEM && itemCode.equals(a.itemCode()))) {
            throw ConflictException.field("itemCode", "finding.bonus_item_exists", itemCode);
        }
        String reason = in.reason().strip();
        long id = store.saveAdjustment(p.id(), in.kind(), itemCode, clause, count, points, reason, answers, photos,
                attachments, note, caller.userId(), clock.instant());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("adjustmentId", id);
        d.put("kind", in.kind().name());
        d.put("itemCode", itemCode);
        d.put("clause", clause);
        d.put("count", count);
        d.put("points", points == null ? null : points.toPlainString());
        d.put("reason", reason);
        d.put("visitAnswerIds", answers);
        d.put("photoIds", photos);
        d.put("attachmentIds", attachments);
        d.put("noEvidenceNote", note);
        record(p.id(), "evaluation.finding.adjustment_record", caller, d);
        FindingStore.AdjustmentRow row = store.currentAdjustments(p.id()).stream().filter(a -> a.id() == id)
                .findFirst().orElseThrow();
        return adjustmentView(row, scheme, attachmentIndex(p.id()), List.of());
    }

    @Transactional
    public void withdrawAdjustment(long projectId, long adjustmentId, FindingDtos.ReasonInput in, Caller caller) {
        EvaluationProject p = leadProject(projectId, caller);
        lock.requireOpen(p.id()); // a signed-off result changes only in a new revision
        FindingStore.AdjustmentRow row = store.lockCurrentAdjustment(p.id(), adjustmentId)
                .orElseThrow(() -> NotFoundException.of("not_found.adjustment", adjustmentId));
        String reason = in.reason().strip();
        store.withdrawAdjustment(row.id(), caller.userId(), reason, clock.instant());
        record(p.id(), "evaluation.finding.adjustment_withdraw", caller, Map.of("adjustmentId", row.id(),
                "kind", row.kind().name(), "reason", reason));
    }

    // ================================================================== nonconformities and improvement items

    @Transactional
    public FindingDtos.FindingView raise(long projectId, FindingDtos.FindingInput in, Caller caller) {
        EvaluationProject p = leadProject(projectId, caller);
        FindingStore.Draft draft = draft(p, in);
        Instant now = clock.instant();
        long id = store.saveFinding(p.id(), draft, caller.userId(), now);
        record(p.id(), "evaluation.finding.raise", caller, draftDetail(id, draft));
        return view(store.finding(id).orElseThrow(), attachmentIndex(p.id()), today());
    }

    @Transactional
    public FindingDtos.FindingView edit(long findingId, FindingDtos.FindingInput in, Caller caller) {
        FindingStore.FindingRow f = lockedForLead(findingId, caller);
        FindingStateMachine.next(f.state(), FindingAction.EDIT);
        EvaluationProject p = projects.get(f.projectId(), caller);
        FindingStore.Draft draft = draft(p, in);
        store.editFinding(f.id(), draft, clock.instant());
        record(p.id(), FindingAction.EDIT.evidenceAction(), caller, draftDetail(f.id(), draft));
        return view(store.finding(f.id()).orElseThrow(), attachmentIndex(p.id()), today());
    }

    /** Makes the finding visible to the CLIENT of the project's organisation. */
    @Transactional
    public FindingDtos.FindingView issue(long findingId, Caller caller) {
        FindingStore.FindingRow f = lockedForLead(findingId, caller);
        FindingStateMachine.next(f.state(), FindingAction.ISSUE);
        store.issue(f.id(), clock.instant());
        record(f.projectId(), FindingAction.ISSUE.evidenceAction(), caller, Map.of("findingId", f.id(),
                "deadline", f.deadline().toString()));
        return view(store.finding(f.id()).orElseThrow(), attachmentIndex(f.projectId()), today());
    }

    /** The client's corrective action and its evidence (attachments it uploaded to the project). */
    @Transactional
    public FindingDtos.ClientFindingView answer(long findingId, FindingDtos.AnswerInput in, Caller caller) {
        if (!caller.confinedToOwnOrganization()) {
            throw ForbiddenException.of("finding.client_answers");
        }
        FindingStore.FindingRow f = store.lockFinding(findingId)
                .filter(x -> x.state() != FindingState.DRAFT)
                .orElseThrow(() -> NotFoundException.of("not_found.finding", findingId));
        try {
            clientProject(f.projectId(), caller);
        } catch (NotFoundException e) {
            throw NotFoundException.of("not_found.finding", findingId);
        }
        FindingStateMachine.next(f.state(), FindingAction.ANSWER);
        List<Long> attachments = ids(in.attachmentIds());
        Map<Long, FindingStore.AttachmentRow> index = attachmentIndex(f.projectId());
        for (int k = 0; k < attachments.size(); k++) {
            FindingStore.AttachmentRow a = index.get(attachments.get(k));
            if (a == null || a.uploadedBy() != caller.userId()) {
                throw InvalidException.field("attachmentIds[" + k + "]", "finding.unknown_attachment", attachments.get(k));
            }
        }
        String action = in.correctiveAction().strip();
        store.answer(f.id(), action, attachments, caller.userId(), clock.instant());
        record(f.projectId(), FindingAction.ANSWER.evidenceAction(), caller, Map.of("findingId", f.id(),
                "correctiveAction", action, "attachmentIds", attachments, "round", f.answerRounds() + 1));
        return clientView(store.finding(f.id()).orElseThrow(), attachmentIndex(f.projectId()), today());
    }

    /** The lead accepts the client's corrective action: closed. */
    @Transactional
    public FindingDtos.FindingView accept(long findingId, Caller caller) {
        FindingStore.FindingRow f = lockedForLead(findingId, caller);
        FindingStateMachine.next(f.state(), FindingAction.ACCEPT);
        store.close(f.id(), clock.instant());
        record(f.projectId(), FindingAction.ACCEPT.evidenceAction(), caller, Map.of("findingId", f.id(),
                "round", f.answerRounds()));
        return view(store.finding(f.id()).orElseThrow(), attachmentIndex(f.projectId()), today());
    }

    /** The lead sends the client's answer back with a reason: issued again, to be answered again. */
    @Transactional
    public FindingDtos.FindingView sendBack(long findingId, FindingDtos.ReasonInput in, Caller caller) {
        FindingStore.FindingRow f = lockedForLead(findingId, caller);
        FindingStateMachine.next(f.state(), FindingAction.SEND_BACK);
        String reason = in.reason().strip();
        store.sendBack(f.id(), reason, clock.instant());
        record(f.projectId(), FindingAction.SEND_BACK.evidenceAction(), caller, Map.of("findingId", f.id(),
                "reason", reason, "round", f.answerRounds()));
        return view(store.finding(f.id()).orElseThrow(), attachmentIndex(f.projectId()), today());
    }

    // ================================================================== helpers

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), BEIJING);
    }

    /** Overdue: past its deadline (Beijing date) and not closed. */
    static boolean overdue(FindingState state, LocalDate deadline, LocalDate today) {
        return state != FindingState.CLOSED && today.isAfter(deadline);
    }

    private void record(long projectId, String action, Caller caller, Map<String, ?> detail) {
        evidence.record(new Subject(SubjectType.EVALUATION, projectId), action, caller.userId(), detail);
    }

    /** The team's LEAD / AUDITOR or ADMIN; a CLIENT (even of the organisation) gets 404 like any outsider. */
    private EvaluationProject staffProject(long projectId, Caller caller) {
        if (caller.confinedToOwnOrganization()) {
            throw NotFoundException.of("not_found.project", projectId);
        }
        return projects.get(projectId, caller);
    }

    private EvaluationProject clientProject(long projectId, Caller caller) {
        if (!caller.confinedToOwnOrganization()) {
            throw ForbiddenException.of("finding.client_only");
        }
        return projects.get(projectId, caller);
    }

    /** The project's lead or an ADMIN (403 for the rest of the team, 404 for outsiders). */
    private EvaluationProject leadProject(long projectId, Caller caller) {
        EvaluationProject p = staffProject(projectId, caller);
        if (!caller.isAdmin() && p.leadUserId() != caller.userId()) {
            throw ForbiddenException.of("finding.lead_or_admin");
        }
        return p;
    }

    private FindingStore.FindingRow lockedForLead(long findingId, Caller caller) {
        FindingStore.FindingRow f = store.finding(findingId)
                .orElseThrow(() -> NotFoundException.of("not_found.finding", findingId));
        try {
            leadProject(f.projectId(), caller);
        } catch (NotFoundException e) {
            throw NotFoundException.of("not_found.finding", findingId);
        }
        return store.lockFinding(findingId).orElseThrow();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static List<Long> ids(List<Long> in) {
        return in == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(in));
    }

    private void checkEvidence(long projectId, List<Long> answers, List<Long> photos, List<Long> attachments,
                               List<FieldProblem> problems) {
        if (!answers.isEmpty() && store.countVisitAnswers(projectId, answers) != answers.size()) {
            problems.add(FieldProblem.of("visitAnswerIds", "finding.unknown_evidence"));
        }
        if (!photos.isEmpty() && store.visitPhotos(projectId, photos).size() != photos.size()) {
            problems.add(FieldProblem.of("photoIds", "finding.unknown_evidence"));
        }
        if (!attachments.isEmpty()) {
            Map<Long, FindingStore.AttachmentRow> index = attachmentIndex(projectId);
            if (!attachments.stream().allMatch(a -> index.containsKey(a) && !index.get(a).byClient())) {
                problems.add(FieldProblem.of("attachmentIds", "finding.unknown_evidence"));
            }
        }
    }

    private FindingStore.Draft draft(EvaluationProject p, FindingDtos.FindingInput in) {
        Scheme scheme = projects.scheme(p);
        List<FieldProblem> problems = new ArrayList<>();
        if (in.kind() == FindingDtos.FindingKind.NONCONFORMITY && in.severity() == null) {
            problems.add(FieldProblem.of("severity", "required"));
        }
        if (in.kind() == FindingDtos.FindingKind.IMPROVEMENT && in.severity() != null) {
            problems.add(FieldProblem.of("severity", "finding.severity_for_nc_only"));
        }
        String itemCode = blankToNull(in.itemCode());
        if (itemCode != null && scheme.items().noneMatch(i -> i.name().equals(itemCode))
                && scheme.bonusItems().items().stream().map(BonusItems.Item::name).noneMatch(itemCode::equals)) {
            problems.add(FieldProblem.of("itemCode", "finding.unknown_item", itemCode, scheme.code()));
        }
        if (in.adjustmentId() != null && store.currentAdjustments(p.id()).stream()
                .noneMatch(a -> a.id() == in.adjustmentId() && a.kind() == FindingDtos.AdjustmentKind.DEDUCTION)) {
            problems.add(FieldProblem.of("adjustmentId", "finding.unknown_deduction", in.adjustmentId()));
        }
        LocalDate today = today();
        if (in.deadline().isBefore(today) || in.deadline().isAfter(today.plusYears(MAX_DEADLINE_YEARS))) {
            problems.add(FieldProblem.of("deadline", "finding.deadline_range", today.toString(),
                    today.plusYears(MAX_DEADLINE_YEARS).toString()));
        }
        List<Long> answers = ids(in.visitAnswerIds());
        List<Long> attachments = ids(in.attachmentIds());
        checkEvidence(p.id(), answers, List.of(), attachments, problems);
        if (!problems.isEmpty()) {
            throw new InvalidException(problems);
        }
        return new FindingStore.Draft(in.kind(), in.severity(), itemCode, in.adjustmentId(), blankToNull(in.clause()),
                in.finding().strip(), in.deadline(), blankToNull(in.owner()), answers, attachments);
    }

    private static Map<String, Object> draftDetail(long id, FindingStore.Draft d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("findingId", id);
        m.put("kind", d.kind().name());
        m.put("severity", d.severity() == null ? null : d.severity().name());
        m.put("itemCode", d.itemCode());
        m.put("adjustmentId", d.adjustmentId());
        m.put("clause", d.clause());
        m.put("finding", d.finding());
        m.put("deadline", d.deadline().toString());
        m.put("owner", d.owner());
        m.put("visitAnswerIds", d.visitAnswerIds());
        m.put("attachmentIds", d.attachmentIds());
        return m;
    }

    private Map<Long, FindingStore.AttachmentRow> attachmentIndex(long projectId) {
        Map<Long, FindingStore.AttachmentRow> out = new HashMap<>();
        store.attachmentsOf(projectId).forEach(a -> out.put(a.id(), a));
        return out;
    }

    static FindingDtos.AttachmentView attachmentView(FindingStore.AttachmentRow a) {
        return new FindingDtos.AttachmentView(a.id(), a.kind(), a.mediaType(), a.sizeBytes(), a.sha256(), a.fileName(),
                "/api/v1/evaluation-attachments/" + a.id(), a.createdAt());
    }

    private static List<FindingDtos.AttachmentView> attachments(List<Long> ids, Map<Long, FindingStore.AttachmentRow> index) {
        return ids.stream().map(index::get).filter(java.util.Objects::nonNull).map(Findings::attachmentView).toList();
    }

    private List<FindingDtos.NaDecisionView> naViews(long projectId) {
        return store.currentNa(projectId).stream().map(n -> new FindingDtos.NaDecisionView(n.id(), n.itemCode(),
                n.justification(), n.decidedBy(), n.decidedAt())).toList();
    }

    private List<FindingDtos.AdjustmentView> adjustmentViews(long projectId, Scheme scheme,
                                                             Map<Long, FindingStore.AttachmentRow> attachments,
                                                             List<FindingStore.FindingRow> findings) {
        List<FindingStore.AdjustmentRow> rows = store.currentAdjustments(projectId);
        Set<Long> photoIds = new HashSet<>();
        rows.forEach(r -> photoIds.addAll(r.photoIds()));
        Map<Long, Long> visitOfPhoto = new HashMap<>();
        if (!photoIds.isEmpty()) {
            store.visitPhotos(projectId, List.copyOf(photoIds)).forEach(x -> visitOfPhoto.put(x[0], x[1]));
        }
        List<FindingDtos.AdjustmentView> out = new ArrayList<>();
        for (FindingStore.AdjustmentRow r : rows) {
            out.add(adjustmentView(r, scheme, attachments, findings, visitOfPhoto));
        }
        return out;
    }

    private FindingDtos.AdjustmentView adjustmentView(FindingStore.AdjustmentRow r, Scheme scheme,
                                                      Map<Long, FindingStore.AttachmentRow> attachments,
                                                      List<FindingStore.FindingRow> findings) {
        Map<Long, Long> visitOfPhoto = new HashMap<>();
        if (!r.photoIds().isEmpty()) {
            store.visitPhotos(r.projectId(), r.photoIds()).forEach(x -> visitOfPhoto.put(x[0], x[1]));
        }
        return adjustmentView(r, scheme, attachments, findings, visitOfPhoto);
    }

    private static FindingDtos.AdjustmentView adjustmentView(FindingStore.AdjustmentRow r, Scheme scheme,
                                                             Map<Long, FindingStore.AttachmentRow> attachments,
                                                             List<FindingStore.FindingRow> findings,
                                                             Map<Long, Long> visitOfPhoto) {
        BigDecimal each = switch (r.kind()) {
            case DEDUCTION -> r.points() != null ? r.points() : scheme.special().pointsPerDeduction();
            case BONUS -> r.points();
            case BONUS_ITEM -> scheme.bonusItems().items().stream().filter(b -> b.name().equals(r.itemCode()))
                    .map(BonusItems.Item::points).findFirst().orElse(null);
        };
        BigDecimal total = each == null ? null : each.multiply(BigDecimal.valueOf(r.count()));
        List<FindingDtos.PhotoRef> photos = r.photoIds().stream().filter(visitOfPhoto::containsKey)
                .map(id -> new FindingDtos.PhotoRef(id, visitOfPhoto.get(id),
                        "/api/v1/visits/" + visitOfPhoto.get(id) + "/photos/" + id)).toList();
        List<Long> raised = findings.stream().filter(f -> Long.valueOf(r.id()).equals(f.adjustmentId()))
                .map(FindingStore.FindingRow::id).toList();
        return new FindingDtos.AdjustmentView(r.id(), r.kind(), r.itemCode(), r.clause(), r.count(), each, total,
                r.reason(), r.visitAnswerIds(), photos, attachments(r.attachmentIds(), attachments), r.noEvidenceNote(),
                r.kind() == FindingDtos.AdjustmentKind.DEDUCTION, raised, r.createdBy(), r.createdAt());
    }

    private static FindingDtos.FindingView view(FindingStore.FindingRow f, Map<Long, FindingStore.AttachmentRow> index,
                                                LocalDate today) {
        return new FindingDtos.FindingView(f.id(), f.projectId(), f.kind(), f.severity(), f.itemCode(), f.adjustmentId(),
                f.clause(), f.finding(), f.deadline(), f.owner(), f.state(), overdue(f.state(), f.deadline(), today),
                f.visitAnswerIds(), attachments(f.attachmentIds(), index), f.correctiveAction(),
                attachments(f.answerAttachmentIds(), index), f.answeredAt(), f.sentBackReason(), f.answerRounds(),
                f.issuedAt(), f.closedAt(), f.createdBy(), f.createdAt(), f.updatedAt());
    }

    private static FindingDtos.ClientFindingView clientView(FindingStore.FindingRow f,
                                                            Map<Long, FindingStore.AttachmentRow> index, LocalDate today) {
        return new FindingDtos.ClientFindingView(f.id(), f.kind(), f.severity(), f.itemCode(), f.clause(), f.finding(),
                f.deadline(), f.owner(), f.state(), overdue(f.state(), f.deadline(), today),
                attachments(f.attachmentIds(), index), f.correctiveAction(), attachments(f.answerAttachmentIds(), index),
                f.answeredAt(), f.sentBackReason(), f.issuedAt(), f.closedAt());
    }

    /** For the demo and tests: whether an item allows N/A. */
    static Optional<Item> item(Scheme scheme, String name) {
        return scheme.items().filter(i -> i.name().equals(name)).findFirst();
    }
}
