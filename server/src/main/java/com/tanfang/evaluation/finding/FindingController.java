package com.tanfang.evaluation.finding;

import com.tanfang.access.Caller;
import com.tanfang.access.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/**
 * N/A decisions, deductions and bonus, nonconformities and improvement items, and the client's answers
 * (server/docs/evaluation.md, "Findings"). Writes of the lead: the project's lead or ADMIN; the CLIENT answers its
 * own organisation's issued findings; shoppers and verifiers: 403.
 */
@Controller("/api/v1")
@Tag(name = "evaluation")
public class FindingController {
    private final Findings findings;

    public FindingController(Findings findings) {
        this.findings = findings;
    }

    @Get("/projects/{projectId}/findings")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public FindingDtos.Page page(long projectId, Caller caller) {
        return findings.page(projectId, caller);
    }

    @Get("/projects/{projectId}/client-findings")
    @Secured({Role.ADMIN_, Role.CLIENT_})
    public FindingDtos.ClientPage clientPage(long projectId, Caller caller) {
        return findings.clientPage(projectId, caller);
    }

    @Post("/projects/{projectId}/evaluation/na-decisions")
    @Secured({Role.ADMIN_, Role.LEAD_})
    public HttpResponse<FindingDtos.NaDecisionView> decideNotApplicable(long projectId,
                                                                        @Body @Valid FindingDtos.NaInput in,
                                                                        Caller caller) {
        return HttpResponse.created(findings.decideNotApplicable(projectId, in, caller));
    }

    @Post("/projects/{projectId}/evaluation/na-decisions/{decisionId}/withdraw")
    @Secured({Role.ADMIN_, Role.LEAD_})
    public HttpResponse<Void> withdrawNotApplicable(long projectId, long decisionId,
                                                    @Body @Valid FindingDtos.ReasonInput in, Caller caller) {
        findings.withdrawNotApplicable(projectId, decisionId, in, caller);
        return HttpResponse.noContent();
    }

    @Post("/projects/{projectId}/evaluation/adjustments")
    @Secured({Role.ADMIN_, Role.LEAD_})
    public HttpResponse<FindingDtos.AdjustmentView> recordAdjustment(long projectId,
                                                                     @Body @Valid FindingDtos.AdjustmentInput in,
                                                                     Caller caller) {
        return HttpResponse.created(findings.recordAdjustment(projectId, in, caller));
    }

    @Post("/projects/{projectId}/evaluation/adjustments/{adjustmentId}/withdraw")
    @Secured({Role.ADMIN_, Role.LEAD_})
    public HttpResponse<Void> withdrawAdjustment(long projectId, long adjustmentId,
                                                 @Body @Valid FindingDtos.ReasonInput in, Caller caller) {
        findings.withdrawAdjustment(projectId, adjustmentId, in, caller);
        return HttpResponse.noContent();
    }

    @Post("/projects/{projectId}/findings")
    @Secured({Role.ADMIN_, Role.LEAD_})
    public HttpResponse<FindingDtos.FindingView> raise(long projectId, @Body @Valid FindingDtos.FindingInput in,
                                                       Caller caller) {
        return HttpResponse.created(findings.raise(projectId, in, caller));
    }

    @Put("/findings/{findingId}")
    @Secured({Role.ADMIN_, Role.LEAD_})
    public FindingDtos.FindingView edit(long findingId, @Body @Valid FindingDtos.FindingInput in, Caller caller) {
        return findings.edit(findingId, in, caller);
    }

    @Post("/findings/{findingId}/issue")
    @Secured({Role.ADMIN_, Role.LEAD_})
    public FindingDtos.FindingView issue(long findingId, Caller caller) {
        return findings.issue(findingId, caller);
    }

    @Post("/findings/{findingId}/answer")
    @Secured({Role.CLIENT_})
    public FindingDtos.ClientFindingView answer(long findingId, @Body @Valid FindingDtos.AnswerInput in,
                                                Caller caller) {
        return findings.answer(findingId, in, caller);
    }

    @Post("/findings/{findingId}/accept")
    @Secured({Role.ADMIN_, Role.LEAD_})
    public FindingDtos.FindingView accept(long findingId, Caller caller) {
        return findings.accept(findingId, caller);
    }

    @Post("/findings/{findingId}/send-back")
    @Secured({Role.ADMIN_, Role.LEAD_})
    public FindingDtos.FindingView sendBack(long findingId, @Body @Valid FindingDtos.ReasonInput in, Caller caller) {
        return findings.sendBack(findingId, in, caller);
    }

    /**
     * A photo (JPEG, PNG, WebP) or PDF document as the body, its SHA-256 as a query parameter; what it is is read
     * from the content. The lead attaches to findings and deductions; a CLIENT to its answers.
     */
    @Post(value = "/projects/{projectId}/evaluation-attachments", consumes = MediaType.ALL)
    @Secured({Role.ADMIN_, Role.LEAD_, Role.CLIENT_})
    public HttpResponse<FindingDtos.AttachmentView> upload(long projectId, @Nullable @QueryValue String sha256,
                                                           @Nullable @QueryValue String fileName,
                                                           @Nullable @Body byte[] body, Caller caller) {
        return HttpResponse.created(findings.upload(projectId, body == null ? new byte[0] : body, sha256, fileName,
                caller));
    }

    @Get(value = "/evaluation-attachments/{attachmentId}", produces = MediaType.ALL)
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_, Role.CLIENT_})
    public HttpResponse<byte[]> attachment(long attachmentId, Caller caller) {
        Findings.Bytes b = findings.attachmentBytes(attachmentId, caller);
        return HttpResponse.ok(b.content()).contentType(b.mediaType())
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600")
                .header("X-Content-Type-Options", "nosniff")
                .header("ETag", "\"" + b.sha256() + "\"");
    }
}
