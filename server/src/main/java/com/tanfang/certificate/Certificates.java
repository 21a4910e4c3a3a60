package com.tanfang.certificate;

import com.tanfang.access.Caller;
import com.tanfang.evaluation.signoff.ClientView;
import com.tanfang.evaluation.signoff.SignOffDtos;
import com.tanfang.evaluation.signoff.SignedRevisions;
import com.tanfang.evidence.EvidenceLog;
import com.tanfang.evidence.SubjectType;
import com.tanfang.message.ConflictException;
import com.tanfang.message.ForbiddenException;
import com.tanfang.message.InvalidException;
import com.tanfang.message.Language;
import com.tanfang.message.NotFoundException;
import com.tanfang.project.EvaluationProject;
import com.tanfang.project.Projects;
import com.tanfang.scoring.Display;
import com.tanfang.scoring.Fraction;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Certificates (证书, server/docs/certificates.md): issued by the project's lead or an ADMIN from the last released
 * revision of a signed-off evaluation whose audit report is generated, then suspended, restored, withdrawn or
 * cancelled with a reason; read by the team, ADMIN and the CLIENT of the certified organisation; checked by anyone
 * at {@code /c/{publicId}}. Every write locks its row, records the change and its evidence row in one transaction.
 */
@Singleton
public class Certificates {
    /** China Standard Time: a certificate's dates are Beijing dates. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final int MAX_REASON = 1000;
    static final int MAX_SCOPE = 500;
    /** 24 random bytes: 192 bits, 32 URL-safe characters (the issue asks for at least 128 bits). */
    static final int PUBLIC_ID_BYTES = 24;
    static final Pattern PUBLIC_ID = Pattern.compile("[A-Za-z0-9_-]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Projects projects;
    private final SignedRevisions revisions;
    private final CertificateStore store;
    private final CertificateDocuments documents;
    private final EvidenceLog evidence;
    private final JdbcOperations jdbc;
    private final Clock clock;
    private final String numberPrefix;

    public Certificates(Projects projects, SignedRevisions revisions, CertificateStore store,
                        CertificateDocuments documents, EvidenceLog evidence, JdbcOperations jdbc, Clock clock,
                        @Value("${tanfang.certificate.number-prefix:TF}") String numberPrefix) {
        this.projects = projects;
        this.revisions = revisions;
        this.store = store;
        this.documents = documents;
        this.evidence = evidence;
        this.jdbc = jdbc;
        this.clock = clock;
        this.numberPrefix = numberPrefix;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }

    /**
     * Issues the certificate of the project's last released revision. 409 (naming why) when nothing is signed off,
     * when the signed-off revision is not released, when a newer revision is signed but not released, when the
     * result did not pass (no grade to certify), when the revision's audit report is not generated yet, and when the
     * revision has its certificate already. {@code publicBase} is the public address the QR code opens.
     */
    @Transactional
    public CertificateDtos.CertificateView issue(long projectId, CertificateDtos.IssueInput in, Caller caller,
                                                 String publicBase) {
        EvaluationProject p = manageable(projectId, caller);
        CertificateDtos.IssueInput input = in == null ? new CertificateDtos.IssueInput(null, null, null) : in;
        LocalDate issuedOn = today();
        LocalDate expiresOn = expiry(input.expiresOn(), issuedOn);
        String scopeZh = scope(input.scopeZh(), "scopeZh");
        String scopeEn = scope(input.scopeEn(), "scopeEn");
        lockProject(projectId);
        Optional<ConflictException> blocked = blocker(projectId);
        if (blocked.isPresent()) {
            throw blocked.get();
        }
        var released = revisions.lastReleased(projectId).orElseThrow();
        SignOffDtos.ClientResult result = ClientView.of(released.snapshot(), released.number(), released.sha256(),
                released.signedAt(), released.releasedAt());
        String auditSha = documents.auditReportSha256(projectId, released.number()).orElseThrow();
        Holder subject = holder(projectId, result);
        String gradeZh = result.grade().nameZh() != null ? result.grade().nameZh() : result.grade().key();
        String gradeEn = result.grade().nameEn();
        if (scopeZh == null) {
            scopeZh = subject.siteName() + "的" + subject.schemeTitleZh() + "（" + gradeZh + "）";
        }
        if (scopeEn == null) {
            scopeEn = (subject.schemeTitleEn() != null ? subject.schemeTitleEn() : subject.schemeTitleZh()) + " of "
                    + (subject.siteNameEn() != null ? subject.siteNameEn() : subject.siteName())
                    + " (" + (gradeEn != null ? gradeEn : gradeZh) + ")";
            scopeEn = scopeEn.length() > MAX_SCOPE ? scopeEn.substring(0, MAX_SCOPE) : scopeEn;
        }
        if (scopeZh.length() > MAX_SCOPE) {
            scopeZh = scopeZh.substring(0, MAX_SCOPE);
        }
        int year = issuedOn.getYear();
        int sequence = store.nextSequence(year);
        String number = String.format("%s-%d-%04d", numberPrefix, year, sequence);
        String publicId = newPublicId();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        @SuppressWarnings("unchecked")
        Map<String, Object> resultMap = (Map<String, Object>) released.sheet().get("result");
        CertificateStore.Row row = new CertificateStore.Row(0, publicId, number, projectId, released.number(),
                released.sha256(), auditSha, p.organizationId(), subject.organizationName(),
                subject.organizationNameEn(), p.siteId(), subject.siteName(), subject.siteNameEn(), subject.siteAddress(),
                result.schemeCode(), subject.schemeVersion(), subject.schemeTitleZh(), subject.schemeTitleEn(), scopeZh,
                scopeEn, result.grade().key(), gradeZh, gradeEn, Display.document(result.printedTotal(),
                        result.total() == null || result.total().exact() == null ? null : Fraction.parse(result.total().exact())),
                result.fullMarks() == null ? null : result.fullMarks().display(),
                documents.radarSvg(resultMap, Language.ZH_CN), documents.radarSvg(resultMap, Language.EN),
                publicBase.replaceAll("/+$", "") + "/c/" + publicId, issuedOn, expiresOn, CertificateStatus.VALID, now, now,
                caller.userId());
        long id = store.insert(row, year, sequence);
        store.addChange(id, "ISSUE", null, CertificateStatus.VALID, "revision " + released.number() + " SHA-256 "
                + released.sha256(), caller.userId(), now);
        CertificateStore.Row saved = store.byId(id).orElseThrow();
        // the PDFs first (their evidence rows come with them), the certificate's own evidence row last
        for (Language language : List.of(Language.ZH_CN, Language.EN)) {
            documents.storePdf(saved, resultMap, language, caller.userId());
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("number", number);
        detail.put("projectId", projectId);
        detail.put("revision", released.number());
        detail.put("revisionSha256", released.sha256());
        detail.put("auditReportSha256", auditSha);
        detail.put("grade", result.grade().key());
        detail.put("issuedOn", issuedOn.toString());
        detail.put("expiresOn", expiresOn.toString());
        detail.put("scopeZh", scopeZh);
        detail.put("publicUrl", saved.publicUrl());
        evidence.record(new com.tanfang.evidence.Subject(SubjectType.CERTIFICATE, id), "certificate.issue",
                caller.userId(), detail);
        return view(saved, caller);
    }

    /**
     * Why the project's certificate cannot be issued now, in the order the checks run (empty: it can be). Returned,
     * not thrown, so that the demo can ask without marking its transaction for rollback.
     */
    @Transactional(readOnly = true)
    public Optional<ConflictException> blocker(long projectId) {
        var released = revisions.lastReleased(projectId);
        var latest = revisions.latestSigned(projectId);
        if (released.isEmpty()) {
            return Optional.of(latest.isPresent()
                    ? ConflictException.of("certificate.issue.not_released", latest.get().number())
                    : ConflictException.of("certificate.issue.not_signed"));
        }
        int number = released.get().number();
        if (latest.isPresent() && latest.get().number() > number) {
            return Optional.of(ConflictException.of("certificate.issue.newer_not_released", latest.get().number()));
        }
        var existing = store.byRevision(projectId, number);
        if (existing.isPresent()) {
            return Optional.of(ConflictException.of("certificate.issue.already", number, existing.get().number()));
        }
        SignOffDtos.ClientResult result = ClientView.of(released.get().snapshot(), number, released.get().sha256(),
                released.get().signedAt(), released.get().releasedAt());
        if (!result.passed() || result.grade() == null || result.grade().key() == null) {
            return Optional.of(ConflictException.of("certificate.issue.not_passed", number));
        }
        if (documents.auditReportSha256(projectId, number).isEmpty()) {
            return Optional.of(ConflictException.of("certificate.issue.no_audit_report", number));
        }
        return Optional.empty();
    }

    /** A status change by the project's lead or an ADMIN, with a reason; 409 when the status does not allow it. */
    @Transactional
    public CertificateDtos.CertificateView changeStatus(long certificateId, CertificateDtos.StatusInput in, Caller caller) {
        CertificateStore.Row row = store.lock(certificateId).orElseThrow(() -> missing(certificateId));
        EvaluationProject p = visibleProject(row, caller);
        requireManager(p, caller);
        CertificateStatus.Action action = CertificateStatus.Action.parse(in == null ? null : in.action())
                .orElseThrow(() -> InvalidException.field("action", "certificate.status.action_unknown"));
        String reason = in.reason() == null ? "" : in.reason().strip();
        if (reason.isEmpty() || reason.length() > MAX_REASON) {
            throw InvalidException.field("reason", "certificate.status.reason_required", MAX_REASON);
        }
        CertificateStatus from = CertificateStatus.effective(row.status(), row.expiresOn(), today());
        CertificateStatus to = from.after(action).orElseThrow(() -> ConflictException.field("action",
                "certificate.status.not_allowed", action.name(), from.name()));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        store.setStatus(certificateId, to, now);
        store.addChange(certificateId, action.name(), from, to, reason, caller.userId(), now);
        evidence.record(new com.tanfang.evidence.Subject(SubjectType.CERTIFICATE, certificateId), "certificate.status",
                caller.userId(), Map.of("number", row.number(), "action", action.name(), "from", from.name(),
                        "to", to.name(), "reason", reason));
        return view(store.byId(certificateId).orElseThrow(), caller);
    }

    @Transactional(readOnly = true)
    public CertificateDtos.CertificateView get(long certificateId, Caller caller) {
        CertificateStore.Row row = store.byId(certificateId).orElseThrow(() -> missing(certificateId));
        visibleProject(row, caller);
        return view(row, caller);
    }

    /** The project's certificates (404 for whoever may not see the project). */
    @Transactional(readOnly = true)
    public List<CertificateDtos.CertificateView> ofProject(long projectId, Caller caller) {
        projects.get(projectId, caller);
        return store.ofProject(projectId).stream().map(r -> view(r, caller)).toList();
    }

    /** Every certificate the caller may see: ADMIN all, a CLIENT its organisation's, staff their projects'. */
    @Transactional(readOnly = true)
    public List<CertificateDtos.CertificateView> visible(Caller caller) {
        List<CertificateStore.Row> rows;
        if (caller.isAdmin()) {
            rows = store.all();
        } else if (caller.confinedToOwnOrganization()) {
            rows = caller.organizationId() == null ? List.of() : store.ofOrganization(caller.organizationId());
        } else {
            rows = store.onTeam(caller.userId());
        }
        return rows.stream().map(r -> view(r, caller)).toList();
    }

    /** The certificate's PDF in {@code language} (stored at issue; rendered and stored if it is not yet). */
    @Transactional
    public byte[] pdf(long certificateId, Language language, Caller caller) {
        CertificateStore.Row row = store.byId(certificateId).orElseThrow(() -> missing(certificateId));
        visibleProject(row, caller);
        return documents.pdf(row, language, caller.userId());
    }

    /** The row of a public id; empty for anything that is not one (malformed, forged, altered). */
    @Transactional(readOnly = true)
    public Optional<CertificateStore.Row> byPublicId(String publicId) {
        if (publicId == null || !PUBLIC_ID.matcher(publicId).matches()) {
            return Optional.empty();
        }
        return store.byPublicId(publicId);
    }

    /** The certificate of a project revision, if one was issued (the demo asks). */
    @Transactional(readOnly = true)
    public Optional<CertificateStore.Row> ofRevision(long projectId, int revision) {
        return store.byRevision(projectId, revision);
    }

    /**
     * The surveillance evaluations due within the validity (002 §5.6.1: the first and second year's surveillance
     * each 9 to 12 months after the previous evaluation). The windows assume each surveillance is held at the end of
     * its window (the latest dates); a certificate valid less long lists fewer.
     */
    public static List<CertificateDtos.SurveillanceWindow> surveillance(LocalDate issuedOn, LocalDate expiresOn) {
        List<CertificateDtos.SurveillanceWindow> out = new ArrayList<>();
        for (int k = 1; k <= 5; k++) {
            LocalDate from = issuedOn.plusMonths(12L * k - 3);
            LocalDate to = issuedOn.plusMonths(12L * k);
            if (!to.isBefore(expiresOn)) {
                break;
            }
            out.add(new CertificateDtos.SurveillanceWindow(k, from, to));
        }
        return out;
    }

    CertificateDtos.CertificateView view(CertificateStore.Row r, Caller caller) {
        CertificateStatus live = CertificateStatus.effective(r.status(), r.expiresOn(), today());
        boolean manager = caller != null && (caller.isAdmin() || leadOf(r.projectId()) == caller.userId());
        List<CertificateStatus.Action> actions = manager
                ? java.util.Arrays.stream(CertificateStatus.Action.values()).filter(a -> live.after(a).isPresent()).toList()
                : List.of();
        boolean client = caller != null && caller.confinedToOwnOrganization();
        List<CertificateDtos.HistoryLine> history = store.history(r.id()).stream().map(h -> new CertificateDtos.HistoryLine(
                h.action(), h.fromStatus() == null ? null : CertificateStatus.valueOf(h.fromStatus()),
                CertificateStatus.valueOf(h.toStatus()), h.reason(), client ? null : h.actorName(), h.changedAt())).toList();
        if (live == CertificateStatus.EXPIRED) {
            List<CertificateDtos.HistoryLine> withExpiry = new ArrayList<>(history);
            withExpiry.add(new CertificateDtos.HistoryLine("EXPIRE", r.status(), CertificateStatus.EXPIRED,
                    "expired after " + r.expiresOn(), null, r.expiresOn().plusDays(1).atStartOfDay(ZONE).toInstant()));
            history = withExpiry;
        }
        return new CertificateDtos.CertificateView(r.id(), r.number(), r.projectId(), r.revision(), r.revisionSha256(),
                r.auditReportSha256(), r.organizationName(), r.organizationNameEn(), r.siteName(), r.siteNameEn(),
                r.siteAddress(), r.schemeCode(), r.schemeVersion(), r.schemeTitleZh(), r.schemeTitleEn(), r.scopeZh(),
                r.scopeEn(), r.gradeKey(), r.gradeNameZh(), r.gradeNameEn(), r.printedTotal(), r.fullMarks(),
                r.issuedOn(), r.expiresOn(), live, r.status(), r.statusChangedAt(), r.publicUrl(),
                surveillance(r.issuedOn(), r.expiresOn()), history, actions, clock.instant());
    }

    // ---- checks ----

    private EvaluationProject manageable(long projectId, Caller caller) {
        EvaluationProject p = projects.get(projectId, caller);
        requireManager(p, caller);
        return p;
    }

    private static void requireManager(EvaluationProject p, Caller caller) {
        if (!caller.isAdmin() && p.leadUserId() != caller.userId()) {
            throw ForbiddenException.of("certificate.lead_or_admin");
        }
    }

    /** The certificate's project if the caller may see it; the same 404 as for a missing certificate otherwise. */
    private EvaluationProject visibleProject(CertificateStore.Row row, Caller caller) {
        try {
            return projects.get(row.projectId(), caller);
        } catch (NotFoundException e) {
            throw missing(row.id());
        }
    }

    private static NotFoundException missing(long id) {
        return NotFoundException.of("not_found.certificate", id);
    }

    private LocalDate expiry(String text, LocalDate issuedOn) {
        LocalDate latest = issuedOn.plusYears(3);
        if (text == null || text.isBlank()) {
            return latest.minusDays(1);
        }
        LocalDate d;
        try {
            d = LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw InvalidException.field("expiresOn", "certificate.issue.expires_on_range", issuedOn.plusDays(1), latest);
        }
        if (!d.isAfter(issuedOn) || d.isAfter(latest)) {
            throw InvalidException.field("expiresOn", "certificate.issue.expires_on_range", issuedOn.plusDays(1), latest);
        }
        return d;
    }

    private static String scope(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.strip();
        if (s.length() > MAX_SCOPE) {
            throw InvalidException.field(field, "certificate.issue.scope_too_long", MAX_SCOPE);
        }
        return s;
    }

    private static String newPublicId() {
        byte[] bytes = new byte[PUBLIC_ID_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void lockProject(long projectId) {
        jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("select id from evaluation_project where id = ? for update")) {
                ps.setLong(1, projectId);
                ps.executeQuery().close();
            }
            return null;
        });
    }

    private long leadOf(long projectId) {
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("select lead_user_id from evaluation_project where id = ?")) {
                ps.setLong(1, projectId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : -1L;
                }
            }
        });
    }

    /** What the certificate names of the organisation, site and scheme version, as they are at issue. */
    record Holder(String organizationName, String organizationNameEn, String siteName, String siteNameEn,
                  String siteAddress, int schemeVersion, String schemeTitleZh, String schemeTitleEn) {
    }

    /** The scheme's titles as the signed snapshot names them, else as its version does, else its code. */
    private Holder holder(long projectId, SignOffDtos.ClientResult result) {
        return jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("select o.name, o.name_en, s.name, s.name_en, s.address,"
                    + " v.version, v.title_zh, v.title_en"
                    + " from evaluation_project ep join organization o on o.id = ep.organization_id"
                    + " join site s on s.id = ep.site_id join scheme_version v on v.id = ep.scheme_version_id"
                    + " where ep.id = ?")) {
                ps.setLong(1, projectId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    String zh = result.schemeTitleZh() != null ? result.schemeTitleZh()
                            : rs.getString(7) != null ? rs.getString(7) : result.schemeCode();
                    String en = result.schemeTitleEn() != null ? result.schemeTitleEn() : rs.getString(8);
                    return new Holder(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6), zh, en);
                }
            }
        });
    }
}
