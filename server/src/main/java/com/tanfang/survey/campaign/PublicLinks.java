package com.tanfang.survey.campaign;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * The address respondents open. {@code TANFANG_PUBLIC_URL} (e.g. https://survey.example.cn) when set, which a
 * printed notice needs; otherwise the address the staff member is using.
 */
@Singleton
public class PublicLinks {
    private final String configured;

    public PublicLinks(@Nullable @Value("${tanfang.public-url:}") String configured) {
        this.configured = configured == null || configured.isBlank() ? null : configured.replaceAll("/+$", "");
    }

    public String base(HttpRequest<?> request) {
        if (configured != null) {
            return configured;
        }
        String host = request.getHeaders().get(HttpHeaders.HOST);
        String proto = request.getHeaders().get("X-Forwarded-Proto");
        return (proto != null ? proto : request.isSecure() ? "https" : "http") + "://" + (host != null ? host : "localhost");
    }

    public String survey(HttpRequest<?> request, String token) {
        return base(request) + "/s/" + token;
    }
}
