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
 * until the body ends (then rolled back: nothing was written). One consistent snapshot for the whole file.
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

    private final String table;
    private final List<String> headers;
    private final RowMapper mapper;
    private Connection connection;
    private PreparedStatement statement;
    private ResultSet rows;
    private boolean started;

    private CursorSource(String table, List<String> headers, RowMapper mapper) {
        this.table = table;
        this.headers = headers;
        this.mapper = mapper;
    }

    /** Opens the cursor now (errors become the route's 5xx before any byte is sent). */
    static CursorSource open(DataSource pool, String sql, Binder binder, String table, List<String> headers,
                             RowMapper mapper) {
        CursorSource s = new CursorSource(table, headers, mapper);
        try {
            s.connection = pool.getConnection();
            s.connection.setAutoCommit(false);
            s.connection.setReadOnly(true);
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
            connection.rollback();
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
        }
    }
}
