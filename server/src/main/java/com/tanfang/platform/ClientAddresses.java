package com.tanfang.platform;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The client's address. Behind a reverse proxy every request comes from the proxy, so rate limits and fraud
 * signals would lump all residents together; {@code TANFANG_TRUSTED_PROXIES} (comma-separated addresses) names
 * the proxies whose {@code X-Forwarded-For} is believed. Headers from anyone else are ignored: they are forgeable.
 */
@Singleton
public class ClientAddresses {
    private final Set<String> trusted;

    public ClientAddresses(@Nullable @Value("${tanfang.trusted-proxies:}") String trustedProxies) {
        this.trusted = trustedProxies == null || trustedProxies.isBlank() ? Set.of()
                : Arrays.stream(trustedProxies.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    /** Whether the request came straight from one of our proxies, so its X-Forwarded-* headers may be believed. */
    public boolean fromTrustedProxy(HttpRequest<?> request) {
        return trusted.contains(request.getRemoteAddress().getAddress().getHostAddress());
    }

    /**
     * Whether the caller reached us over TLS: directly, or through one of our proxies that says so in
     * {@code X-Forwarded-Proto}. Cookies are then marked {@code Secure}.
     */
    public boolean overTls(HttpRequest<?> request) {
        if (request.isSecure()) {
            return true;
        }
        String proto = request.getHeaders().get("X-Forwarded-Proto");
        return proto != null && fromTrustedProxy(request) && "https".equalsIgnoreCase(proto.split(",")[0].trim());
    }

    public String of(HttpRequest<?> request) {
        String peer = request.getRemoteAddress().getAddress().getHostAddress();
        String forwarded = request.getHeaders().get("X-Forwarded-For");
        if (!trusted.contains(peer) || forwarded == null) {
            return peer;
        }
        // The right-most address that is not one of our proxies is the one the first proxy saw.
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trusted.contains(hop)) {
                return hop.length() > 64 ? hop.substring(0, 64) : hop;
            }
        }
        return peer;
    }
}
