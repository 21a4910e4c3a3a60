package com.tanfang.platform;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.tags.Tag;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Liveness with the database: 200 UP when a query round-trips, 503 DOWN otherwise, within a second either way (a
 * load balancer's check must not hang on the pool's five-second wait). The error is a word, never exception text:
 * the endpoint is public.
 */
@Controller("/health")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "health")
public class HealthController {
    private static final long ANSWER_WITHIN_MILLIS = 800;
    private final DataSource dataSource;
    private final DatabaseWatch watch;
    private final ExecutorService checks = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "health-check");
        t.setDaemon(true);
        return t;
    });

    public HealthController(DataSource dataSource, DatabaseWatch watch) {
        // The raw pool, not the transaction-aware proxy: health runs outside any transaction.
        this.dataSource = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource);
        this.watch = watch;
    }

    @Serdeable
    public record Health(String status, Database database) {
    }

    /** {@code error} is "unavailable" or "timeout" when DOWN. */
    @Serdeable
    public record Database(String status, String version, long latencyMicros, String error) {
    }

    @Get
    public HttpResponse<Health> health() {
        long start = System.nanoTime();
        if (!watch.available()) {
            return down(start, "unavailable");
        }
        CompletableFuture<String> version = CompletableFuture.supplyAsync(this::serverVersion, checks);
        try {
            String v = version.get(ANSWER_WITHIN_MILLIS, TimeUnit.MILLISECONDS);
            return HttpResponse.ok(new Health("UP", new Database("UP", v, (System.nanoTime() - start) / 1000, null)));
        } catch (TimeoutException e) {
            version.cancel(true);
            return down(start, "timeout");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down(start, "unavailable");
        } catch (Exception e) {
            return down(start, "unavailable");
        }
    }

    private String serverVersion() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(2);
            try (ResultSet rs = s.executeQuery("select current_setting('server_version')")) {
                rs.next();
                return rs.getString(1);
            }
        } catch (java.sql.SQLException e) {
            if (DatabaseWatch.isConnectionFailure(e)) {
                watch.connectionFailed();
            }
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<Health> down(long start, String error) {
        return HttpResponse.<Health>status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(io.micronaut.http.HttpHeaders.RETRY_AFTER, DatabaseUnavailableFilter.RETRY_AFTER_SECONDS)
                .body(new Health("DOWN", new Database("DOWN", null, (System.nanoTime() - start) / 1000, error)));
    }
}
