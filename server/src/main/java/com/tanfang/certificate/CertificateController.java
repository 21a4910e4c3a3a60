package com.tanfang.certificate;

import com.tanfang.access.Caller;
import com.tanfang.access.Role;
import com.tanfang.message.Language;
import com.tanfang.platform.Messages;
import com.tanfang.survey.campaign.PublicLinks;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.util.List;

/**
 * Certificates over the API (server/docs/certificates.md). Writes: the project's lead or an ADMIN (other LEADs who
 * see the project 403). Reads: ADMIN, the team's LEAD and AUDITOR, the CLIENT of the certified organisation;
 * SHOPPER and VERIFIER 403; whoever may not see the project 404.
 */
@Controller("/api/v1")
@Tag(name = "certificates")
public class CertificateController {
    private final Certificates certificates;
    private final PublicLinks links;

    public CertificateController(Certificates certificates, PublicLinks links) {
        this.certificates = certificates;
        this.links = links;
    }

    @Get("/certificates")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public List<CertificateDtos.CertificateView> visible(Caller caller) {
        return certificates.visible(caller);
    }

    @Get("/projects/{projectId}/certificates")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public List<CertificateDtos.CertificateView> ofProject(long projectId, Caller caller) {
        return certificates.ofProject(projectId, caller);
    }

    @Post("/projects/{projectId}/certificates")
    @Secured({Role.ADMIN_, Role.LEAD_})
    public HttpResponse<CertificateDtos.CertificateView> issue(long projectId,
                                                               @Body @Valid @Nullable CertificateDtos.IssueInput in,
                                                               Caller caller, HttpRequest<?> request) {
        return HttpResponse.created(certificates.issue(projectId, in, caller, links.base(request)));
    }

    @Get("/certificates/{certificateId}")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public CertificateDtos.CertificateView get(long certificateId, Caller caller) {
        return certificates.get(certificateId, caller);
    }

    @Post("/certificates/{certificateId}/status")
    @Secured({Role.ADMIN_, Role.LEAD_})
    public CertificateDtos.CertificateView status(long certificateId, @Body @Valid CertificateDtos.StatusInput in,
                                                  Caller caller) {
        return certificates.changeStatus(certificateId, in, caller);
    }

    /** The PDF in {@code lang} (zh-CN or en; else the caller's language). */
    @Get(value = "/certificates/{certificateId}/pdf", produces = "application/pdf")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public HttpResponse<byte[]> pdf(long certificateId, @Nullable @QueryValue String lang, Caller caller,
                                    HttpRequest<?> request) {
        Language language = lang != null && Messages.LANGUAGES.contains(lang) ? Language.ofTag(lang)
                : Messages.language(request);
        CertificateDtos.CertificateView v = certificates.get(certificateId, caller);
        byte[] pdf = certificates.pdf(certificateId, language, caller);
        return HttpResponse.ok(pdf).contentType("application/pdf")
                .header("Content-Disposition", "inline; filename=\"certificate-" + v.number() + "-"
                        + language.tag() + ".pdf\"")
                .header("Cache-Control", "private, no-store").header("X-Content-Type-Options", "nosniff");
    }
}
