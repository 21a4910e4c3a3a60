package com.tanfang.report;

import com.tanfang.access.Caller;
import com.tanfang.chart.RadarChart;
import com.tanfang.chart.RadarCharts;
import com.tanfang.document.store.DocumentKind;
import com.tanfang.document.store.GeneratedDocuments;
import com.tanfang.evaluation.signoff.SignedRevisions;
import com.tanfang.message.Language;
import com.tanfang.message.NotFoundException;
import com.tanfang.project.Projects;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The project's generated documents (server/docs/reports.md, "Who reads what"): the audit team and ADMIN see every
 * stored document; the CLIENT of the evaluated organisation sees only the REPORTS (audit, survey analysis) of
 * revisions that were released to it, never before; everyone else 404 (Access). Also the radar chart of the
 * released result as SVG.
 */
@Singleton
public class Reports {
    /** What a CLIENT may download: reports built from allow-listed fields, never anything with covert data. */
    static final Set<DocumentKind> CLIENT_KINDS = EnumSet.of(
            DocumentKind.AUDIT_REPORT, DocumentKind.SURVEY_REPORT);

    private final Projects projects;
    private final GeneratedDocuments documents;
    private final SignedRevisions revisions;
    private final PreviousResults previous;

    public Reports(Projects projects, GeneratedDocuments documents, SignedRevisions revisions, PreviousResults previous) {
        this.projects = projects;
        this.documents = documents;
        this.revisions = revisions;
        this.previous = previous;
    }

    /** One stored document as the list shows it; {@code url} downloads it. */
    @Serdeable
    public record ReportView(long id, DocumentKind kind, int revision, String language,
                             String sha256, long size, Instant createdAt, @Nullable String createdByName,
                             String fileName, String url) {
    }

    /** The bytes of one document with the file name to offer. */
    public record Download(byte[] content, String fileName, String asciiFileName, String sha256) {
        /** Content-Disposition: an ASCII name for old clients, the UTF-8 name (RFC 6266 / 5987) for the others. */
        public String contentDisposition() {
            return "attachment; filename=\"" + asciiFileName + "\"; filename*=UTF-8''"
                    + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    @Transactional(readOnly = true)
    public List<ReportView> list(long projectId, Caller caller) {
        projects.get(projectId, caller);
        return documents.list(projectId).stream().filter(d -> visible(d, caller))
                .map(d -> view(d, caller)).toList();
    }

    @Transactional(readOnly = true)
    public Download download(long projectId, long documentId, Caller caller) {
        projects.get(projectId, caller);
        GeneratedDocuments.Stored d = documents.list(projectId).stream()
                .filter(x -> x.id() == documentId && visible(x, caller)).findFirst()
                .orElseThrow(() -> NotFoundException.of("not_found.report", documentId));
        return new Download(documents.content(d), fileName(d, false), fileName(d, true), d.sha256());
    }

    /**
     * The released result's radar chart as SVG, in the reader's language, with the previous result (as it stood
     * at this release) as its second line: the CLIENT of the organisation and the team; 404 before a release.
     */
    @Transactional(readOnly = true)
    @SuppressWarnings("unchecked")
    public String radarSvg(long projectId, Language language, Caller caller) {
        projects.get(projectId, caller);
        SignedRevisions.SignedRevision r = revisions.lastReleased(projectId)
                .orElseThrow(() -> NotFoundException.of("not_found.result", projectId));
        Map<String, Object> before = previous.of(projectId, r.releasedAt()).map(PreviousResults.Previous::result)
                .orElse(null);
        Object result = r.sheet().get("result");
        RadarChart chart = ReportRadar.of(result instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of(), before,
                language, r.number());
        return RadarCharts.svg(chart);
    }

    private boolean visible(GeneratedDocuments.Stored d, Caller caller) {
        if (!caller.confinedToOwnOrganization()) {
            return true;
        }
        if (!CLIENT_KINDS.contains(d.kind())) {
            return false;
        }
        return revisions.get(d.projectId(), d.revision()).map(r -> r.releasedAt() != null).orElse(false);
    }

    /** A stored document as the caller's list shows it (a CLIENT is not told who generated it). */
    public ReportView view(GeneratedDocuments.Stored d, Caller caller) {
        return new ReportView(d.id(), d.kind(), d.revision(), d.language().tag(), d.sha256(), d.size(), d.createdAt(),
                caller.confinedToOwnOrganization() ? null : d.createdByName(), fileName(d, false),
                "/api/v1/projects/" + d.projectId() + "/reports/" + d.id() + "/pdf");
    }

    /** e.g. 审核报告_TF-00002_r1_zh-CN.pdf, audit-report_TF-00002_r1_en.pdf (ASCII: always the English name). */
    static String fileName(GeneratedDocuments.Stored d, boolean ascii) {
        boolean zh = !ascii && d.language() == Language.ZH_CN;
        String kind = switch (d.kind()) {
            case AUDIT_REPORT -> zh ? "审核报告" : "audit-report";
            case SURVEY_REPORT -> zh ? "调查分析报告" : "survey-analysis-report";
            case CERTIFICATE -> zh ? "证书" : "certificate";
        };
        return String.format(Locale.ROOT, "%s_TF-%05d_r%d_%s.pdf", kind, d.projectId(), d.revision(), d.language().tag());
    }
}
