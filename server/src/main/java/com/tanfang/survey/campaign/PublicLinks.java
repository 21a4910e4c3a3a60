package com.tanfang.survey.campaign;

import com.tanfang.platform.ClientAddresses;
import com.tanfang.platform.StartupProblem;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The address respondents open, printed in QR codes and notices. {@code TANFANG_PUBLIC_URL} (e.g.
 * https://survey.example.cn) when set, which a printed notice needs. Otherwise the address the staff member is
 * using: {@code X-Forwarded-Proto}/{@code X-Forwarded-Host} only from a trusted proxy (the check
 * {@link ClientAddresses} makes for {@code X-Forwarded-For}), else the connection's scheme and the Host header.
 * Only http and https links and syntactically plain host names ever reach a notice.
 */
@Singleton
public class PublicLinks {
    private static final Logger LOG = LoggerFactory.getLogger(PublicLinks.class);
    /** A DNS name or IPv4 address, or a bracketed IPv6 address, with an optional port. */
    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}\\])(?::[0-9]{1,5})?");
    private final String configured;
    private final ClientAddresses addresses;

    public PublicLinks(@Nullable @Value("${tanfang.public-url:}") String configured, ClientAddresses addresses) {
        this.configured = configured == null || configured.isBlank() ? null : checked(configured.trim().replaceAll("/+$", ""));
        this.addresses = addresses;
    }

    private static String checked(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new StartupProblem("TANFANG_PUBLIC_URL is not a URL: " + url, null);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new StartupProblem("TANFANG_PUBLIC_URL must be an http:// or https:// address such as"
                    + " https://survey.example.cn, not " + url, null);
        }
        return url;
    }

    @EventListener
    void warnWithoutPublicUrl(StartupEvent event) {
        if (configured == null) {
            LOG.warn("TANFANG_PUBLIC_URL is not set: QR codes and notices print the address the staff member uses"
                    + " (a loopback address such as localhost works on this machine only). Set it to the address"
                    + " respondents' phones open, e.g. https://survey.example.cn.");
        }
    }

    public String base(HttpRequest<?> request) {
        if (configured != null) {
            return configured;
        }
        boolean proxied = addresses.fromTrustedProxy(request);
        String proto = proxied ? scheme(request.getHeaders().get("X-Forwarded-Proto")) : null;
        if (proto == null) {
            proto = request.isSecure() ? "https" : "http";
        }
        String host = proxied ? host(request.getHeaders().get("X-Forwarded-Host")) : null;
        if (host == null) {
            host = host(request.getHeaders().get(HttpHeaders.HOST));
        }
        return proto + "://" + (host != null ? host : "localhost");
    }

    /** http or https from a forwarded header (its first value), anything else is ignored. */
    private static String scheme(String header) {
        if (header == null) {
            return null;
        }
        String first = header.split(",", 2)[0].trim().toLowerCase(Locale.ROOT);
        return first.equals("http") || first.equals("https") ? first : null;
    }

    private static String host(String header) {
        if (header == null) {
            return null;
        }
        String first = header.split(",", 2)[0].trim();
        return HOST.matcher(first).matches() ? first.toLowerCase(Locale.ROOT) : null;
    }

    public String survey(HttpRequest<?> request, String token) {
        return base(request) + "/s/" + token;
    }
}
