package com.tanfang.platform;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Statements of one round trip run in order, each seeing what the ones before it did, with their own parameters. */
@MicronautTest(transactional = false)
class RoundTripTest {
    @Inject
    DataSource dataSource;

    private Connection connection() throws SQLException {
        Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("create temporary table trip_probe (n int) on commit drop");
        }
        return c;
    }

    @Test
    void statementsRunInOrderAndEachSeesTheOnesBefore() throws SQLException {
        try (Connection c = connection()) {
            RoundTrip trip = new RoundTrip();
            RoundTrip.Part<Void> lock = trip.lock("round-trip-test");
            RoundTrip.Part<Long> inserted = trip.add("with i as (insert into trip_probe values (?), (?) returning n) "
                    + "select count(*) from i", (ps, cn, i) -> {
                        ps.setInt(i, 3);
                        ps.setInt(i + 1, 4);
                        return i + 2;
                    }, RoundTrip::firstLong);
            RoundTrip.Part<Long> sum = trip.add("select sum(n) * ? from trip_probe", (ps, cn, i) -> {
                ps.setInt(i, 10);
                return i + 1;
            }, RoundTrip::firstLong);
            RoundTrip.Part<Long> none = trip.add("select n from trip_probe where n > ?", (ps, cn, i) -> {
                ps.setInt(i, 99);
                return i + 1;
            }, RoundTrip::firstLong);
            trip.run(c);
            assertNull(lock.result());
            assertEquals(2L, inserted.result());
            assertEquals(70L, sum.result(), "the select saw the insert before it, and its own parameter");
            assertNull(none.result(), "no row");
            c.rollback();
        }
    }

    @Test
    void aFailingStatementFailsTheTripAndThoseAfterItDoNotRun() throws SQLException {
        try (Connection c = connection()) {
            RoundTrip trip = new RoundTrip();
            trip.add("select 1 / ?", (ps, cn, i) -> {
                ps.setInt(i, 0);
                return i + 1;
            }, RoundTrip::firstLong);
            RoundTrip.Part<Long> after = trip.add("with i as (insert into trip_probe values (1) returning n) "
                    + "select count(*) from i", (ps, cn, i) -> i, RoundTrip::firstLong);
            assertThrows(SQLException.class, () -> trip.run(c));
            assertThrows(IllegalStateException.class, after::result);
            c.rollback();
        }
    }

    @Test
    void aPartIsOneStatementThatReturnsRows() throws SQLException {
        assertThrows(IllegalArgumentException.class,
                () -> new RoundTrip().add("select 1; select 2", (ps, c, i) -> i, RoundTrip::firstLong));
        try (Connection c = connection()) {
            RoundTrip trip = new RoundTrip();
            trip.add("insert into trip_probe values (1)", (ps, cn, i) -> i, RoundTrip::firstLong);
            assertThrows(IllegalStateException.class, () -> trip.run(c));
            c.rollback();
        }
    }
}
