package com.tanfang.document.store;

import com.tanfang.attachment.BlobStore;
import com.tanfang.attachment.Blobs;
import com.tanfang.evidence.EvidenceLog;
import com.tanfang.evidence.Subject;
import com.tanfang.message.Language;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import io.micronaut.data.jdbc.runtime.JdbcOperations;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one store of generated documents. {@link #store} puts the PDF in the blob store (content-addressed, hash
 * checked), writes its row and its evidence row in the caller's transaction. A document is generated once per
 * (kind, project, revision, language, subject): storing it again returns the stored row when the bytes are the
 * same, and refuses different bytes, since the same signed revision must always give the same document.
 */
@Singleton
public class GeneratedDocuments {
    @Serdeable
    public record Stored(long id, DocumentKind kind, long projectId, int revision, Language language, long subjectId,
                         String sha256, long size, Instant createdAt, @Nullable String createdByName) {
    }

    private static final String COLUMNS = "d.id, d.kind, d.project_id, d.revision, d.language, d.subject_id, d.sha256,"
            + " d.size_bytes, d.created_at, u.display_name";
    private static final String FROM = " from generated_document d left join app_user u on u.id = d.created_by";

    private final JdbcOperations jdbc;
    private final Blobs blobs;
    private final BlobStore blobStore;
    private final EvidenceLog evidence;
    private final Clock clock;

    GeneratedDocuments(JdbcOperations jdbc, Blobs blobs, BlobStore blobStore, EvidenceLog evidence, Clock clock) {
        this.jdbc = jdbc;
        this.blobs = blobs;
        this.blobStore = blobStore;
        this.evidence = evidence;
        this.clock = clock;
    }

    @Transactional
    public Stored store(DocumentKind kind, long projectId, int revision, Language language, long subjectId, byte[] pdf,
                       @Nullable Long actor) {
        String sha256 = Blobs.sha256(pdf);
        Optional<Stored> existing = find(kind, projectId, revision, language, subjectId);
        if (existing.isPresent()) {
            if (!existing.get().sha256().equals(sha256)) {
                throw new IllegalStateException(kind + " of project " + projectId + " revision " + revision + " ("
                        + language.tag() + ") rendered to different bytes than the stored " + existing.get().sha256()
                        + ": the document is not reproducible");
            }
            return existing.get();
        }
        blobs.putDocument(pdf, sha256);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long id = jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into generated_document (kind, project_id, revision,"
                    + " language, subject_id, sha256, size_bytes, created_at, created_by)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id")) {
                ps.setString(1, kind.name());
                ps.setLong(2, projectId);
                ps.setInt(3, revision);
                ps.setString(4, language.tag());
                ps.setLong(5, subjectId);
                ps.setString(6, sha256);
                ps.setInt(7, pdf.length);
                ps.setTimestamp(8, Timestamp.from(now));
                if (actor == null) {
                    ps.setNull(9, Types.BIGINT);
                } else {
                    ps.setLong(9, actor);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("document", id);
        detail.put("kind", kind.name());
        detail.put("project", projectId);
        detail.put("revision", revision);
        detail.put("language", language.tag());
        detail.put("sha256", sha256);
        detail.put("size", pdf.length);
        evidence.record(new Subject(kind.subjectType(), subjectId), "document.generated", actor, detail);
        return find(kind, projectId, revision, language, subjectId).orElseThrow();
    }

    @Transactional(readOnly = true)
    public Optional<Stored> find(DocumentKind kind, long projectId, int revision, Language language, long subjectId) {
        return query("select " + COLUMNS + FROM + " where d.kind = ? and d.project_id = ? and d.revision = ?"
                + " and d.language = ? and d.subject_id = ?", kind.name(), projectId, revision, language.tag(), subjectId)
                .stream().findFirst();
    }

    @Transactional(readOnly = true)
    public Optional<Stored> get(long documentId) {
        return query("select " + COLUMNS + FROM + " where d.id = ?", documentId).stream().findFirst();
    }

    /** Every document of the project, newest first. */
    @Transactional(readOnly = true)
    public List<Stored> list(long projectId) {
        return query("select " + COLUMNS + FROM + " where d.project_id = ? order by d.created_at desc, d.id desc",
                projectId);
    }

    /** The stored bytes; their SHA-256 is checked, so a document altered in the blob store is not handed out. */
    public byte[] content(Stored document) {
        byte[] bytes = blobStore.content(document.sha256())
                .orElseThrow(() -> new IllegalStateException("blob " + document.sha256() + " is missing"));
        if (!Blobs.sha256(bytes).equals(document.sha256())) {
            throw new IllegalStateException("blob " + document.sha256() + " does not match its hash");
        }
        return bytes;
    }

    private List<Stored> query(String sql, Object... args) {
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                List<Stored> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row(rs));
                    }
                }
                return rows;
            }
        });
    }

    private static Stored row(ResultSet rs) throws SQLException {
        return new Stored(rs.getLong(1), DocumentKind.valueOf(rs.getString(2)), rs.getLong(3), rs.getInt(4),
                Language.ofTag(rs.getString(5)), rs.getLong(6), rs.getString(7), rs.getLong(8),
                rs.getTimestamp(9).toInstant(), rs.getString(10));
    }
}
