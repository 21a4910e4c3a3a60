package com.tanfang.document.store;

import com.tanfang.SurveyFixture;
import com.tanfang.TestApi;
import com.tanfang.document.pdf.DocumentFrame;
import com.tanfang.document.pdf.PdfDocuments;
import com.tanfang.document.pdf.TableDocument;
import com.tanfang.message.Language;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store of generated documents over the real database and blob store, on a project of its own. */
@MicronautTest(transactional = false)
class GeneratedDocumentsTest {
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    GeneratedDocuments documents;
    @Inject
    PdfDocuments pdfs;
    @Inject
    DataSource dataSource;

    @Test
    void aDocumentIsStoredOnceWithItsHashAndEvidenceAndDifferentBytesForTheSameRevisionAreRefused() throws SQLException {
        long projectId = SurveyFixture.openNow(new TestApi(server.getURL(), json)).projectId;
        byte[] pdf = pdfs.pdf("document/table.jte", new TableDocument(new DocumentFrame("测试报告", "", Language.ZH_CN, ""),
                "测试", "", List.of("项目"), List.of(List.of("照明"))));

        GeneratedDocuments.Stored first = documents.store(DocumentKind.AUDIT_REPORT, projectId, 1, Language.ZH_CN,
                projectId, pdf, null);
        GeneratedDocuments.Stored again = documents.store(DocumentKind.AUDIT_REPORT, projectId, 1, Language.ZH_CN,
                projectId, pdf.clone(), null);
        assertEquals(first, again, "the same bytes again find the stored row");
        assertEquals(64, first.sha256().length());
        assertEquals(pdf.length, first.size());
        assertArrayEquals(pdf, documents.content(first));
        assertEquals(List.of(first), documents.list(projectId));
        assertEquals(1, evidenceRows(projectId), "one evidence row, written with the first store only");

        byte[] other = pdfs.pdf("document/table.jte", new TableDocument(new DocumentFrame("测试报告", "", Language.ZH_CN, ""),
                "测试", "", List.of("项目"), List.of(List.of("电梯"))));
        assertThrows(IllegalStateException.class, () -> documents.store(DocumentKind.AUDIT_REPORT, projectId, 1,
                Language.ZH_CN, projectId, other, null), "a revision's document is reproducible or refused");
        GeneratedDocuments.Stored english = documents.store(DocumentKind.AUDIT_REPORT, projectId, 1, Language.EN,
                projectId, other, null);
        assertTrue(english.id() != first.id());
        assertEquals(2, documents.list(projectId).size());
        assertEquals(2, evidenceRows(projectId));
    }

    private long evidenceRows(long projectId) throws SQLException {
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from evidence_log where subject_type = 'REPORT'"
                     + " and subject_id = ? and action = 'document.generated'")) {
            ps.setLong(1, projectId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
