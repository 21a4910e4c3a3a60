package com.tanfang.visit.capture;

import com.tanfang.access.Caller;
import com.tanfang.attachment.BlobStore;
import com.tanfang.attachment.Blobs;
import com.tanfang.attachment.Thumbnails;
import com.tanfang.evidence.EvidenceLog;
import com.tanfang.evidence.Subject;
import com.tanfang.message.ConflictException;
import com.tanfang.message.FieldProblem;
import com.tanfang.message.ForbiddenException;
import com.tanfang.message.InvalidException;
import com.tanfang.message.NotFoundException;
import com.tanfang.project.EvaluationProject;
import com.tanfang.site.Site;
import com.tanfang.site.SiteRepository;
import com.tanfang.visit.Answer;
import com.tanfang.visit.Checklist;
import com.tanfang.visit.Position;
import com.tanfang.visit.SubmissionCheck;
import com.tanfang.visit.VisitAction;
import com.tanfang.visit.VisitState;
import com.tanfang.visit.VisitStateMachine;
import com.tanfang.visit.store.VisitRecords;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The rater's API. Every upload carries a client-generated id: a retry (or 32 identical uploads at once) finds
 * the row its first attempt stored instead of adding one, because the visit row is locked first and the id
 * looked up after the lock. Edits name the visit version the phone holds; a stale one (the visit was returned,
 * replanned or its script changed meanwhile) is refused with 409, never silently applied.
 */
@Singleton
public class VisitCapture {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final VisitDetails details;
    private final VisitRecords.Visits visits;
    private final VisitRecords.Summaries summaries;
    private final VisitRecords.Answers answers;
    private final VisitRecords.Photos photos;
    private final VisitRecords.SettingsRepository settings;
    private final SiteRepository sites;
    private final Blobs blobs;
    private final BlobStore store;
    private final Thumbnails thumbnails;
    private final EvidenceLog evidence;
    private final Clock clock;

    public VisitCapture(VisitDetails details, VisitRecords.Visits visits, VisitRecords.Summaries summaries,
                        VisitRecords.Answers answers, VisitRecords.Photos photos,
                        VisitRecords.SettingsRepository settings, SiteRepository sites, Blobs blobs, BlobStore store,
                        Thumbnails thumbnails, EvidenceLog evidence, Clock clock) {
        this.details = details;
        this.visits = visits;
        this.summaries = summaries;
        this.answers = answers;
        this.photos = photos;
        this.settings = settings;
        this.sites = sites;
        this.blobs = blobs;
        this.store = store;
        this.thumbnails = thumbnails;
        this.evidence = evidence;
        this.clock = clock;
    }

    /** The caller's visits: today's (window touches today, Beijing), upcoming, and others still open. */
    public CaptureDtos.MyVisits mine(Caller caller) {
        LocalDate today = clock.instant().atZone(BEIJING).toLocalDate();
        Instant dayStart = today.atStartOfDay(BEIJING).toInstant();
        Instant dayEnd = today.plusDays(1).atStartOfDay(BEIJING).toInstant();
        List<VisitRecords.Summary> todays = new ArrayList<>();
        List<VisitRecords.Summary> upcoming = new ArrayList<>();
        List<VisitRecords.Summary> other = new ArrayList<>();
        for (VisitRecords.Summary s : summaries.ofRater(caller.userId(), dayStart, clock.instant())) {
            if (s.windowFrom().isBefore(dayEnd) && s.windowTo().isAfter(dayStart)) {
                todays.add(s);
            } else if (!s.windowFrom().isBefore(dayEnd)) {
                upcoming.add(s);
            } else {
                other.add(s);
            }
        }
        return new CaptureDtos.MyVisits(todays, upcoming, other);
    }

    public CaptureDtos.VisitDetail script(long visitId, Caller caller) {
        return details.detail(visitId, caller);
    }

    @Transactional
    public CaptureDtos.VisitDetail checkIn(long visitId, CaptureDtos.PositionInput in, Caller caller) {
        VisitRecords.Visit v = details.lockForRater(visitId, caller);
        if (v.state() == VisitState.CLAIMED && v.claimExpiresAt() != null
                && !v.claimExpiresAt().isAfter(clock.instant())) {
            // read as expired; visit.planning.ClaimExpiry records the expiry (a refusal here would roll it back)
            throw ConflictException.of("visit.claim_expired", v.claimExpiresAt());
        }
        if (v.checkInServerAt() != null && Objects.equals(v.checkInDeviceAt(), in.deviceAt())) {
            return details.detail(v, caller); // the same check-in again: a retry
        }
        VisitStateMachine.next(v.state(), VisitAction.CHECK_IN);
        Fix fix = fix(v, in);
        visits.checkIn(visitId, fix.serverAt, in.deviceAt(), fix.skewMs, in.latitude(), in.longitude(),
                in.accuracyMeters(), fix.system, fix.distance, fix.far);
        evidence.record(Subject.visit(visitId), VisitAction.CHECK_IN.evidenceAction(), caller.userId(), fix.detail(in));
        return details.detail(visits.findById(visitId).orElseThrow(), caller);
    }

    @Transactional
    public CaptureDtos.VisitDetail checkOut(long visitId, CaptureDtos.PositionInput in, Caller caller) {
        VisitRecords.Visit v = details.lockForRater(visitId, caller);
        if (v.checkOutServerAt() != null) {
            if (Objects.equals(v.checkOutDeviceAt(), in.deviceAt())) {
                return details.detail(v, caller);
            }
            throw ConflictException.of("visit.already_checked_out");
        }
        if (v.state() != VisitState.IN_PROGRESS) {
            throw ConflictException.of("visit.check_out_in_progress_only", v.state().name());
        }
        Fix fix = fix(v, in);
        visits.checkOut(visitId, fix.serverAt, in.deviceAt(), fix.skewMs, in.latitude(), in.longitude(),
                in.accuracyMeters(), fix.system, fix.distance, fix.far);
        evidence.record(Subject.visit(visitId), "visit.check_out", caller.userId(), fix.detail(in));
        return details.detail(visits.findById(visitId).orElseThrow(), caller);
    }

    private record Fix(Instant serverAt, long skewMs, @Nullable String system, @Nullable Double distance,
                       @Nullable Boolean far) {
        Map<String, Object> detail(CaptureDtos.PositionInput in) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("serverAt", serverAt);
            d.put("deviceAt", in.deviceAt());
            d.put("skewMs", skewMs);
            // the evidence log takes non-integer numbers as text (exact, no float formatting drift)
            d.put("latitude", text(in.latitude()));
            d.put("longitude", text(in.longitude()));
            d.put("accuracyMeters", text(in.accuracyMeters()));
            d.put("coordinateSystem", system);
            d.put("distanceToSiteMeters", text(distance));
            d.put("far", far);
            return d;
        }
    }

    private static String text(Double d) {
        return d == null ? null : java.math.BigDecimal.valueOf(d).toPlainString();
    }

    private Fix fix(VisitRecords.Visit v, CaptureDtos.PositionInput in) {
        Instant now = clock.instant();
        Instant sent = in.deviceSentAt() != null ? in.deviceSentAt() : in.deviceAt();
        long skew = sent.toEpochMilli() - now.toEpochMilli();
        if ((in.latitude() == null) != (in.longitude() == null)) {
            throw InvalidException.field(in.latitude() == null ? "latitude" : "longitude", "visit.position_pair");
        }
        if (in.latitude() == null) {
            return new Fix(now, skew, null, null, null);
        }
        Position.CoordinateSystem system = in.coordinateSystem() == null ? Position.CoordinateSystem.WGS84
                : in.coordinateSystem();
        EvaluationProject p = details.project(v);
        Site site = sites.findById(p.siteId()).orElseThrow();
        if (site.latitude() == null || site.longitude() == null) {
            return new Fix(now, skew, system.name(), null, null);
        }
        int farMeters = settings.findById(p.id()).orElse(VisitRecords.Settings.defaults(p.id())).farMeters();
        Position.Distance d = new Position(in.latitude(), in.longitude(), in.accuracyMeters(), system)
                .from(site.latitude(), site.longitude(), farMeters);
        return new Fix(now, skew, system.name(), d.meters(), d.far());
    }

    @Transactional
    public CaptureDtos.AnswerStored answer(long visitId, CaptureDtos.AnswerInput in, Caller caller) {
        VisitRecords.Visit v = details.lockForRater(visitId, caller);
        var existing = answers.byClientId(in.clientId());
        if (existing.isPresent()) {
            if (existing.get().visitId() != visitId) {
                throw ConflictException.field("clientId", "visit.client_id_reused");
            }
            return new CaptureDtos.AnswerStored(CaptureDtos.AnswerView.of(existing.get()), v.version());
        }
        requireEditable(v, in.visitVersion());
        Checklist.ChecklistItem item = details.checklist(v).item(in.itemCode())
                .orElseThrow(() -> InvalidException.field("itemCode", "visit.item_not_in_script", in.itemCode()));
        boolean na = Boolean.TRUE.equals(in.notApplicable());
        Answer a = new Answer(in.value(), na, blankToNull(in.notApplicableReason()), blankToNull(in.note()));
        List<FieldProblem> problems = new ArrayList<>(a.check(item, ""));
        if (in.way() != null && !details.plan(v).mode().audit()) {
            // how an answer was confirmed (documents, interview, on site) is an audit's; a visit's note says the rest
            problems.add(FieldProblem.of("way", "visit.way_only_for_audits"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidException(problems);
        }
        Instant now = clock.instant();
        answers.supersede(visitId, item.code(), now);
        VisitRecords.AnswerRow row = answers.save(new VisitRecords.AnswerRow(null, in.clientId(), visitId, item.code(),
                in.value(), na, a.notApplicableReason(), a.note(), in.secondsSpent(), in.deviceAt(), caller.userId(),
                null, null, in.way()));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("clientId", in.clientId().toString());
        d.put("itemCode", item.code());
        d.put("value", in.value() == null ? null : in.value().toPlainString());
        d.put("notApplicable", na);
        d.put("notApplicableReason", a.notApplicableReason());
        d.put("note", a.note());
        d.put("secondsSpent", in.secondsSpent());
        d.put("deviceAt", in.deviceAt());
        d.put("way", in.way() == null ? null : in.way().name());
        d.put("state", v.state().name());
        evidence.record(Subject.visit(visitId), "visit.answer_saved", caller.userId(), d);
        return new CaptureDtos.AnswerStored(CaptureDtos.AnswerView.of(row), v.version());
    }

    /** What the phone sends with a photo besides its bytes (query parameters, all checked here). */
    public record PhotoMeta(@Nullable String sha256, @Nullable Integer visitVersion, @Nullable String itemCode,
                            @Nullable Instant capturedAt, @Nullable Double latitude, @Nullable Double longitude,
                            @Nullable Double accuracyMeters, @Nullable String mediaType) {
    }

    @Transactional
    public CaptureDtos.PhotoStored photo(long visitId, UUID clientId, PhotoMeta meta, byte[] content, Caller caller) {
        VisitRecords.Visit v = details.lockForRater(visitId, caller);
        if (content.length > BlobStore.MAX_BYTES) {
            throw Blobs.tooLarge();
        }
        var existing = photos.byClientId(clientId);
        if (existing.isPresent()) {
            VisitRecords.PhotoRow p = existing.get();
            if (p.visitId() != visitId || meta.sha256() == null || !p.sha256().equalsIgnoreCase(meta.sha256())) {
                throw ConflictException.field("clientId", "visit.client_id_reused");
            }
            return new CaptureDtos.PhotoStored(view(p), v.version());
        }
        if (meta.visitVersion() == null) {
            throw InvalidException.field("visitVersion", "visit.version_required");
        }
        requireEditable(v, meta.visitVersion());
        String itemCode = blankToNull(meta.itemCode());
        if (itemCode != null && details.checklist(v).item(itemCode).isEmpty()) {
            throw InvalidException.field("itemCode", "visit.item_not_in_script", itemCode);
        }
        if ((meta.latitude() == null) != (meta.longitude() == null)
                || (meta.latitude() != null && (Math.abs(meta.latitude()) > 90 || Math.abs(meta.longitude()) > 180))) {
            throw InvalidException.field("latitude", "visit.position_pair");
        }
        BlobStore.StoredBlob blob = blobs.putPhoto(content, meta.sha256(), meta.mediaType());
        VisitRecords.PhotoRow row = photos.save(new VisitRecords.PhotoRow(null, clientId, visitId, itemCode,
                blob.sha256(), blob.mediaType(), blob.sizeBytes(), meta.capturedAt(), meta.latitude(),
                meta.longitude(), meta.accuracyMeters(), caller.userId(), null));
        CaptureDtos.PhotoView view = view(row);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("photoId", row.id());
        d.put("clientId", clientId.toString());
        d.put("sha256", blob.sha256());
        d.put("sizeBytes", blob.sizeBytes());
        d.put("itemCode", itemCode);
        d.put("capturedAt", meta.capturedAt());
        d.put("alsoInVisits", view.alsoInVisits());
        evidence.record(Subject.visit(visitId), "visit.photo_added", caller.userId(), d);
        return new CaptureDtos.PhotoStored(view, v.version());
    }

    private CaptureDtos.PhotoView view(VisitRecords.PhotoRow p) {
        List<Long> alsoIn = photos.elsewhere(p.visitId()).stream().filter(d -> d.sha256().equals(p.sha256()))
                .map(VisitRecords.DuplicatePhoto::visitId).distinct().toList();
        return details.photoView(p, alsoIn);
    }

    /** A photo's bytes for the visit's rater and the project's staff (blind rule applies). */
    public VisitRecords.PhotoRow photoRow(long visitId, long photoId, Caller caller) {
        VisitRecords.Visit v = details.load(visitId, caller);
        VisitRecords.PhotoRow p = photos.findById(photoId).filter(x -> x.visitId() == visitId)
                .orElseThrow(() -> NotFoundException.of("not_found.photo", photoId));
        if (!details.mayReadRatings(v, caller)) {
            throw ForbiddenException.of("visit.blind_until_both_submitted");
        }
        return p;
    }

    /** What a photo GET answers: the bytes, their type and hash (the ETag). */
    public record PhotoBytes(byte[] content, String mediaType, String sha256) {
    }

    /**
     * A photo's bytes, or with {@code size=thumb} its thumbnail (made and kept on the first request; the original
     * when it cannot be decoded), after the same checks as {@link #photoRow}.
     */
    public PhotoBytes photoBytes(long visitId, long photoId, @Nullable String size, Caller caller) {
        if (size != null && !"thumb".equals(size)) {
            throw InvalidException.field("size", "attachment.size_unknown", size);
        }
        VisitRecords.PhotoRow p = photoRow(visitId, photoId, caller);
        if (size != null) {
            java.util.Optional<Thumbnails.Thumbnail> thumb = thumbnails.of(p.sha256());
            if (thumb.isPresent()) {
                byte[] bytes = store.content(thumb.get().sha256())
                        .orElseThrow(() -> NotFoundException.of("not_found.photo", p.id()));
                return new PhotoBytes(bytes, "image/jpeg", thumb.get().sha256());
            }
        }
        return new PhotoBytes(content(p), p.mediaType(), p.sha256());
    }

    public byte[] content(VisitRecords.PhotoRow p) {
        return store.content(p.sha256()).orElseThrow(() -> NotFoundException.of("not_found.photo", p.id()));
    }

    @Transactional
    public CaptureDtos.VisitDetail submit(long visitId, CaptureDtos.SubmitInput in, Caller caller) {
        VisitRecords.Visit v = details.lockForRater(visitId, caller);
        VisitStateMachine.next(v.state(), VisitAction.SUBMIT);
        if (in.visitVersion() != v.version()) {
            throw ConflictException.field("visitVersion", "visit.stale", in.visitVersion(), v.version());
        }
        Checklist checklist = details.checklist(v);
        Map<String, Answer> current = new HashMap<>();
        for (VisitRecords.AnswerRow a : answers.current(visitId)) {
            current.put(a.itemCode(), new Answer(a.value(), a.notApplicable(), a.notApplicableReason(), a.note()));
        }
        Map<String, Integer> photoCount = new HashMap<>();
        for (VisitRecords.PhotoRow p : photos.ofVisit(visitId)) {
            if (p.itemCode() != null) {
                photoCount.merge(p.itemCode(), 1, Integer::sum);
            }
        }
        SubmissionCheck.require(checklist, current, photoCount);
        Instant now = clock.instant();
        visits.submitted(visitId, now);
        evidence.record(Subject.visit(visitId), VisitAction.SUBMIT.evidenceAction(), caller.userId(),
                Map.of("from", v.state().name(), "answers", current.size(),
                        "photos", photoCount.values().stream().mapToInt(Integer::intValue).sum()));
        return details.detail(visits.findById(visitId).orElseThrow(), caller);
    }

    private static void requireEditable(VisitRecords.Visit v, Integer version) {
        if (!v.state().editable()) {
            throw ConflictException.of("visit.not_editable", v.state().name());
        }
        if (version == null || version != v.version()) {
            throw ConflictException.field("visitVersion", "visit.stale", version, v.version());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
