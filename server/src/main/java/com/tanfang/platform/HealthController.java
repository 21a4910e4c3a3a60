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

/** Liveness with the database: 200 UP when a query round-trips, 503 DOWN otherwise. */
@Controller("/health")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "health")
public class HealthController {
    private final DataSource dataSource;

    public HealthController(DataSource dataSource) {
        // The raw pool, not the transaction-aware proxy: health runs outside any transaction.
        this.dataSource = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource);
    }

    @Serdeable
    public record Health(String status, Database database) {
    }

    @Serdeable
    public record Database(String status, String version, long latencyMicros, String error) {
    }

    @Get
    public HttpResponse<Health> health() {
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(3);
            try (ResultSet rs = s.executeQuery("select current_setting('server_version')")) {
                rs.next();
                String version = rs.getString(1);
                return HttpResponse.ok(new Health("UP",
                        new Database("UP", version, (System.nanoTime() - start) / 1000, null)));
            }
        } catch (Exception e) {
            return HttpResponse.<Health>status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(new Health("DOWN", new Database("DOWN", null, (System.nanoTime() - start) / 1000,
                            e.getClass().getSimpleName() + ": " + e.getMessage())));
        }
    }
}
