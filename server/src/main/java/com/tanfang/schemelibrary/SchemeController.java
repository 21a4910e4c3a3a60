package com.tanfang.schemelibrary;

import com.tanfang.access.Role;
import com.tanfang.scheme.SchemeDocument;
import com.tanfang.scoring.ScoreResult;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import com.tanfang.access.Caller;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.math.BigDecimal;
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
     * Imports an item table sent as text/csv; code, titles, full marks and the template scheme come from the
     * query. See {@link Schemes#importCsv}.
     */
    @Post("/import-csv")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Secured({Role.ADMIN_, Role.LEAD_})
    public HttpResponse<SchemeDtos.SchemeView> importCsv(@Body String csv, @QueryValue @Nullable String code,
                                                         @QueryValue @Nullable String titleZh,
                                                         @QueryValue @Nullable String titleEn,
                                                         @QueryValue @Nullable BigDecimal fullMarks,
                                                         @QueryValue @Nullable String template, Caller caller) {
        return HttpResponse.created(schemes.importCsv(csv, code, titleZh, titleEn, fullMarks, template,
                caller.userId()));
    }

    /** The same import with the item table and the rest in one JSON body (what the web app sends). */
    @Post("/import-csv")
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured({Role.ADMIN_, Role.LEAD_})
    public HttpResponse<SchemeDtos.SchemeView> importCsvJson(@Body @Valid SchemeDtos.CsvImport in, Caller caller) {
        return HttpResponse.created(schemes.importCsv(in.csv(), in.code(), in.titleZh(), in.titleEn(), in.fullMarks(),
                in.template(), caller.userId()));
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
