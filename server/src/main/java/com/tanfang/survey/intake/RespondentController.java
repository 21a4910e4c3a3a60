package com.tanfang.survey.intake;

import com.tanfang.survey.campaign.SurveyCampaign;

import com.tanfang.message.DomainException;
import com.tanfang.message.FieldProblem;
import com.tanfang.message.InvalidException;
import com.tanfang.message.TooManyRequestsException;
import com.tanfang.platform.Messages;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a resident's phone opens from the QR code: {@code /s/{token}}. A plain HTML form posted back to the same
 * address, then a redirect to the thank-you page (POST-redirect-GET: the back button never resubmits).
 */
@Controller("/s")
@io.micronaut.http.annotation.Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class RespondentController {
    static final String BROWSER_COOKIE = "tf_b";
    /** The respondent's own zh/en choice, remembered for the next visit (only set when they chose one). */
    static final String LANGUAGE_COOKIE = com.tanfang.platform.ErrorPages.RESPONDENT_LANGUAGE_COOKIE;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self';"
            + " base-uri 'none'; frame-ancestors 'none'";
    private final Submissions submissions;
    private final FormDrafts drafts;
    private final RespondentPages pages;
    private final FormSigner signer;
    private final com.tanfang.platform.ClientAddresses addresses;

    private final Clock clock;

    public RespondentController(Submissions submissions, RespondentPages pages, FormSigner signer,
                                com.tanfang.platform.ClientAddresses addresses, FormDrafts drafts, Clock clock) {
        this.clock = clock;
        this.drafts = drafts;
        this.submissions = submissions;
        this.pages = pages;
        this.signer = signer;
        this.addresses = addresses;
    }

    @Get("/{token}")
    public MutableHttpResponse<String> page(String token, HttpRequest<?> request) {
        var found = submissions.find(token);
        String browser = request.getCookies().findCookie(BROWSER_COOKIE).map(Cookie::getValue).orElse(null);
        MutableHttpResponse<String> response;
        if (found.isEmpty() || found.get().point().revokedAt() != null) {
            response = html(found.isEmpty() ? HttpStatus.NOT_FOUND : HttpStatus.GONE, pages.revoked(language(request, null, null)));
        } else {
            SurveyCampaign c = found.get().campaign();
            String lang = language(request, c, null);
            response = switch (c.state(clock.instant())) {
                case NOT_YET_OPEN -> html(HttpStatus.OK, pages.notOpen(lang, c));
                case CLOSED -> html(HttpStatus.OK, pages.closed(lang, c));
                case OPEN -> {
                    var draft = drafts.find(token, request.getParameters().get("draft"));
                    if (draft.isPresent()) {
                        yield html(HttpStatus.OK, pages.form(lang, c, pointName(found.get()), token,
                                submissions.questionnaire(c.id()), draft.get()));
                    }
                    var current = submissions.currentAnswers(c.id(), found.get().point().id(), browser);
                    Map<String, String> values = new HashMap<>();
                    current.ifPresent(a -> a.forEach((q, v) -> values.put("a" + q, String.valueOf(v))));
                    yield html(HttpStatus.OK, pages.form(lang, c, pointName(found.get()), token,
                            submissions.questionnaire(c.id()), freshState(values, List.of(),
                                    submissions.answeredBefore(c.id(), browser), current.isPresent())));
                }
            };
        }
        String chosen = request.getParameters().get("lang");
        if (chosen != null && Messages.LANGUAGES.contains(chosen)) {
            response.cookie(Cookie.of(LANGUAGE_COOKIE, chosen).path("/s").httpOnly(true).sameSite(SameSite.Lax)
                    .secure(request.isSecure()).maxAge(Duration.ofDays(365)));
        }
        if (browser == null) {
            byte[] id = new byte[16];
            RANDOM.nextBytes(id);
            response.cookie(Cookie.of(BROWSER_COOKIE, Base64.getUrlEncoder().withoutPadding().encodeToString(id))
                    .path("/s").httpOnly(true).sameSite(SameSite.Lax).secure(request.isSecure()).maxAge(Duration.ofDays(365)));
        }
        return response;
    }

    @Post(value = "/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public MutableHttpResponse<String> submit(String token, @Body Map<String, String> form, HttpRequest<?> request) {
        Map<String, Integer> answers = new HashMap<>();
        form.forEach((k, v) -> {
            if (k.matches("a\\d{1,18}")) {
                answers.put(k.substring(1), parseAnswer(v));
            }
        });
        Long renderedAt = parseLong(form.get("renderedAt"));
        Submission in = new Submission(form.get("submissionId"), renderedAt, form.get("signature"), answers,
                form.get("comment"), form.get("phone"), "true".equals(form.get("phoneConsent")), form.get("lang"));
        var found = submissions.find(token);
        String lang = language(request, found.map(Submissions.OpenPoint::campaign).orElse(null), form.get("lang"));
        try {
            submissions.submitOnline(token, in, origin(request, addresses));
            return HttpResponse.<String>seeOther(URI.create("/s/" + token + "/thanks?lang=" + lang))
                    .header("Content-Security-Policy", CSP);
        } catch (DomainException e) {
            if (e instanceof InvalidException && found.isPresent()) {
                boolean idProblem = e.problems().stream().anyMatch(p -> p.field().equals("submissionId"));
                RespondentPages.FormState state = idProblem ? freshState(form, e.problems(), false, false)
                        : new RespondentPages.FormState(in.submissionId(), renderedAt == null ? 0 : renderedAt,
                        form.getOrDefault("signature", ""), form, e.problems(), false, false);
                drafts.keep(token, state);
                // A redirect to a GET of the errors (not a 422 POST response that Back would re-post), landing
                // on the first error: an anchor does that without script.
                return HttpResponse.<String>seeOther(URI.create("/s/" + token + "?lang=" + lang + "&draft="
                                + state.submissionId() + "#" + pages.anchorOfFirst(e.problems())))
                        .header("Content-Security-Policy", CSP).header("Cache-Control", "no-store");
            }
            if (e instanceof TooManyRequestsException) {
                return html(HttpStatus.TOO_MANY_REQUESTS, pages.busy(lang));
            }
            return page(token, request);
        }
    }

    @Get("/{token}/thanks")
    public MutableHttpResponse<String> thanks(String token, HttpRequest<?> request) {
        var found = submissions.find(token);
        if (found.isEmpty()) {
            return html(HttpStatus.NOT_FOUND, pages.revoked(language(request, null, null)));
        }
        SurveyCampaign c = found.get().campaign();
        return html(HttpStatus.OK, pages.thanks(language(request, c, null), c));
    }

    static Submission.Origin origin(HttpRequest<?> request, com.tanfang.platform.ClientAddresses addresses) {
        String browser = request.getCookies().findCookie(BROWSER_COOKIE).map(Cookie::getValue).orElse(null);
        return new Submission.Origin(browser, addresses.of(request), request.getHeaders().get("User-Agent"));
    }

    private RespondentPages.FormState freshState(Map<String, String> values, List<FieldProblem> problems,
                                                 boolean answeredBefore, boolean amending) {
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        return new RespondentPages.FormState(id, now, signer.sign(id, now), values, problems, answeredBefore, amending);
    }

    private static String pointName(Submissions.OpenPoint p) {
        return p.pointName();
    }

    /** The chosen language (form, query, cookie, browser); Chinese only when the campaign has no English. */
    private static String language(HttpRequest<?> request, SurveyCampaign c, String fromForm) {
        if (c != null && !c.english()) {
            return "zh-CN";
        }
        String asked = fromForm != null ? fromForm : request.getParameters().get("lang");
        if (asked != null && Messages.LANGUAGES.contains(asked)) {
            return asked;
        }
        String remembered = request.getCookies().findCookie(LANGUAGE_COOKIE).map(Cookie::getValue).orElse(null);
        if (remembered != null && Messages.LANGUAGES.contains(remembered)) {
            return remembered;
        }
        return Messages.languageOf(request);
    }

    private static MutableHttpResponse<String> html(HttpStatus status, String body) {
        return HttpResponse.<String>status(status).body(body).contentType("text/html;charset=utf-8")
                .header("Content-Security-Policy", CSP).header("Cache-Control", "no-store")
                .header("Referrer-Policy", "same-origin"); // no-referrer makes Chrome post "Origin: null", which CORS refuses
    }

    private static Integer parseAnswer(String v) {
        try {
            return Integer.valueOf(v.trim());
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE; // out of range, and not -1 (N/A)
        }
    }

    private static Long parseLong(String v) {
        try {
            return v == null ? null : Long.valueOf(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
