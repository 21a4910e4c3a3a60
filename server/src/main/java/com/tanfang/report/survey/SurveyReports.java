package com.tanfang.report.survey;

import com.tanfang.access.Caller;
import com.tanfang.document.pdf.PdfDocuments;
import com.tanfang.document.store.DocumentKind;
import com.tanfang.document.store.GeneratedDocuments;
import com.tanfang.evaluation.signoff.SignedRevisions;
import com.tanfang.message.ConflictException;
import com.tanfang.message.ForbiddenException;
import com.tanfang.message.Language;
import com.tanfang.message.NotFoundException;
import com.tanfang.project.EvaluationProject;
import com.tanfang.project.Projects;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import com.tanfang.attachment.Blobs;
import com.tanfang.message.InvalidException;
import java.util.Optional;

/**
 * Generates and stores the survey analysis report of a project's latest signed revision (the project's lead
 * only): the model ({@link SurveyReportAssembler}), {@code report/survey.jte} through the one PDF pipeline, and
 * {@link GeneratedDocuments#store} (blob, row and evidence in this transaction). The same revision and language
 * always give the same bytes; when a stored report of the revision differs from what would be generated now the
 * answer is 409 (the campaign's call-back figures moved since), never a second document.
 */
@Singleton
public class SurveyReports {
    static final String TEMPLATE = "report/survey.jte";

    private final Projects projects;
    private final SignedRevisions revisions;
    private final SurveyReportAssembler assembler;
    private final PdfDocuments pdf;
    private final GeneratedDocuments documents;

    public SurveyReports(Projects projects, SignedRevisions revisions, SurveyReportAssembler assembler,
                         PdfDocuments pdf, GeneratedDocuments documents) {
        this.projects = projects;
        this.revisions = revisions;
        this.assembler = assembler;
        this.pdf = pdf;
        this.documents = documents;
    }

    /** 404 for whoever may not see the project (a CLIENT, also of the evaluated organisation), 403 for all but its lead. */
    @Transactional
    public GeneratedDocuments.Stored generate(long projectId, String lang, Caller caller) {
        if (caller.confinedToOwnOrganization()) {
            throw NotFoundException.of("not_found.project", projectId);
        }
        EvaluationProject p = projects.get(projectId, caller);
        if (p.leadUserId() != caller.userId()) {
            throw ForbiddenException.of("report.survey.lead_only");
        }
        Language language = language(lang);
        SignedRevisions.SignedRevision r = revisions.latestSigned(projectId)
                .orElseThrow(() -> ConflictException.of("report.survey.not_signed", projectId));
        byte[] bytes = render(p, r, language, caller);
        Optional<GeneratedDocuments.Stored> stored = documents.find(DocumentKind.SURVEY_REPORT,
                projectId, r.number(), language, projectId);
        if (stored.isPresent() && !stored.get().sha256().equals(sha256(bytes))) {
            throw ConflictException.of("report.survey.not_reproducible", r.number(), stored.get().sha256());
        }
        return documents.store(DocumentKind.SURVEY_REPORT, projectId, r.number(), language,
                projectId, bytes, caller.userId());
    }

    /** The PDF of a signed revision (no access check: the caller checked). */
    byte[] render(EvaluationProject p, SignedRevisions.SignedRevision r, Language language, Caller caller) {
        return pdf.pdf(TEMPLATE, model(p, r, language, caller));
    }

    SurveyReportModel model(EvaluationProject p, SignedRevisions.SignedRevision r, Language language, Caller caller) {
        return assembler.model(p, new SurveyReportAssembler.Signed(r.projectId(), r.number(), r.sha256(), r.signedAt(),
                r.signedByName(), r.sheet()), language, caller);
    }

    static String sha256(byte[] bytes) {
        return Blobs.sha256(bytes);
    }

    /** {@code zh-CN} (also no tag) or {@code en}; anything else is 400 naming {@code lang}. */
    static Language language(String lang) {
        Language language = lang == null || lang.isBlank() ? Language.ZH_CN : Language.ofTag(lang);
        if (language == null) {
            throw InvalidException.field("lang", "report.survey.lang_unknown", lang);
        }
        return language;
    }
}
