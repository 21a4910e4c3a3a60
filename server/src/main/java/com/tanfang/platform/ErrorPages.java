package com.tanfang.platform;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The 404/403/500/503 pages, in the visitor's language, from the web jar's {@code web/error.html}. */
@Singleton
public class ErrorPages {
    /** The survey respondent's own language choice (set by the survey page, path {@code /s}). */
    public static final String RESPONDENT_LANGUAGE_COOKIE = "tf_lang";
    private final Messages messages;
    private final String template;

    public ErrorPages(Messages messages) {
        this.messages = messages;
        try (InputStream in = ErrorPages.class.getClassLoader().getResourceAsStream("web/error.html")) {
            if (in == null) {
                throw new IllegalStateException("Missing web/error.html in the web jar");
            }
            this.template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String render(HttpRequest<?> request, int status) {
        // The page's language switch is a plain link (?lang=...): the pages' CSP allows no inline script.
        String asked = request.getParameters().get("lang");
        if (asked == null) {
            asked = request.getCookies().findCookie(RESPONDENT_LANGUAGE_COOKIE).map(c -> c.getValue()).orElse(null);
        }
        String lang = "en".equals(asked) || "zh-CN".equals(asked) ? asked : Messages.languageOf(request);
        String kind = switch (status) {
            case 401, 403 -> "403";
            case 404, 405 -> "404";
            case 503 -> "503"; // the database is away for a moment: "try again shortly", not "something broke"
            default -> status >= 500 ? "500" : "400";
        };
        String other = lang.equals("en") ? "zh-CN" : "en";
        return template
                .replace("{{lang}}", lang)
                .replace("{{status}}", String.valueOf(status))
                .replace("{{title}}", escape(messages.get(lang, "error." + kind + ".title")))
                .replace("{{message}}", escape(messages.get(lang, "error." + kind + ".message")))
                .replace("{{home}}", escape(messages.get(lang, "error.home")))
                .replace("{{otherLang}}", other)
                .replace("{{otherLangLabel}}", escape(messages.get(other, "lang.self")))
                .replace("{{requestId}}", escape(String.valueOf(RequestIds.of(request))));
    }

    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
