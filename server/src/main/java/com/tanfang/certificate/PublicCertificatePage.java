package com.tanfang.certificate;

import com.tanfang.message.Language;
import com.tanfang.message.Message;
import com.tanfang.message.MessageBundle;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import static com.tanfang.platform.ErrorPages.escape;

/**
 * The public check of a certificate ({@code /c/{publicId}}), rendered on the server as one small HTML document in the
 * survey page's model (RespondentPages): no script, no external file, no web font, so it opens fast from the QR
 * code in WeChat's browser on a cheap phone. Its texts are the PDF's ({@code doc.certificate.*} in the server
 * bundles). It names the organisation, never a person: no contact, no phone, no auditor, no signer.
 */
@Singleton
public class PublicCertificatePage {
    private static final DateTimeFormatter ZH_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter ZH_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");
    private static final DateTimeFormatter EN_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);
    // Inline, ~1.3 KB: readable at 320 px, large tap target for the language switch.
    private static final String STYLE = "body{margin:0;font:16px/1.5 system-ui,-apple-system,\"PingFang SC\",\"Microsoft YaHei\","
            + "sans-serif;color:#1d2430;background:#f5f7fa}main{max-width:640px;margin:0 auto;padding:12px}"
            + "h1{font-size:1.25em;margin:.2em 0}.m{color:#5d6776;font-size:.9em;margin:.2em 0}"
            + ".c{background:#fff;border:1px solid #d8dee7;border-radius:8px;padding:8px 12px;margin:10px 0}"
            + ".s{font-size:1.3em;font-weight:700;padding:10px 12px;border-radius:8px;margin:10px 0;color:#fff}"
            + ".VALID{background:#1b7f3b}.SUSPENDED{background:#a35f00}.WITHDRAWN,.EXPIRED{background:#b3261e}"
            + ".CANCELLED{background:#5d6776}.s small{display:block;font-size:.65em;font-weight:400}"
            + "dl{margin:0}dt{color:#5d6776;font-size:.85em;margin-top:6px}dd{margin:0;font-weight:600}"
            + ".h{font:12px/1.4 ui-monospace,monospace;word-break:break-all;font-weight:400}"
            + "svg{display:block;width:100%;height:auto;max-width:420px;margin:0 auto}"
            + "a{color:#0b5cad}.t{text-align:right;margin:0}.t a{display:inline-block;padding:8px}"
            + ".n{border-left:4px solid #b3261e}";

    /** The page of a certificate, its status as of {@code asOf}. */
    public String certificate(Language language, CertificateStore.Row r, CertificateStatus status, Instant asOf,
                              String certificationBody) {
        boolean en = language == Language.EN;
        String lang = language.tag();
        StringBuilder b = head(lang, t(language, "doc.certificate.public.title") + " " + r.number());
        switchLink(b, language, "/c/" + r.publicId());
        b.append("<p class=m>").append(escape(certificationBody)).append("</p>");
        b.append("<h1>").append(escape(t(language, "doc.certificate.public.title"))).append("</h1>");
        b.append("<div class=\"s ").append(status.name()).append("\" id=status data-status=").append(status.name()).append('>')
                .append(escape(t(language, "doc.certificate.status." + status.name())))
                .append("<small>").append(escape(t(language, "doc.certificate.status_note." + status.name()))).append("</small>")
                .append("<small id=as-of>").append(escape(t(language, "doc.certificate.public.as_of", time(language, asOf))))
                .append("</small></div>");
        b.append("<div class=c><dl>");
        item(b, language, "doc.certificate.number", r.number(), "number");
        item(b, language, "doc.certificate.organization", CertificateDocuments.pick(en, r.organizationName(), r.organizationNameEn()), "organization");
        item(b, language, "doc.certificate.site", CertificateDocuments.pick(en, r.siteName(), r.siteNameEn())
                + (r.siteAddress() == null ? "" : " · " + r.siteAddress()), "site");
        item(b, language, "doc.certificate.scheme", CertificateDocuments.pick(en, r.schemeTitleZh(), r.schemeTitleEn())
                + " (" + r.schemeCode() + " v" + r.schemeVersion() + ")", "scheme");
        item(b, language, "doc.certificate.scope", CertificateDocuments.pick(en, r.scopeZh(), r.scopeEn()), "scope");
        item(b, language, "doc.certificate.grade", CertificateDocuments.pick(en, r.gradeNameZh(), r.gradeNameEn())
                + (r.printedTotal() == null ? "" : " · " + r.printedTotal() + (r.fullMarks() == null ? "" : " / " + r.fullMarks())), "grade");
        item(b, language, "doc.certificate.issued_on", date(language, r.issuedOn()), "issued");
        item(b, language, "doc.certificate.expires_on", date(language, r.expiresOn()), "expires");
        List<CertificateDtos.SurveillanceWindow> windows = Certificates.surveillance(r.issuedOn(), r.expiresOn());
        if (!windows.isEmpty()) {
            b.append("<dt>").append(escape(t(language, "doc.certificate.surveillance"))).append("</dt>");
            for (CertificateDtos.SurveillanceWindow w : windows) {
                b.append("<dd>").append(escape(t(language, "doc.certificate.surveillance_window", w.number(),
                        date(language, w.from()), date(language, w.to())))).append("</dd>");
            }
        }
        b.append("</dl></div>");
        String svg = en ? r.radarSvgEn() : r.radarSvgZh();
        if (svg != null) {
            // our own SVG (RadarCharts.svg escapes its labels), fixed at issue
            b.append("<div class=c id=radar><p class=m>").append(escape(t(language, "doc.certificate.radar"))).append("</p>")
                    .append(svg).append("</div>");
        }
        b.append("<div class=c><dl>");
        b.append("<dt>").append(escape(t(language, "doc.certificate.audit_report_sha256"))).append("</dt><dd class=h id=audit-sha256>")
                .append(escape(r.auditReportSha256())).append("</dd>");
        b.append("<dt>").append(escape(t(language, "doc.certificate.revision_sha256", r.revision()))).append("</dt><dd class=h>")
                .append(escape(r.revisionSha256())).append("</dd>");
        b.append("<dt>").append(escape(t(language, "doc.certificate.body"))).append("</dt><dd>")
                .append(escape(certificationBody)).append("</dd></dl></div>");
        b.append("<p class=m>").append(escape(t(language, "doc.certificate.public.note"))).append("</p>");
        return foot(b);
    }

    /** Unknown, forged or altered id: the page says the certificate cannot be verified (404). */
    public String notFound(Language language, String path) {
        StringBuilder b = head(language.tag(), t(language, "doc.certificate.public.unknown_title"));
        switchLink(b, language, path);
        b.append("<div class=\"c n\" id=unverified><h1>").append(escape(t(language, "doc.certificate.public.unknown_title")))
                .append("</h1><p>").append(escape(t(language, "doc.certificate.public.unknown_text"))).append("</p></div>");
        return foot(b);
    }

    /** Too many checks from one address (429). */
    public String busy(Language language, long retrySeconds) {
        StringBuilder b = head(language.tag(), t(language, "doc.certificate.public.busy_title"));
        b.append("<div class=c id=busy><h1>").append(escape(t(language, "doc.certificate.public.busy_title")))
                .append("</h1><p>").append(escape(t(language, "doc.certificate.public.busy_text", retrySeconds)))
                .append("</p></div>");
        return foot(b);
    }

    private static void item(StringBuilder b, Language language, String key, String value, String id) {
        b.append("<dt>").append(escape(t(language, key))).append("</dt><dd id=").append(id).append('>')
                .append(escape(value)).append("</dd>");
    }

    private static void switchLink(StringBuilder b, Language language, String path) {
        Language other = language == Language.EN ? Language.ZH_CN : Language.EN;
        // only our own path characters reach the link: the id is checked before a page is shown, else it is dropped
        String safe = path.matches("/c/[A-Za-z0-9_-]{1,64}") ? path : "/c/";
        b.append("<p class=t><a id=lang-switch href=\"").append(escape(safe)).append("?lang=").append(other.tag())
                .append("\" lang=").append(other.tag()).append('>')
                // a language is offered in its own name ("English", "中文"), whatever the page's language: not a text
                // to translate, so not a bundle key
                .append(other == Language.EN ? "English" : "中文")
                .append("</a></p>");
    }

    static String t(Language language, String key, Object... args) {
        return MessageBundle.render(language, Message.of(key, args));
    }

    static String date(Language language, LocalDate d) {
        return (language == Language.EN ? EN_DATE : ZH_DATE).format(d);
    }

    static String time(Language language, Instant instant) {
        return (language == Language.EN ? EN_TIME : ZH_TIME).format(instant.atZone(Certificates.ZONE))
                + (language == Language.EN ? " (Beijing time)" : "（北京时间）");
    }

    private static StringBuilder head(String lang, String title) {
        return new StringBuilder(8192).append("<!doctype html><html lang=").append(lang)
                .append("><head><meta charset=utf-8><meta name=viewport content=\"width=device-width,initial-scale=1\">")
                .append("<meta name=robots content=noindex><title>").append(escape(title))
                .append("</title><link rel=icon href=\"data:,\"><style>").append(STYLE).append("</style></head><body><main>");
    }

    private static String foot(StringBuilder b) {
        return b.append("</main></body></html>").toString();
    }
}
