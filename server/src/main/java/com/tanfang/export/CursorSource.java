package com.tanfang.export;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Rows straight from PostgreSQL through a server-side cursor: the driver fetches {@link #FETCH_SIZE} rows at a time
 * only with autocommit off, so the query runs in its own read-only transaction on a connection of its own, held
 * until the body ends (then rolled back: nothing was written). The transaction is REPEATABLE READ, so the main
 * cursor and any side cursors a mapper opens ({@link Cursors}: answers merged into their responses) read one
 * consistent snapshot for the whole file.
 */
final class CursorSource implements RowSource {
    static final int FETCH_SIZE = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(CursorSource.class);

    /** Maps the current row of the result set to the cells of one export row. */
    interface RowMapper {
        List<?> cells(ResultSet rs) throws SQLException;
    }

    /** Binds the statement's parameters. */
    interface Binder {
        void bind(PreparedStatement st) throws SQLException;
    }

    /** Further statements on the export's connection, in its transaction; closed with the export. */
    interface Cursors {
        /** A forward-only result read {@code fetchSize} rows at a time. */
        ResultSet open(String sql, Binder binder, int fetchSize) throws SQLException;
    }

    /** Builds the row mapper once the transaction is open (it may read lookups and open side cursors first). */
    interface MapperFactory {
        RowMapper mapper(Cursors cursors) throws SQLException;
    }

    private final String table;
    private final List<String> headers;
    private RowMapper mapper;
    private Connection connection;
    private PreparedStatement statement;
    private ResultSet rows;
    private final List<PreparedStatement> sides = new java.util.ArrayList<>();
    private boolean started;

    private CursorSource(String table, List<String> headers) {
        this.table = table;
        this.headers = headers;
    }

    /** Opens the cursor now (errors become the route's 5xx before any byte is sent). */
    static CursorSource open(DataSource pool, String sql, Binder binder, String table, List<String> headers,
                             MapperFactory factory) {
        CursorSource s = new CursorSource(table, headers);
        try {
            s.connection = pool.getConnection();
            s.connection.setAutoCommit(false);
            s.connection.setReadOnly(true);
            s.connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            s.mapper = factory.mapper((side, sideBinder, fetchSize) -> {
                PreparedStatement st = s.connection.prepareStatement(side, ResultSet.TYPE_FORWARD_ONLY,
                        ResultSet.CONCUR_READ_ONLY);
                s.sides.add(st);
                st.setFetchSize(fetchSize);
                sideBinder.bind(st);
                return st.executeQuery();
            });
            s.statement = s.connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            s.statement.setFetchSize(FETCH_SIZE);
            binder.bind(s.statement);
            s.rows = s.statement.executeQuery();
            return s;
        } catch (SQLException e) {
            s.close();
            throw new IllegalStateException("export query failed", e);
        }
    }

    @Override
    public boolean write(TableSink sink, int max) throws IOException {
        if (rows == null) {
            return false;
        }
        if (!started) {
            started = true;
            sink.table(table, headers);
        }
        try {
            for (int i = 0; i < max; i++) {
                if (!rows.next()) {
                    close();
                    return false;
                }
                sink.row(mapper.cells(rows));
            }
            return true;
        } catch (SQLException e) {
            throw new IOException("export cursor failed", e);
        }
    }

    @Override
    public synchronized void close() {
        if (connection == null) {
            return;
        }
        try {
            if (rows != null) {
                rows.close();
            }
            if (statement != null) {
                statement.close();
            }
            for (PreparedStatement side : sides) {
                side.close();
            }
            connection.rollback();
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            connection.setReadOnly(false);
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.warn("closing an export cursor: {}", e.getMessage());
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.warn("returning an export connection: {}", e.getMessage());
            }
            connection = null;
            rows = null;
            statement = null;
            sides.clear();
        }
    }
}
