package com.tanfang.certificate;

import com.tanfang.chart.RadarChart;
import com.tanfang.chart.RadarCharts;
import com.tanfang.document.QrCodes;
import com.tanfang.document.pdf.DocumentFrame;
import com.tanfang.document.pdf.DocumentText;
import com.tanfang.document.pdf.PdfDocuments;
import com.tanfang.document.store.DocumentKind;
import com.tanfang.document.store.GeneratedDocuments;
import com.tanfang.evaluation.signoff.SignedRevisions;
import com.tanfang.message.Language;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The certificate's documents through the one pipeline: the PDF (template {@code certificate/certificate.jte},
 * stored in GeneratedDocuments with kind CERTIFICATE and the certificate's id as subject), its radar chart and QR
 * code, and the audit report whose hash the certificate names. Everything comes from the certificate row and the
 * revision's signed snapshot, so the same certificate always renders the same bytes.
 */
@Singleton
public class CertificateDocuments {
    static final String TEMPLATE = "certificate/certificate.jte";
    /** The QR code's pixels: the PDF prints it 40 mm wide, about 380 dpi, far above what a phone needs to scan it. */
    static final int QR_PX = 600;
    private static final DateTimeFormatter ZH_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final PdfDocuments pdfs;
    private final GeneratedDocuments store;
    private final SignedRevisions revisions;
    private final String certificationBody;

    public CertificateDocuments(PdfDocuments pdfs, GeneratedDocuments store, SignedRevisions revisions,
                                @Value("${tanfang.certification-body:探访认证评价中心 Tanfang Certification Centre}")
                                String certificationBody) {
        this.pdfs = pdfs;
        this.store = store;
        this.revisions = revisions;
        this.certificationBody = certificationBody;
    }

    public String certificationBody() {
        return certificationBody;
    }

    /** The SHA-256 of the revision's audit report (Chinese, the record's language), if it is generated. */
    Optional<String> auditReportSha256(long projectId, int revision) {
        return store.find(DocumentKind.AUDIT_REPORT, projectId, revision, Language.ZH_CN, projectId)
                .map(s -> s.sha256());
    }

    /** The radar chart of the parts as inline SVG; null when the result has no part to draw. */
    @Nullable
    String radarSvg(@Nullable Map<String, Object> result, Language language) {
        RadarChart chart = chart(result, language);
        return chart == null ? null : RadarCharts.svg(chart);
    }

    @Nullable
    private static RadarChart chart(@Nullable Map<String, Object> result, Language language) {
        if (result == null || !(result.get("parts") instanceof List<?> parts) || parts.isEmpty()) {
            return null;
        }
        DocumentText t = DocumentText.of(language);
        // the reports' chart: parts as axes, or the groups when a scheme has fewer than three parts (a radar of
        // two axes is a line)
        RadarChart chart = com.tanfang.report.ReportRadar.of(result, null, language, t.get("doc.certificate.radar"),
                t.get("doc.certificate.radar_current"), "");
        return chart.axes().isEmpty() ? null : chart;
    }

    /** Renders and stores the PDF in {@code language}; storing it again returns the stored one (same bytes). */
    byte[] storePdf(CertificateStore.Row row, @Nullable Map<String, Object> result, Language language, @Nullable Long actor) {
        byte[] pdf = render(row, result, language);
        store.store(DocumentKind.CERTIFICATE, row.projectId(), row.revision(), language, row.id(), pdf,
                actor);
        return pdf;
    }

    /** The stored PDF, else rendered from the certificate and its revision's snapshot and stored. */
    byte[] pdf(CertificateStore.Row row, Language language, @Nullable Long actor) {
        var stored = store.find(DocumentKind.CERTIFICATE, row.projectId(), row.revision(), language,
                row.id());
        if (stored.isPresent()) {
            return store.content(stored.get());
        }
        return storePdf(row, result(row), language, actor);
    }

    @SuppressWarnings("unchecked")
    @Nullable
    private Map<String, Object> result(CertificateStore.Row row) {
        return revisions.get(row.projectId(), row.revision())
                .map(r -> r.sheet() == null ? null : (Map<String, Object>) r.sheet().get("result")).orElse(null);
    }

    byte[] render(CertificateStore.Row row, @Nullable Map<String, Object> result, Language language) {
        return pdfs.pdf(TEMPLATE, model(row, result, language));
    }

    /** The template's one parameter: every text already in the document's language. */
    public record CertificateDocument(DocumentFrame frame, DocumentText t, boolean english, String certificationBody,
                                      String number, String organization, @Nullable String siteAddress, String site,
                                      String scheme, String schemeCode, int schemeVersion, String scope, String grade,
                                      @Nullable String total, String issuedOn, String expiresOn,
                                      List<String> surveillance, String auditReportSha256, String revisionSha256,
                                      int revision, String publicUrl, String qrDataUri, @Nullable String radarDataUri) {
    }

    CertificateDocument model(CertificateStore.Row r, @Nullable Map<String, Object> result, Language language) {
        boolean en = language == Language.EN;
        DocumentText t = DocumentText.of(language);
        DateTimeFormatter dates = en ? EN_DATE : ZH_DATE;
        RadarChart chart = chart(result, language);
        String radar = chart == null ? null : PdfDocuments.dataUri(RadarCharts.png(chart, 900, 700));
        List<String> windows = Certificates.surveillance(r.issuedOn(), r.expiresOn()).stream()
                .map(w -> t.get("doc.certificate.surveillance_window", w.number(), dates.format(w.from()),
                        dates.format(w.to()))).toList();
        String title = t.get("doc.certificate.title");
        DocumentFrame frame = new DocumentFrame(title, certificationBody + " · " + r.number(), language,
                t.get("doc.certificate.footer", r.number(), r.revision(), r.auditReportSha256()));
        return new CertificateDocument(frame, t, en, certificationBody, r.number(),
                pick(en, r.organizationName(), r.organizationNameEn()), r.siteAddress(),
                pick(en, r.siteName(), r.siteNameEn()), pick(en, r.schemeTitleZh(), r.schemeTitleEn()), r.schemeCode(),
                r.schemeVersion(), pick(en, r.scopeZh(), r.scopeEn()), pick(en, r.gradeNameZh(), r.gradeNameEn()),
                r.printedTotal() == null ? null : r.printedTotal() + (r.fullMarks() == null ? "" : " / " + r.fullMarks()),
                format(dates, r.issuedOn()), format(dates, r.expiresOn()), windows, r.auditReportSha256(),
                r.revisionSha256(), r.revision(), r.publicUrl(), PdfDocuments.dataUri(QrCodes.png(r.publicUrl(), QR_PX)),
                radar);
    }

    static String pick(boolean en, String zh, @Nullable String english) {
        return en && english != null && !english.isBlank() ? english : zh;
    }

    private static String format(DateTimeFormatter f, LocalDate d) {
        return f.format(d);
    }
}
