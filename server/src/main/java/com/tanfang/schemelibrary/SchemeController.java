package com.tanfang.schemelibrary;

import com.tanfang.access.Role;
import com.tanfang.message.InvalidException;
import com.tanfang.scheme.ItemTableExport;
import com.tanfang.scheme.ItemTableXlsx;
import com.tanfang.scheme.SchemeDocument;
import com.tanfang.scheme.TableText;
import com.tanfang.scoring.ScoreResult;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import com.tanfang.access.Caller;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Evaluation schemes: staff read and dry-run score; ADMIN and LEAD import, edit drafts, clone and publish. */
@Controller("/api/v1/schemes")
@Tag(name = "schemes")
public class SchemeController {
    private final Schemes schemes;

    public SchemeController(Schemes schemes) {
        this.schemes = schemes;
    }

    @Get
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
    public List<SchemeDtos.SchemeSummary> list() {
        return schemes.list();
    }

    /** Imports a scheme document: a new scheme, or a new draft of an existing code without a draft. */
    @Post
    @Secured({Role.ADMIN_, Role.LEAD_})
    public HttpResponse<SchemeDtos.SchemeView> importDocument(@Body SchemeDocument doc, Caller caller) {
        return HttpResponse.created(schemes.importDocument(doc, caller.userId()));
    }

    /**
     * Imports an item table sent as text/csv (the body's bytes: UTF-8, GB18030/GBK or UTF-16 with a BOM, detected
     * or named by {@code charset}); code, titles, full marks, the template scheme and {@code passFailOnly} come
     * from the query. See {@link Schemes#importTable}.
     */
    @Post("/import-csv")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Secured({Role.ADMIN_, Role.LEAD_})
    public HttpResponse<SchemeDtos.ImportResult> importCsv(@Body byte[] csv, @QueryValue @Nullable String code,
                                                           @QueryValue @Nullable String titleZh,
                                                           @QueryValue @Nullable String titleEn,
                                                           @QueryValue @Nullable BigDecimal fullMarks,
                                                           @QueryValue @Nullable String template,
                                                           @QueryValue @Nullable String charset,
                                                           @QueryValue @Nullable Boolean passFailOnly, Caller caller) {
        byte[] bytes = csv == null ? new byte[0] : csv;
        if (ItemTableXlsx.looksLikeXlsx(bytes)) {
            throw InvalidException.field("csv", "table.xlsx_to_csv_route");
        }
        return HttpResponse.created(schemes.importCsv(TableText.decode(bytes, charset, "csv"), null,
                new Schemes.TableOptions(code, titleZh, titleEn, fullMarks, template, passFailOnly, null), caller.userId()));
    }

    /** The same import with the item table (text), its rules table and the rest in one JSON body. */
    @Post("/import-csv")
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured({Role.ADMIN_, Role.LEAD_})
    public HttpResponse<SchemeDtos.ImportResult> importCsvJson(@Body @Valid SchemeDtos.CsvImport in, Caller caller) {
        return HttpResponse.created(schemes.importCsv(in.csv(), in.rules(), new Schemes.TableOptions(in.code(),
                in.titleZh(), in.titleEn(), in.fullMarks(), in.template(), in.passFailOnly(), in.grades()), caller.userId()));
    }

    /**
     * Imports an uploaded table file (XLSX or CSV in any accepted encoding), sent as JSON with the file's bytes in
     * base64 (what the web app sends: the file, never its text as the browser decoded it) and an optional rules
     * file. Body up to {@link com.tanfang.platform.RequestSizeLimit#TABLE_IMPORT_MAX_BYTES}.
     */
    @Post("/import-table")
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured({Role.ADMIN_, Role.LEAD_})
    public HttpResponse<SchemeDtos.ImportResult> importTable(@Body @Valid SchemeDtos.TableImport in, Caller caller) {
        return HttpResponse.created(schemes.importTable(base64(in.file(), "file"),
                in.rules() == null || in.rules().isBlank() ? null : base64(in.rules(), "rules"), in.charset(),
                new Schemes.TableOptions(in.code(), in.titleZh(), in.titleEn(), in.fullMarks(), in.template(),
                        in.passFailOnly(), in.grades()), caller.userId()));
    }

    /** The same upload as the raw file bytes (curl --data-binary @table.xlsx), the rest in the query. */
    @Post("/import-table")
    @Consumes({MediaType.APPLICATION_OCTET_STREAM, XLSX, "text/csv"})
    @Secured({Role.ADMIN_, Role.LEAD_})
    public HttpResponse<SchemeDtos.ImportResult> importTableRaw(@Body byte[] file, @QueryValue @Nullable String code,
                                                                @QueryValue @Nullable String titleZh,
                                                                @QueryValue @Nullable String titleEn,
                                                                @QueryValue @Nullable BigDecimal fullMarks,
                                                                @QueryValue @Nullable String template,
                                                                @QueryValue @Nullable String charset,
                                                                @QueryValue @Nullable Boolean passFailOnly, Caller caller) {
        return HttpResponse.created(schemes.importTable(file, null, charset,
                new Schemes.TableOptions(code, titleZh, titleEn, fullMarks, template, passFailOnly, null), caller.userId()));
    }

    /** A version as an XLSX workbook: sheet {@code items} (the item table) and sheet {@code scheme} (its rules). */
    @Get("/{id}/versions/{version}/item-table.xlsx")
    @Produces(XLSX)
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
    public HttpResponse<byte[]> itemTableXlsx(long id, int version) {
        SchemeDocument doc = schemes.document(id, version);
        return download(ItemTableExport.xlsx(doc), XLSX, fileName(doc, version) + ".xlsx");
    }

    /** A version's item table as CSV (UTF-8 with BOM); its rules table is {@code item-table-rules.csv}. */
    @Get("/{id}/versions/{version}/item-table.csv")
    @Produces("text/csv")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
    public HttpResponse<byte[]> itemTableCsv(long id, int version) {
        SchemeDocument doc = schemes.document(id, version);
        return download(ItemTableExport.itemsCsv(doc).getBytes(StandardCharsets.UTF_8), CSV, fileName(doc, version) + "-items.csv");
    }

    @Get("/{id}/versions/{version}/item-table-rules.csv")
    @Produces("text/csv")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
    public HttpResponse<byte[]> rulesTableCsv(long id, int version) {
        SchemeDocument doc = schemes.document(id, version);
        return download(ItemTableExport.rulesCsv(doc).getBytes(StandardCharsets.UTF_8), CSV, fileName(doc, version) + "-rules.csv");
    }

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String CSV = "text/csv; charset=utf-8";

    /** A file to save ({@code name} holds only safe characters, see {@link #fileName}). */
    private static HttpResponse<byte[]> download(byte[] body, String contentType, String name) {
        return HttpResponse.ok(body).contentType(contentType)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }

    /** A file name from the code (codes may hold any text: only safe characters are kept). */
    private static String fileName(SchemeDocument doc, int version) {
        String code = doc.code() == null ? "scheme" : doc.code().replaceAll("[^A-Za-z0-9._-]", "_");
        return code + "-v" + version;
    }

    private static byte[] base64(String value, String field) {
        try {
            return Base64.getMimeDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw InvalidException.field(field, "table.not_base64");
        }
    }

    @Get("/{id}")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
    public SchemeDtos.SchemeView export(long id) {
        return schemes.export(id);
    }

    @Get("/{id}/versions/{version}")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
    public SchemeDocument version(long id, int version) {
        return schemes.document(id, version);
    }

    @Put("/{id}/draft")
    @Secured({Role.ADMIN_, Role.LEAD_})
    public SchemeDtos.VersionView replaceDraft(long id, @Body SchemeDocument doc, Caller caller) {
        return schemes.replaceDraft(id, doc, caller.userId());
    }

    @Post("/{id}/draft")
    @Secured({Role.ADMIN_, Role.LEAD_})
    public HttpResponse<SchemeDtos.VersionView> createDraft(long id, Caller caller) {
        return HttpResponse.created(schemes.createDraft(id, caller.userId()));
    }

    @Post("/{id}/clone")
    @Secured({Role.ADMIN_, Role.LEAD_})
    public HttpResponse<SchemeDtos.SchemeView> cloneScheme(long id, @Body @Valid SchemeDtos.CloneInput in,
                                                           Caller caller) {
        return HttpResponse.created(schemes.cloneScheme(id, in, caller.userId()));
    }

    @Post("/{id}/publish")
    @Secured({Role.ADMIN_, Role.LEAD_})
    public SchemeDtos.VersionView publish(long id, Caller caller) {
        return schemes.publish(id, caller.userId());
    }

    /** Dry-run scoring of a version; nothing is stored. */
    @Post("/{id}/versions/{version}/score")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
    public ScoreResult score(long id, int version, @Body @jakarta.validation.Valid SchemeDtos.ScoreRequest in) {
        return schemes.score(id, version, in);
    }
}
