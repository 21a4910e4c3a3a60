package com.tanfang.certificate;

import com.tanfang.message.Language;
import com.tanfang.message.TooManyRequestsException;
import com.tanfang.platform.ClientAddresses;
import com.tanfang.platform.Messages;
import com.tanfang.platform.RateLimiter;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.time.Clock;
import java.time.Duration;

/**
 * What the QR code on a certificate opens: {@code /c/{publicId}}, no login. The live status (EXPIRED computed on the
 * clock) with the moment it was read; an unknown, forged or altered id gets a 404 page that says the certificate
 * cannot be verified. Rate-limited per address (429 page): the id is unguessable, the limit stops enumeration tries
 * and floods. Security headers: its own CSP (inline style and data: images only), the platform's others.
 */
@Controller("/c")
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class PublicCertificateController {
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none';"
            + " base-uri 'none'; frame-ancestors 'none'";
    private final Certificates certificates;
    private final CertificateDocuments documents;
    private final PublicCertificatePage pages;
    private final RateLimiter limiter;
    private final ClientAddresses addresses;
    private final Clock clock;
    private final int perMinute;

    public PublicCertificateController(Certificates certificates, CertificateDocuments documents,
                                       PublicCertificatePage pages, RateLimiter limiter, ClientAddresses addresses,
                                       Clock clock,
                                       @Value("${tanfang.certificate.limit.per-address-per-minute:60}") int perMinute) {
        this.certificates = certificates;
        this.documents = documents;
        this.pages = pages;
        this.limiter = limiter;
        this.addresses = addresses;
        this.clock = clock;
        this.perMinute = perMinute;
    }

    @Get("/{publicId}")
    public MutableHttpResponse<String> check(String publicId, HttpRequest<?> request) {
        Language language = language(request);
        try {
            limiter.hit("certificate:" + addresses.of(request), perMinute, Duration.ofMinutes(1), "address");
        } catch (TooManyRequestsException e) {
            return html(HttpStatus.TOO_MANY_REQUESTS, pages.busy(language, e.retryAfterSeconds()))
                    .header("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        var found = certificates.byPublicId(publicId);
        if (found.isEmpty()) {
            return html(HttpStatus.NOT_FOUND, pages.notFound(language, "/c/" + publicId));
        }
        CertificateStore.Row r = found.get();
        CertificateStatus status = CertificateStatus.effective(r.status(), r.expiresOn(), certificates.today());
        return html(HttpStatus.OK, pages.certificate(language, r, status, clock.instant(), documents.certificationBody()));
    }

    /** ?lang= (the page's switch), else the browser's Accept-Language, else Chinese. */
    static Language language(HttpRequest<?> request) {
        String asked = request.getParameters().get("lang");
        if (asked != null && Messages.LANGUAGES.contains(asked)) {
            return Language.ofTag(asked);
        }
        return Messages.language(null, request.getHeaders().get("Accept-Language"));
    }

    private static MutableHttpResponse<String> html(HttpStatus status, String body) {
        return HttpResponse.<String>status(status).body(body).contentType("text/html;charset=utf-8")
                .header("Content-Security-Policy", CSP).header("Cache-Control", "no-store")
                .header("X-Robots-Tag", "noindex");
    }
}
