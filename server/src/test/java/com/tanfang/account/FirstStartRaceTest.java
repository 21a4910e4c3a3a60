package com.tanfang.account;

import com.tanfang.demo.DemoCertificates;
import com.tanfang.demo.DemoData;
import com.tanfang.demo.DemoFirstStart;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two server instances starting at the same moment on one empty database (server/bench/two-instances.sh found it):
 * both ran the first start, both found no admin (and no demo data), both created them, and the second failed its
 * start on the duplicate key. Here two first-start runs race on a database of their own, released together by a
 * barrier: one admin, one demo estate, no exception.
 */
@MicronautTest(transactional = false)
class FirstStartRaceTest {
    private static final String DB = "first_start_race_test";

    @Inject
    ApplicationContext context;
    @Inject
    DataSource dataSource;

    private String password() {
        return context.getProperty("datasources.default.password", String.class).orElse("");
    }

    private String username() {
        return context.getProperty("datasources.default.username", String.class).orElse("postgres");
    }

    /** A fresh database next to the shared one, and a context of its own on it (migrated, admin created at start). */
    private ApplicationContext scratchContext() throws SQLException {
        String url;
        try (Connection any = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement st = any.createStatement()) {
            st.execute("drop database if exists " + DB + " with (force)");
            st.execute("create database " + DB);
            url = any.getMetaData().getURL().replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + DB);
        }
        return ApplicationContext.builder(Environment.TEST).properties(Map.of(
                "datasources.default.url", url,
                "datasources.default.username", username(),
                "datasources.default.password", password(),
                "tanfang.demo", "false")).start();
    }

    private long count(ApplicationContext c, String sql) throws SQLException {
        try (Connection conn = DelegatingDataSource.unwrapDataSource(c.getBean(DataSource.class)).getConnection();
             Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void exec(ApplicationContext c, String sql) throws SQLException {
        try (Connection conn = DelegatingDataSource.unwrapDataSource(c.getBean(DataSource.class)).getConnection();
             Statement st = conn.createStatement()) {
            st.execute(sql);
        }
    }

    /** Runs {@code task} in two threads released at once; rethrows the first failure. */
    private static void twiceAtOnce(Runnable task) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    barrier.await(30, TimeUnit.SECONDS);
                    task.run();
                    return null;
                }));
            }
            for (Future<?> f : runs) {
                f.get(300, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoFirstStartsAtOnceMakeOneAdmin() throws Exception {
        try (ApplicationContext scratch = scratchContext()) {
            assertEquals(1, count(scratch, "select count(*) from app_user where 'ADMIN' = any(roles)"));
            // Back to "no admin yet" without deleting a row the evidence log may name: the start's admin steps down.
            exec(scratch, "update app_user set roles = array['LEAD'], username = 'admin-before' where username = 'admin'");

            FirstStart firstStart = scratch.getBean(FirstStart.class);
            twiceAtOnce(() -> firstStart.onStartup(null));
            assertEquals(1, count(scratch, "select count(*) from app_user where 'ADMIN' = any(roles)"));
            assertEquals(1, count(scratch, "select count(*) from app_user where username = 'admin'"));
        } finally {
            dropScratch();
        }
    }

    @Test
    void twoDemoLoadsAtOnceMakeOneDemoEstate() throws Exception {
        try (ApplicationContext scratch = scratchContext()) {
            // The context runs with TANFANG_DEMO=false; two listeners with it on race here.
            DemoFirstStart demo = new DemoFirstStart(scratch.getBean(DemoData.class),
                    scratch.getBean(DemoCertificates.class), "Race-Demo-Pa55word-7", true);
            twiceAtOnce(() -> demo.onFirstStart(new FirstStartEvent(new ArrayList<>())));
            assertEquals(1, count(scratch, "select count(*) from organization where name = '" + DemoData.ORGANIZATION_NAME + "'"));
            assertEquals(1, count(scratch, "select count(*) from app_user where username = 'lead'"));
        } finally {
            dropScratch();
        }
    }

    private void dropScratch() throws SQLException {
        try (Connection any = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement st = any.createStatement()) {
            st.execute("drop database if exists " + DB + " with (force)");
        }
    }
}
