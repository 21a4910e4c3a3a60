package com.tanfang.report.audit;

import com.tanfang.access.Caller;
import com.tanfang.account.AppUserRepository;
import com.tanfang.document.store.DocumentKind;
import com.tanfang.document.store.GeneratedDocuments;
import com.tanfang.evaluation.signoff.SignedRevisions;
import com.tanfang.evidence.EvidenceLog;
import com.tanfang.evidence.Subject;
import com.tanfang.evidence.SubjectType;
import com.tanfang.message.ConflictException;
import com.tanfang.message.ForbiddenException;
import com.tanfang.message.InvalidException;
import com.tanfang.message.Language;
import com.tanfang.message.NotFoundException;
import com.tanfang.project.EvaluationProject;
import com.tanfang.project.Projects;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The audit report's narrative, per project and revision (server/docs/reports.md, "The narrative"): written by the
 * project's lead, read by the team and ADMIN; a revision without one starts from a copy of the last revision's;
 * every save writes an evidence row; saving a revision whose audit report is stored is refused (409).
 */
@Singleton
public class AuditNarratives {
    private final Projects projects;
    private final NarrativeStore store;
    private final SignedRevisions signed;
    private final GeneratedDocuments documents;
    private final AppUserRepository users;
    private final EvidenceLog evidence;
    private final Clock clock;

    public AuditNarratives(Projects projects, NarrativeStore store, SignedRevisions signed,
                           GeneratedDocuments documents, AppUserRepository users, EvidenceLog evidence, Clock clock) {
        this.projects = projects;
        this.store = store;
        this.signed = signed;
        this.documents = documents;
        this.users = users;
        this.evidence = evidence;
        this.clock = clock;
    }

    /** The narrative of {@code revision} (default: the current revision) as the form shows it. */
    @Transactional(readOnly = true)
    public NarrativeDtos.NarrativeView view(long projectId, Integer revision, Caller caller) {
        EvaluationProject p = readable(projectId, caller);
        int current = store.currentRevision(projectId);
        int number = revision == null ? current : revision;
        if (number < 1 || number > current) {
            throw NotFoundException.of("not_found.revision", number);
        }
        return view(p, number, current, caller);
    }

    /** Saves the narrative of a revision: the project's lead only, while no audit report of the revision is stored. */
    @Transactional
    public NarrativeDtos.NarrativeView save(long projectId, NarrativeDtos.NarrativeInput in, Caller caller) {
        EvaluationProject p = lead(projectId, caller);
        store.lockProject(projectId);
        int current = store.currentRevision(projectId);
        int number = in.revision();
        if (number > current) {
            throw InvalidException.field("revision", "report.narrative.revision_unknown", number, current);
        }
        if (frozen(projectId, number)) {
            throw ConflictException.of("report.narrative.frozen", number);
        }
        var existing = store.find(projectId, number);
        if (existing.isPresent() && !Objects.equals(in.expectedVersion(), existing.get().version())) {
            throw ConflictException.field("expectedVersion", "report.narrative.stale", existing.get().version());
        }
        Narrative n = new Narrative(projectId, number, in.auditType(), clean(in.purpose()), clean(in.scope()),
                clean(in.strengths()), clean(in.improvements()), clean(in.conclusion()), in.recommend(),
                clean(in.author()), clean(in.reviewer()), in.reportDate(), 0, null, null, null);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        store.upsert(n, now, caller.userId());
        Narrative saved = store.find(projectId, number).orElseThrow();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("revision", number);
        detail.put("version", saved.version());
        detail.put("auditType", saved.auditType().name());
        detail.put("purpose", saved.purpose());
        detail.put("scope", saved.scope());
        detail.put("strengths", saved.strengths());
        detail.put("improvements", saved.improvements());
        detail.put("conclusion", saved.conclusion());
        detail.put("recommend", saved.recommend());
        detail.put("author", saved.author());
        detail.put("reviewer", saved.reviewer());
        detail.put("reportDate", saved.reportDate() == null ? "" : saved.reportDate().toString());
        evidence.record(new Subject(SubjectType.REPORT, projectId), "report.audit.narrative_save", caller.userId(), detail);
        return view(p, number, current, caller);
    }

    /** The stored narrative of a revision, or none (the report's generation requires one). */
    Narrative stored(long projectId, int revision) {
        return store.find(projectId, revision).orElse(null);
    }

    /** Whether an audit report of the revision is stored, in either language: its narrative may no longer change. */
    boolean frozen(long projectId, int revision) {
        for (Language l : Language.values()) {
            if (documents.find(DocumentKind.AUDIT_REPORT, projectId, revision, l, projectId).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private NarrativeDtos.NarrativeView view(EvaluationProject p, int number, int current, Caller caller) {
        long projectId = p.id();
        boolean isSigned = signed.get(projectId, number).isPresent();
        boolean frozen = frozen(projectId, number);
        boolean mayEdit = p.leadUserId() == caller.userId() && !frozen;
        var own = store.find(projectId, number);
        if (own.isPresent()) {
            Narrative n = own.get();
            return view(p, number, current, isSigned, true, null, frozen, mayEdit, n);
        }
        var earlier = store.latestBefore(projectId, number);
        if (earlier.isPresent()) {
            return view(p, number, current, isSigned, false, earlier.get().revision(), frozen, mayEdit, earlier.get());
        }
        String leadName = users.findById(p.leadUserId()).map(u -> u.displayName()).orElse("");
        Narrative defaults = new Narrative(projectId, number, p.evaluationType(), "", "", "", "", "", true, leadName, "",
                null, 0, null, null, null);
        return view(p, number, current, isSigned, false, null, frozen, mayEdit, defaults);
    }

    private static NarrativeDtos.NarrativeView view(EvaluationProject p, int number, int current, boolean isSigned,
                                                    boolean stored, Integer copiedFrom, boolean frozen, boolean mayEdit,
                                                    Narrative n) {
        return new NarrativeDtos.NarrativeView(p.id(), number, current, isSigned, stored, copiedFrom, frozen, mayEdit,
                n.auditType(), n.purpose(), n.scope(), n.strengths(), n.improvements(), n.conclusion(), n.recommend(),
                n.author(), n.reviewer(), n.reportDate(), stored ? n.version() : 0, stored ? n.updatedAt() : null,
                stored ? n.updatedByName() : null);
    }

    /** The project if the caller reads its evaluation (team staff, ADMIN); a CLIENT: 404 as for the sheet. */
    EvaluationProject readable(long projectId, Caller caller) {
        if (caller.confinedToOwnOrganization()) {
            throw NotFoundException.of("not_found.project", projectId);
        }
        return projects.get(projectId, caller);
    }

    /** The project if the caller is its lead: 404 for whoever may not see it, 403 for the others who do. */
    EvaluationProject lead(long projectId, Caller caller) {
        EvaluationProject p = readable(projectId, caller);
        if (p.leadUserId() != caller.userId()) {
            throw ForbiddenException.of("report.lead_only");
        }
        return p;
    }

    private static String clean(String s) {
        return s == null ? "" : s.strip();
    }
}
