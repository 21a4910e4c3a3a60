package com.tanfang.evaluation.signoff;

import com.tanfang.access.Caller;
import com.tanfang.evaluation.EvaluationDtos;
import com.tanfang.evaluation.Evaluations;
import com.tanfang.evidence.EvidenceLog;
import com.tanfang.evidence.Subject;
import com.tanfang.evidence.SubjectType;
import com.tanfang.message.ConflictException;
import com.tanfang.message.FieldProblem;
import com.tanfang.message.ForbiddenException;
import com.tanfang.message.InvalidException;
import com.tanfang.message.Message;
import com.tanfang.message.NotFoundException;
import com.tanfang.project.EvaluationProject;
import com.tanfang.project.Projects;
import com.tanfang.scoring.ScoreResult;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sign-off, revisions and release of a project's evaluation (server/docs/evaluation.md "Sign-off, revisions,
 * release"). Only the project's own lead acts (an ADMIN manages accounts and schemes, it does not sign a result it
 * did not lead); the team's reviewers (LEAD, AUDITOR) and ADMIN read. Each write locks the project's row, checks the
 * current revision, writes and records its evidence row in the same transaction.
 */
@Singleton
public class SignOffs {
    static final int MAX_REASON = 1000;

    private final Projects projects;
    private final Evaluations evaluations;
    private final RevisionStore store;
    private final SheetSnapshots snapshots;
    private final EvidenceLog evidence;
    private final Clock clock;

    public SignOffs(Projects projects, Evaluations evaluations, RevisionStore store, SheetSnapshots snapshots,
                    EvidenceLog evidence, Clock clock) {
        this.projects = projects;
        this.evaluations = evaluations;
        this.store = store;
        this.snapshots = snapshots;
        this.evidence = evidence;
        this.clock = clock;
    }

    /** The sign-off screen: state, the live figures and hash, blocking reasons, revisions. */
    @Transactional(readOnly = true)
    public SignOffDtos.Overview overview(long projectId, Caller caller) {
        EvaluationProject p = readable(projectId, caller);
        EvaluationDtos.Sheet sheet = evaluations.sheetForRecord(projectId, caller);
        String live = SheetSnapshots.sha256(snapshots.canonical(sheet));
        List<RevisionStore.Revision> revisions = store.list(projectId);
        return new SignOffDtos.Overview(projectId, SignOffStates.state(revisions, live),
                live, SignOffDtos.Figures.of(sheet.result()), sheet.provisional(), sheet.provisionalReasons(),
                sheet.missingCount(), revisions.stream().map(SignOffs::view).toList(), p.leadUserId() == caller.userId());
    }

    /**
     * Signs off the current revision: refused while the sheet is provisional, when the current revision is signed
     * already, and when the sheet no longer hashes to what the lead's screen showed ({@code expectedSha256}).
     */
    @Transactional
    public SignOffDtos.Overview signOff(long projectId, String expectedSha256, Caller caller) {
        EvaluationProject p = lead(projectId, caller);
        if (expectedSha256 == null || !expectedSha256.matches("[0-9a-f]{64}")) {
            throw InvalidException.field("expectedSha256", "evaluation.sign_off.hash_required");
        }
        store.lockProject(projectId);
        List<RevisionStore.Revision> revisions = store.list(projectId);
        RevisionStore.Revision current = revisions.isEmpty() ? null : revisions.get(revisions.size() - 1);
        if (current != null && current.signed()) {
            throw ConflictException.of("evaluation.sign_off.already", current.number());
        }
        EvaluationDtos.Sheet sheet = evaluations.sheetForRecord(projectId, caller);
        if (sheet.provisional()) {
            // the 409 names every reason: missing items (how many) and a survey still in its fieldwork
            List<FieldProblem> why = sheet.provisionalReasons().stream().map(r -> new FieldProblem("provisionalReasons",
                    r == EvaluationDtos.Provisional.MISSING_ITEMS
                            ? Message.of("evaluation.sign_off.missing_items", sheet.missingCount())
                            : Message.of("evaluation.sign_off.survey_in_fieldwork"))).toList();
            throw new ConflictException(Message.of("evaluation.sign_off.provisional"), why);
        }
        String canonical = snapshots.canonical(sheet);
        String sha256 = SheetSnapshots.sha256(canonical);
        if (!sha256.equals(expectedSha256)) {
            throw ConflictException.field("expectedSha256", "evaluation.sign_off.stale");
        }
        Instant now = now();
        int number = current == null ? 1 : current.number();
        if (current == null) {
            // revision 1 opened with the project
            store.insert(projectId, 1, p.createdAt() != null ? p.createdAt().truncatedTo(ChronoUnit.MICROS) : now,
                    p.leadUserId(), null);
        }
        store.sign(projectId, number, now, caller.userId(), canonical, sha256);
        ScoreResult r = sheet.result();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("revision", number);
        detail.put("sha256", sha256);
        detail.put("snapshotChars", canonical.length());
        detail.put("total", r.total() == null ? null : r.total().toString());
        detail.put("printedTotal", r.printedTotal());
        detail.put("grade", r.grade() == null ? null : r.grade().key());
        detail.put("passed", r.passed());
        evidence.record(subject(projectId), "evaluation.sign_off", caller.userId(), detail);
        return overview(projectId, caller);
    }

    /** Opens revision N+1 of a signed-off evaluation, with a reason; the signed revisions stay as they are. */
    @Transactional
    public SignOffDtos.Overview openRevision(long projectId, String reason, Caller caller) {
        lead(projectId, caller);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON) {
            throw InvalidException.field("reason", "evaluation.revision.reason_required", MAX_REASON);
        }
        store.lockProject(projectId);
        List<RevisionStore.Revision> revisions = store.list(projectId);
        RevisionStore.Revision current = revisions.isEmpty() ? null : revisions.get(revisions.size() - 1);
        if (current == null || !current.signed()) {
            throw ConflictException.of("evaluation.revision.current_open", current == null ? 1 : current.number());
        }
        int number = current.number() + 1;
        store.insert(projectId, number, now(), caller.userId(), why);
        evidence.record(subject(projectId), "evaluation.revision_opened", caller.userId(), Map.of("revision", number,
                "previousRevision", current.number(), "previousSha256", current.sha256(), "reason", why));
        return overview(projectId, caller);
    }

    /** Releases the signed-off current revision to the CLIENT of the evaluated organisation. */
    @Transactional
    public SignOffDtos.Overview release(long projectId, Caller caller) {
        EvaluationProject p = lead(projectId, caller);
        store.lockProject(projectId);
        List<RevisionStore.Revision> revisions = store.list(projectId);
        RevisionStore.Revision current = revisions.isEmpty() ? null : revisions.get(revisions.size() - 1);
        if (current == null || !current.signed()) {
            throw ConflictException.of("evaluation.release.not_signed", current == null ? 1 : current.number());
        }
        if (current.released()) {
            throw ConflictException.of("evaluation.release.already", current.number());
        }
        store.release(projectId, current.number(), now(), caller.userId());
        evidence.record(subject(projectId), "evaluation.release", caller.userId(), Map.of("revision", current.number(),
                "sha256", current.sha256(), "organizationId", p.organizationId()));
        return overview(projectId, caller);
    }

    @Transactional(readOnly = true)
    public List<SignOffDtos.RevisionView> revisions(long projectId, Caller caller) {
        readable(projectId, caller);
        return store.list(projectId).stream().map(SignOffs::view).toList();
    }

    /** A stored revision with its snapshot exactly as stored, and whether it still hashes to the stored hash. */
    @Transactional(readOnly = true)
    public SignOffDtos.RevisionSnapshot revision(long projectId, int number, Caller caller) {
        readable(projectId, caller);
        RevisionStore.Revision r = store.withSnapshot(projectId, number)
                .orElseThrow(() -> NotFoundException.of("not_found.revision", number));
        String recomputed = r.snapshot() == null ? null : SheetSnapshots.sha256(r.snapshot());
        return new SignOffDtos.RevisionSnapshot(view(r), r.snapshot(), r.sha256(), recomputed,
                recomputed != null && recomputed.equals(r.sha256()));
    }

    /**
     * The released result as the client reads it (ClientView: an allow-list projection of the snapshot): the CLIENT
     * of the evaluated organisation, and the team's reviewers and ADMIN (to see what the client sees). 404 before a
     * release, and for whoever may not see the project (Access).
     */
    @Transactional(readOnly = true)
    public SignOffDtos.ClientResult result(long projectId, Caller caller) {
        projects.get(projectId, caller);
        RevisionStore.Revision r = store.lastReleased(projectId)
                .orElseThrow(() -> NotFoundException.of("not_found.result", projectId));
        return ClientView.of(r.snapshot(), r.number(), r.sha256(), r.signedAt(), r.releasedAt());
    }

    /** The project if the caller reads its evaluation (staff on the team, ADMIN); a CLIENT: 404 as for the sheet. */
    private EvaluationProject readable(long projectId, Caller caller) {
        if (caller.confinedToOwnOrganization()) {
            throw NotFoundException.of("not_found.project", projectId);
        }
        return projects.get(projectId, caller);
    }

    /** The project if the caller is its lead: 404 for whoever may not see it, 403 for the others who do. */
    private EvaluationProject lead(long projectId, Caller caller) {
        EvaluationProject p = readable(projectId, caller);
        if (p.leadUserId() != caller.userId()) {
            throw ForbiddenException.of("evaluation.sign_off.lead_only");
        }
        return p;
    }

    private Instant now() {
        // what PostgreSQL stores: the instant read back equals the one written
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Subject subject(long projectId) {
        return new Subject(SubjectType.EVALUATION, projectId);
    }

    static SignOffDtos.RevisionView view(RevisionStore.Revision r) {
        return new SignOffDtos.RevisionView(r.number(), SignOffStates.stateOf(r), r.sha256(), r.openedAt(),
                r.openedByName(), r.reason(), r.signedAt(), r.signedByName(), r.releasedAt(), r.releasedByName());
    }
}
