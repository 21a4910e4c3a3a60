package com.tanfang.platform;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id (the caller's X-Request-Id when sane), puts it in the logging MDC, echoes it in
 * the response and writes one access line per request.
 */
@ServerFilter("/**")
public class RequestIds implements Ordered {
    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "tanfang.requestId";
    private static final String STARTED = "tanfang.started";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Logger ACCESS = LoggerFactory.getLogger("com.tanfang.accesslog");

    @RequestFilter
    public void assign(HttpRequest<?> request, MutablePropagatedContext context) {
        String given = request.getHeaders().get(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given
                : UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        request.setAttribute(ATTRIBUTE, id);
        request.setAttribute(STARTED, System.nanoTime());
        context.add(new MdcPropagationContext(Map.of("requestId", id)));
    }

    @ResponseFilter
    public void echo(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String id = of(request);
        response.getHeaders().set(HEADER, id);
        if (ACCESS.isInfoEnabled()) {
            long started = request.getAttribute(STARTED, Long.class).orElse(System.nanoTime());
            ACCESS.info("[{}] {} {} {} {}ms", id, request.getMethodName(), request.getPath(), response.code(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    public static @Nullable String of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).orElse(null);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
