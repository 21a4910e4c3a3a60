package com.tanfang.certificate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Certificates as the API sends and receives them (server/docs/certificates.md). */
public final class CertificateDtos {
    private CertificateDtos() {
    }

    /**
     * Issuing a certificate from the project's last released revision. Every field is optional: the scope defaults
     * to "{site}的{scheme}（{grade}）" (002 §5.5 f), the expiry to three years after the issue date less one day.
     */
    @Serdeable
    public record IssueInput(@Nullable @Size(max = 500) String scopeZh, @Nullable @Size(max = 500) String scopeEn,
                             @Nullable @Size(max = 10) String expiresOn) {
    }

    /** A status change: {@code action} SUSPEND, RESTORE, WITHDRAW or CANCEL, with a reason (required). */
    @Serdeable
    public record StatusInput(@Nullable @Size(max = 20) String action, @Nullable @Size(max = 1000) String reason) {
    }

    /** A surveillance evaluation due within the validity (002 §5.6.1: 9 to 12 months after the previous one). */
    @Serdeable
    public record SurveillanceWindow(int number, LocalDate from, LocalDate to) {
    }

    /** One status change; {@code actor} is the person's display name (staff only: the public page never shows it). */
    @Serdeable
    public record HistoryLine(String action, @Nullable CertificateStatus from, CertificateStatus to, String reason,
                              @Nullable String actor, Instant at) {
    }

    /**
     * A certificate as staff and the client read it. {@code status} is the live one (EXPIRED computed on the clock),
     * {@code storedStatus} the last one a person set; {@code actions} what the caller may do now.
     */
    @Serdeable
    public record CertificateView(long id, String number, long projectId, int revision, String revisionSha256,
                                  String auditReportSha256, String organizationName, @Nullable String organizationNameEn,
                                  String siteName, @Nullable String siteNameEn, @Nullable String siteAddress,
                                  String schemeCode, int schemeVersion, String schemeTitleZh,
                                  @Nullable String schemeTitleEn, String scopeZh, @Nullable String scopeEn,
                                  String gradeKey, String gradeNameZh, @Nullable String gradeNameEn,
                                  @Nullable String printedTotal, @Nullable String fullMarks, LocalDate issuedOn,
                                  LocalDate expiresOn, CertificateStatus status, CertificateStatus storedStatus,
                                  Instant statusChangedAt, String publicUrl, List<SurveillanceWindow> surveillance,
                                  List<HistoryLine> history, List<CertificateStatus.Action> actions, Instant asOf) {
    }
}
