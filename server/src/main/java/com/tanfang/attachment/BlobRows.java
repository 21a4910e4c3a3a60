package com.tanfang.attachment;

import io.micronaut.data.jdbc.runtime.JdbcOperations;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** The {@code blob} table's rows, which both stores keep (the S3 store without content). */
final class BlobRows {
    private BlobRows() {
    }

    /** Whether a blob with this hash is stored (in either store). */
    static boolean exists(JdbcOperations jdbc, String sha256) {
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("select 1 from blob where sha256 = ?")) {
                ps.setString(1, sha256);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }
}
