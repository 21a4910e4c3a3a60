package com.tanfang.report.audit;

import com.tanfang.access.Caller;
import com.tanfang.chart.RadarChart;
import com.tanfang.chart.RadarCharts;
import com.tanfang.document.pdf.PdfDocuments;
import com.tanfang.document.store.DocumentKind;
import com.tanfang.document.store.GeneratedDocuments;
import com.tanfang.evaluation.finding.FindingDtos;
import com.tanfang.evaluation.finding.FindingState;
import com.tanfang.evaluation.finding.Findings;
import com.tanfang.evaluation.signoff.SignedRevisions;
import com.tanfang.message.ConflictException;
import com.tanfang.message.Language;
import com.tanfang.message.NotFoundException;
import com.tanfang.project.EvaluationProject;
import com.tanfang.project.Projects;
import com.tanfang.report.PreviousResults;
import com.tanfang.report.ReportRadar;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * Generates the audit report of a project's latest signed revision (server/docs/reports.md): the lead asks, the
 * model is built from the signed snapshot ({@link AuditReportModel}), rendered by the one document pipeline
 * ({@link PdfDocuments}, template {@code report/audit.jte}) and stored with its SHA-256 and evidence row
 * ({@link GeneratedDocuments}). Asking again for the same revision and language returns the stored report.
 */
@Singleton
public class AuditReports {
    public static final String TEMPLATE = "report/audit.jte";
    /** The radar chart's size in the PDF, in pixels (drawn at twice its printed size: sharp when zoomed). */
    static final int RADAR_WIDTH = 900;
    static final int RADAR_HEIGHT = 720;

    private final Projects projects;
    private final AuditNarratives narratives;
    private final NarrativeStore store;
    private final SignedRevisions signed;
    private final GeneratedDocuments documents;
    private final PdfDocuments pdf;
    private final ReportFacts facts;
    private final Findings findings;
    private final PreviousResults previous;
    private final String certificationBody;

    public AuditReports(Projects projects, AuditNarratives narratives, NarrativeStore store, SignedRevisions signed,
                        GeneratedDocuments documents, PdfDocuments pdf, ReportFacts facts, Findings findings,
                        PreviousResults previous,
                        @Value("${tanfang.certification-body:探访认证评价中心 Tanfang Certification Centre}") String certificationBody) {
        this.projects = projects;
        this.narratives = narratives;
        this.store = store;
        this.signed = signed;
        this.documents = documents;
        this.pdf = pdf;
        this.facts = facts;
        this.findings = findings;
        this.previous = previous;
        this.certificationBody = certificationBody;
    }

    /** A stored report, and whether this call created it (201) or found it stored (200). */
    public record Generated(GeneratedDocuments.Stored stored, boolean created) {
    }

    /**
     * The audit report of the latest signed revision in {@code language}: the project's lead only (others who see
     * the project 403, a CLIENT 404). 409 when no revision is signed off, when the revision has no saved narrative,
     * and when the narrative has no conclusion.
     */
    @Transactional
    public Generated generate(long projectId, Language language, Caller caller) {
        narratives.lead(projectId, caller);
        store.lockProject(projectId);
        SignedRevisions.SignedRevision revision = signed.latestSigned(projectId)
                .orElseThrow(() -> ConflictException.of("report.audit.not_signed"));
        var existing = documents.find(DocumentKind.AUDIT_REPORT, projectId, revision.number(),
                language, projectId);
        if (existing.isPresent()) {
            return new Generated(existing.get(), false);
        }
        byte[] bytes = pdf.pdf(TEMPLATE, model(projectId, revision, language, caller));
        return new Generated(documents.store(DocumentKind.AUDIT_REPORT, projectId,
                revision.number(), language, projectId, bytes, caller.userId()), true);
    }

    /** The report of a signed revision rendered again, not stored (tests: the same revision gives the same bytes). */
    @Transactional(readOnly = true)
    public byte[] render(long projectId, int revision, Language language, Caller caller) {
        narratives.readable(projectId, caller);
        SignedRevisions.SignedRevision r = signed.get(projectId, revision)
                .orElseThrow(() -> NotFoundException.of("not_found.revision", revision));
        return pdf.pdf(TEMPLATE, model(projectId, r, language, caller));
    }

    /** The report's model of a signed revision (also the HTML tests' input). */
    AuditReport model(long projectId, SignedRevisions.SignedRevision revision, Language language, Caller caller) {
        EvaluationProject p = projects.get(projectId, caller);
        Narrative narrative = store.find(projectId, revision.number())
                .orElseThrow(() -> ConflictException.of("report.audit.narrative_missing", revision.number()));
        if (narrative.conclusion().isBlank()) {
            throw ConflictException.of("report.audit.conclusion_missing", revision.number());
        }
        ReportFacts.Project f = facts.project(projectId);
        Map<String, Object> sheet = revision.sheet();
        List<AuditReportModel.Member> team = facts.team(projectId).stream()
                .map(m -> new AuditReportModel.Member(m.name(), m.lead())).toList();
        var onSite = facts.onSiteDates(AuditReportModel.onSiteVisitIds(sheet));
        // what the sign-off knew: findings issued by then (issued findings no longer change their text or deadline)
        List<AuditReportModel.Finding> issued = findings.page(projectId, caller).findings().stream()
                .filter(x -> x.state() != FindingState.DRAFT && x.issuedAt() != null
                        && !x.issuedAt().isAfter(revision.signedAt()))
                .map(AuditReports::finding).toList();
        Map<String, Object> previousResult = previous.of(projectId, revision.signedAt())
                .map(PreviousResults.Previous::result).orElse(null);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) sheet.get("result");
        RadarChart chart = ReportRadar.of(result == null ? Map.of() : result, previousResult, language, revision.number());
        byte[] png = chart.axes().isEmpty() ? null : RadarCharts.png(chart, RADAR_WIDTH, RADAR_HEIGHT);
        return AuditReportModel.build(language, new AuditReportModel.Facts(projectId, certificationBody,
                        f.organizationName(), f.organizationNameEn(), f.contact(), f.phone(), f.siteName(), f.siteNameEn(),
                        f.siteAddress(), f.schemeVersion()), projects.scheme(p),
                new AuditReportModel.Signed(revision.number(), revision.sha256(), revision.signedAt(), sheet),
                narrative, team, onSite, issued, png);
    }

    private static AuditReportModel.Finding finding(FindingDtos.FindingView f) {
        return new AuditReportModel.Finding(f.kind() == FindingDtos.FindingKind.NONCONFORMITY,
                f.severity() == null ? null : f.severity().name(), f.clause(), f.itemCode(), f.finding(), f.deadline());
    }
}
