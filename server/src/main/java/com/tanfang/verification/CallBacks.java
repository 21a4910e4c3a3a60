package com.tanfang.verification;

import com.tanfang.message.ConflictException;
import com.tanfang.message.GoneException;
import com.tanfang.message.InvalidException;
import com.tanfang.message.NotFoundException;
import com.tanfang.sampling.CallBackSampler;

import com.tanfang.account.AppUser;
import com.tanfang.document.CsvExport;
import com.tanfang.account.AppUserRepository;
import com.tanfang.access.Access;
import com.tanfang.access.Caller;
import com.tanfang.access.Role;
import com.tanfang.project.Projects;
import com.tanfang.survey.campaign.Campaigns;
import com.tanfang.phone.PhoneCipher;
import com.tanfang.phone.PhoneNumbers;
import com.tanfang.survey.campaign.SurveyCampaign;
import com.tanfang.survey.campaign.SurveyQuestion;
import com.tanfang.survey.campaign.SurveyRepositories;
import com.tanfang.survey.campaign.SurveyResponse;
import com.tanfang.survey.results.SurveyResults;
import com.tanfang.survey.review.ExclusionCause;
import com.tanfang.survey.review.Exclusions;
import com.tanfang.evidence.EvidenceLog;
import com.tanfang.evidence.Subject;
import com.tanfang.statistics.Rate;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Call-back verification (回访): draws the committed sample of a campaign with {@link CallBackSampler}, keeps it
 * with its ordered reserve, runs the verifiers' queue and applies the outcomes (a denial excludes the response;
 * an unreachable respondent is replaced by the next reserve response of the same point). Everything is logged
 * in the evidence log.
 */
@Singleton
public class CallBacks {
    private static final CallBackRecords.AddedAs SAMPLE = CallBackRecords.AddedAs.SAMPLE;
    private static final CallBackRecords.AddedAs REPLACEMENT = CallBackRecords.AddedAs.REPLACEMENT;
    private static final CallBackRecords.AddedAs ENLARGEMENT = CallBackRecords.AddedAs.ENLARGEMENT;
    /** The exclusion reason a denial writes (the response stays, left out of every result). */
    public static final String DENIAL_REASON = "回访：受访者否认填写过问卷 (call-back: the respondent denies having answered)";

    private final CallBackRecords.Draws draws;
    private final CallBackRecords.Items items;
    private final CallBackRecords.Attempts attempts;
    private final Campaigns campaigns;
    private final Projects projects;
    private final SurveyRepositories.Responses responses;
    private final EvidenceLog evidence;
    private final Exclusions exclusions;
    private final SurveyResults results;
    private final AppUserRepository users;
    private final PhoneCipher cipher;
    private final Access access;
    private final CallBackPolicy policy = CallBackPolicy.DEFAULTS;

    private final Clock clock;
    /** The certification body running the platform (the same setting the survey notices print). */
    private final String certificationBody;

    public CallBacks(CallBackRecords.Draws draws, CallBackRecords.Items items, CallBackRecords.Attempts attempts,
                     Campaigns campaigns, Projects projects, SurveyRepositories.Responses responses,
                     EvidenceLog evidence, Exclusions exclusions, SurveyResults results,
                     AppUserRepository users, PhoneCipher cipher, Access access, Clock clock,
                     @Value("${tanfang.certification-body:探访认证评价中心 Tanfang Certification Centre}") String certificationBody) {
        this.clock = clock;
        this.certificationBody = certificationBody;
        this.access = access;
        this.draws = draws;
        this.items = items;
        this.attempts = attempts;
        this.campaigns = campaigns;
        this.projects = projects;
        this.responses = responses;
        this.evidence = evidence;
        this.exclusions = exclusions;
        this.results = results;
        this.users = users;
        this.cipher = cipher;
    }

    // ---- drawing ----

    @Transactional
    public CallBackDtos.Overview draw(long campaignId, CallBackDtos.DrawInput in, Caller caller) {
        SurveyCampaign c = campaigns.get(campaignId, caller);
        long userId = caller.userId();
        // The input is checked before the campaign's state, so that a bad rate is named whatever else is wrong.
        BigDecimal rate = rate(in.rate(), in.ratePercent(), c.callbackRate());
        Instant now = clock.instant();
        Instant cutoff;
        if (in.cutoff() != null) {
            if (in.cutoff().isAfter(now) || !in.cutoff().isAfter(c.opensAt())) {
                throw InvalidException.field("cutoff", "callback.cutoff_window");
            }
            cutoff = in.cutoff().isAfter(c.closesAt()) ? c.closesAt() : in.cutoff();
        } else if (c.state(now) == SurveyCampaign.State.CLOSED) {
            cutoff = c.closesAt();
        } else {
            throw InvalidException.field("cutoff", "callback.cutoff_required_while_open");
        }
        String reason = in.reason() == null || in.reason().isBlank() ? null : in.reason().trim();
        var active = draws.active(campaignId);
        if (active.isPresent() && reason == null) {
            throw ConflictException.field("reason", "callback.redraw_needs_reason");
        }
        Map<Long, List<Long>> eligible = new TreeMap<>();
        for (CallBackRecords.Eligible e : draws.eligible(campaignId, cutoff)) {
            eligible.computeIfAbsent(e.pointId(), p -> new ArrayList<>()).add(e.id());
        }
        if (eligible.isEmpty()) {
            throw InvalidException.field("cutoff", "callback.nothing_to_sample");
        }
        CallBackSampler.Draw drawn = CallBackSampler.draw(c.callbackSeed(), eligible, rate);
        active.ifPresent(old -> draws.retire(old.id()));
        int n = eligible.values().stream().mapToInt(List::size).sum();
        CallBackRecords.Draw saved = draws.save(new CallBackRecords.Draw(null, campaignId, rate, cutoff,
                c.callbackSeed(), n, (int) draws.withoutPhone(campaignId, cutoff), reason, userId, null, null, null));
        active.ifPresent(old -> draws.supersededBy(old.id(), saved.id()));
        List<CallBackRecords.Item> rows = new ArrayList<>();
        drawn.strata().forEach((pointId, s) -> {
            List<Long> order = s.order();
            for (int i = 0; i < order.size(); i++) {
                boolean called = i < s.sample().size();
                rows.add(new CallBackRecords.Item(null, saved.id(), order.get(i), pointId, i, called,
                        called ? SAMPLE : null, null, null, null, 0, false, null));
            }
        });
        items.saveAll(rows);
        Map<String, Object> detail = new HashMap<>(Map.of("drawId", saved.id(), "rate", rate.toPlainString(),
                "cutoff", cutoff, "eligible", n, "sample", drawn.sampleSize(), "seed", c.callbackSeed()));
        active.ifPresent(o -> detail.put("replacesDraw", o.id()));
        if (reason != null) {
            detail.put("reason", reason);
        }
        evidence.record(Subject.campaign(campaignId), active.isPresent() ? "callback.redrawn" : "callback.drawn",
                userId, detail);
        return overview(campaignId, caller);
    }

    /** Enlarges the sample of some points (default: those with a denial) at a higher rate (default: double). */
    @Transactional
    public CallBackDtos.Overview enlarge(long campaignId, CallBackDtos.EnlargeInput in, Caller caller) {
        campaigns.get(campaignId, caller);
        rate(in.rate(), in.ratePercent(), BigDecimal.ONE); // a bad rate is named before "no sample yet"
        CallBackRecords.Draw d = activeDraw(campaignId, caller);
        long userId = caller.userId();
        List<CallBackRecords.Item> all = items.ofDraw(d.id());
        List<Long> pointIds = in.pointIds() != null ? in.pointIds() : pointsWithDenials(all);
        if (pointIds.isEmpty()) {
            throw InvalidException.field("pointIds", "callback.enlarge_needs_points");
        }
        BigDecimal rate = rate(in.rate(), in.ratePercent(), doubled(d.rate()));
        Map<Long, List<CallBackRecords.Item>> byPoint = byPoint(all);
        SortedMap<Long, CallBackSampler.StratumDraw> strata = new TreeMap<>();
        byPoint.forEach((pointId, list) -> {
            List<Long> order = list.stream().map(CallBackRecords.Item::responseId).toList();
            int base = (int) list.stream().filter(i -> i.addedAs() == SAMPLE || i.addedAs() == ENLARGEMENT).count();
            strata.put(pointId, new CallBackSampler.StratumDraw(pointId, order.subList(0, base), order.subList(base, order.size())));
        });
        for (int i = 0; i < pointIds.size(); i++) {
            if (!strata.containsKey(pointIds.get(i))) {
                throw InvalidException.field("pointIds[" + i + "]", "callback.point_not_in_sample");
            }
        }
        CallBackSampler.Draw bigger = new CallBackSampler.Draw(strata).enlarge(pointIds, rate);
        int added = 0;
        for (long pointId : new TreeSet<>(pointIds)) {
            int extra = bigger.strata().get(pointId).sample().size() - strata.get(pointId).sample().size();
            for (CallBackRecords.Item i : byPoint.get(pointId)) {
                if (extra <= 0) {
                    break;
                }
                if (!i.called()) {
                    items.update(i.calledAs(ENLARGEMENT, null));
                    extra--;
                    added++;
                }
            }
        }
        if (added == 0) {
            // Every eligible respondent of these points is already called: say so instead of "done" (nothing changed).
            throw ConflictException.field("pointIds", "callback.enlarge_nothing_left");
        }
        evidence.record(Subject.campaign(campaignId), "callback.enlarged", userId, Map.of("drawId", d.id(),
                "pointIds", pointIds, "rate", rate.toPlainString(), "added", added));
        CallBackDtos.Overview o = overview(campaignId, caller);
        return new CallBackDtos.Overview(o.campaignId(), o.commitment(), o.draw(), o.history(), o.progress(), o.items(),
                o.pointsWithDenials(), o.suggestedEnlargedRate(), o.reserveLeftAtDenialPoints(), added);
    }

    /**
     * The sampling rate of a draw or an enlargement: {@code fraction} in (0, 1] with at most 4 decimals (the stored
     * precision), or {@code percent} in [1, 100] with at most 2; neither: {@code fallback}; both: refused.
     */
    static BigDecimal rate(BigDecimal fraction, BigDecimal percent, BigDecimal fallback) {
        if (fraction != null && percent != null) {
            throw InvalidException.field("ratePercent", "callback.rate_twice");
        }
        if (percent != null) {
            if (percent.compareTo(BigDecimal.ONE) < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0
                    || percent.stripTrailingZeros().scale() > 2) {
                throw InvalidException.field("ratePercent", "callback.rate_percent_range");
            }
            return percent.movePointLeft(2).stripTrailingZeros();
        }
        if (fraction != null) {
            if (fraction.signum() <= 0 || fraction.compareTo(BigDecimal.ONE) > 0 || fraction.stripTrailingZeros().scale() > 4) {
                throw InvalidException.field("rate", "callback.rate_fraction");
            }
            return fraction;
        }
        return fallback;
    }

    static BigDecimal doubled(BigDecimal rate) {
        BigDecimal twice = rate.multiply(BigDecimal.valueOf(2));
        return twice.compareTo(BigDecimal.ONE) > 0 ? BigDecimal.ONE : twice;
    }

    // ---- the lead's overview and assignment ----

    public CallBackDtos.Overview overview(long campaignId, Caller caller) {
        SurveyCampaign c = campaigns.get(campaignId, caller);
        List<CallBackDtos.DrawView> history = draws.history(campaignId).stream().map(this::view).toList();
        var active = draws.active(campaignId);
        if (active.isEmpty()) {
            return new CallBackDtos.Overview(campaignId, c.callbackSeedSha256(), null, history, null, List.of(),
                    List.of(), null, 0, null);
        }
        CallBackRecords.Draw d = active.get();
        List<CallBackRecords.Row> rows = items.calledRows(d.id());
        List<CallBackRecords.Item> all = items.ofDraw(d.id());
        List<Long> denialPoints = pointsWithDenials(all);
        int reserveLeft = count(all, i -> !i.called() && denialPoints.contains(i.pointId()));
        return new CallBackDtos.Overview(campaignId, c.callbackSeedSha256(), view(d), history, progress(rows),
                rows.stream().map(this::view).toList(), denialPoints, doubled(d.rate()), reserveLeft, null);
    }

    @Transactional
    public CallBackDtos.ItemView assign(long itemId, Long verifierId, Caller caller) {
        long projectId = access.callBackItem(caller, itemId).id();
        long leadId = caller.userId();
        CallBackRecords.Item item = pendingInActiveDraw(itemId);
        if (verifierId != null) {
            AppUser v = users.findById(verifierId).filter(AppUser::enabled).filter(u -> u.has(Role.VERIFIER))
                    .orElseThrow(() -> InvalidException.field("verifierId", "callback.not_a_verifier"));
            // The queue shows a verifier only its projects' items: one off the team would never see it.
            if (!access.onTeam(projectId, v.id())) {
                throw InvalidException.field("verifierId", "callback.verifier_not_on_team");
            }
            verifierId = v.id();
        }
        items.update(item.withAssignee(verifierId));
        Map<String, Object> detail = new HashMap<>(Map.of("campaignId", campaignOf(item), "responseId",
                item.responseId()));
        detail.put("verifierId", verifierId); // null: left for take-next
        evidence.record(Subject.callBackItem(itemId), "callback.assigned", leadId, detail);
        return view(items.row(itemId).orElseThrow());
    }

    // ---- the verifier's queue ----

    /** The caller's items and the count of unassigned ones, of the projects whose team the caller is on only. */
    public CallBackDtos.QueueView queue(Caller caller) {
        List<CallBackRecords.Row> mine = items.assignedTo(caller.userId());
        int done = (int) mine.stream().filter(r -> r.outcome() != null).count();
        return new CallBackDtos.QueueView(mine.stream().map(this::view).toList(), mine.size(), done,
                items.unassigned(caller.userId()));
    }

    /** Assigns the next unassigned pending item to the caller (404 when there is none). */
    @Transactional
    public CallBackDtos.ItemView takeNext(Caller caller) {
        long userId = caller.userId();
        CallBackRecords.Item next = items.nextUnassigned(userId)
                .orElseThrow(() -> NotFoundException.of("not_found.unassigned_callback"));
        items.update(next.withAssignee(userId));
        evidence.record(Subject.callBackItem(next.id()), "callback.taken", userId, Map.of("campaignId", campaignOf(next),
                "responseId", next.responseId()));
        return view(items.row(next.id()).orElseThrow());
    }

    public CallBackDtos.ItemDetail detail(long itemId, Caller caller) {
        CallBackRecords.Row row = visibleRow(itemId, caller);
        Map<Long, Integer> answers = new HashMap<>();
        for (CallBackRecords.AnswerRow a : items.answers(row.responseId())) {
            answers.put(a.questionId(), a.value());
        }
        List<CallBackDtos.ScriptQuestion> questions = new ArrayList<>();
        for (SurveyQuestion q : campaigns.questions(row.campaignId())) {
            questions.add(new CallBackDtos.ScriptQuestion(q.id(), q.textZh(), q.textEn(), answers.get(q.id())));
        }
        List<CallBackDtos.ScriptQuestion> script = questions.stream().filter(q -> q.answer() != null).limit(2).toList();
        List<CallBackDtos.AttemptView> tries = attempts.ofItem(itemId).stream().map(a -> new CallBackDtos.AttemptView(
                a.outcome(), a.questionId(), a.note(), a.at(), a.userId(), a.noRevealReason())).toList();
        return new CallBackDtos.ItemDetail(view(row), script, questions, tries, policy.attemptsBeforeUnreachable(),
                certificationBody, items.revealedBy(itemId, row.responseId(), caller.userId()));
    }

    /** The full number, for the assigned verifier or a lead only; every reveal is logged. */
    @Transactional
    public CallBackDtos.Revealed reveal(long itemId, Caller caller) {
        CallBackRecords.Row row = visibleRow(itemId, caller);
        if (row.phoneCipher() == null) {
            throw GoneException.of("callback.phone_purged");
        }
        String phone = PhoneNumbers.require(cipher.decrypt(row.phoneCipher()));
        evidence.record(Subject.response(row.responseId()), "phone.revealed", caller.userId(), Map.of(
                "campaignId", row.campaignId(), "callbackItemId", itemId));
        return new CallBackDtos.Revealed(itemId, phone, "tel:" + phone);
    }

    @Transactional
    public CallBackDtos.ItemDetail record(long itemId, CallBackDtos.AttemptInput in, Caller caller) {
        CallBackRecords.Row row = visibleRow(itemId, caller);
        CallBackRecords.Item item = pendingInActiveDraw(itemId);
        CallBackRecords.Outcome outcome = in.outcome();
        Long questionId = null;
        if (outcome == CallBackRecords.Outcome.DIFFERS) {
            questionId = in.questionId();
            Long q = questionId;
            if (q == null || campaigns.questions(row.campaignId()).stream().noneMatch(x -> Objects.equals(x.id(), q))) {
                throw InvalidException.field("questionId", "callback.question_required");
            }
        }
        String note = in.note() == null || in.note().isBlank() ? null : in.note().trim();
        // Nobody records a call they could not have made: the number was shown to this user here (logged), or the
        // user says why not (e.g. the respondent was called from the face-to-face sheet).
        String noRevealReason = null;
        if (!items.revealedBy(itemId, item.responseId(), caller.userId())) {
            if (in.noRevealReason() == null || in.noRevealReason().isBlank()) {
                throw ConflictException.field("noRevealReason", "callback.reveal_first");
            }
            noRevealReason = in.noRevealReason().trim();
        }
        attempts.save(new CallBackRecords.Attempt(null, itemId, caller.userId(), outcome, questionId, note, null,
                noRevealReason));
        long campaignId = row.campaignId();
        boolean alarmBefore = progress(items.calledRows(item.drawId())).denialAlarm();
        switch (outcome) {
            case UNREACHABLE -> {
                int failed = item.failedAttempts() + 1;
                if (policy.isUnreachable(failed)) {
                    items.update(item.after(CallBackRecords.Outcome.UNREACHABLE, null, failed, false, clock.instant()));
                    var reserve = items.nextReserve(item.drawId(), item.pointId());
                    reserve.ifPresent(r -> items.update(r.calledAs(REPLACEMENT, item.assignedTo())));
                    Map<String, Object> detail = new HashMap<>(Map.of("campaignId", campaignId, "responseId",
                            item.responseId(), "failedAttempts", failed));
                    detail.put("replacedByResponse", reserve.map(CallBackRecords.Item::responseId).orElse(null));
                    putIfPresent(detail, "noRevealReason", noRevealReason);
                    evidence.record(Subject.callBackItem(itemId), "callback.unreachable", caller.userId(), detail);
                } else {
                    items.update(item.after(null, null, failed, false, clock.instant()));
                    Map<String, Object> detail = new HashMap<>(Map.of(
                            "campaignId", campaignId, "responseId", item.responseId(), "outcome", outcome,
                            "failedAttempts", failed, "attemptsBeforeUnreachable", policy.attemptsBeforeUnreachable()));
                    putIfPresent(detail, "noRevealReason", noRevealReason);
                    evidence.record(Subject.callBackItem(itemId), "callback.attempt", caller.userId(), detail);
                }
            }
            case DENIED -> {
                SurveyResponse r = responses.findById(item.responseId()).orElseThrow();
                boolean excluded = exclusions.exclude(r, ExclusionCause.CALLBACK_DENIED, DENIAL_REASON, caller.userId(),
                        Map.of("callbackItemId", itemId));
                items.update(item.after(outcome, null, item.failedAttempts(), excluded, clock.instant()));
                Map<String, Object> detail = new HashMap<>(Map.of("campaignId", campaignId, "responseId",
                        item.responseId(), "outcome", outcome, "responseExcluded", excluded));
                detail.put("note", note);
                putIfPresent(detail, "noRevealReason", noRevealReason);
                evidence.record(Subject.callBackItem(itemId), "callback.outcome", caller.userId(), detail);
            }
            default -> {
                items.update(item.after(outcome, questionId, item.failedAttempts(), false, clock.instant()));
                Map<String, Object> detail = new HashMap<>(Map.of("campaignId", campaignId, "responseId",
                        item.responseId(), "outcome", outcome));
                detail.put("questionId", questionId);
                detail.put("note", note);
                putIfPresent(detail, "noRevealReason", noRevealReason);
                evidence.record(Subject.callBackItem(itemId), "callback.outcome", caller.userId(), detail);
            }
        }
        CallBackDtos.Progress after = progress(items.calledRows(item.drawId()));
        if (after.denialAlarm() && !alarmBefore) {
            // The lead is offered an enlarged sample.
            evidence.record(Subject.campaign(campaignId), "callback.denial_alarm", caller.userId(), Map.of(
                    "drawId", item.drawId(), "denied", after.denied(),
                    "reached", after.confirmed() + after.differs() + after.denied(),
                    "maxDenialRate", policy.maxDenialRate().toPlainString()));
        }
        return detail(itemId, caller);
    }

    private static void putIfPresent(Map<String, Object> detail, String key, Object value) {
        if (value != null) {
            detail.put(key, value);
        }
    }

    /**
     * Takes back a denial recorded by mistake (a mis-tap, a misheard answer): the reason is mandatory; the
     * response comes back into the results if this denial is what excluded it (a lead's own exclusion stays), and
     * the item is pending again so that the right outcome can be recorded. The denied attempt stays in the history.
     */
    @Transactional
    public CallBackDtos.ItemDetail undoDenial(long itemId, String reason, Caller caller) {
        CallBackRecords.Row row = visibleRow(itemId, caller);
        CallBackRecords.Item item = items.lock(itemId).filter(CallBackRecords.Item::called)
                .orElseThrow(() -> NotFoundException.of("not_found.callback_item", itemId));
        if (draws.findById(item.drawId()).orElseThrow().supersededAt() != null) {
            throw ConflictException.field("item", "callback.item_redrawn");
        }
        if (item.outcome() != CallBackRecords.Outcome.DENIED) {
            throw ConflictException.field("outcome", "callback.not_denied");
        }
        String why = reason.trim();
        boolean restored = false;
        if (item.causedExclusion()) {
            SurveyResponse r = responses.findById(item.responseId()).orElseThrow();
            restored = exclusions.restore(r, ExclusionCause.CALLBACK_DENIED, why, caller.userId(),
                    Map.of("callbackItemId", itemId));
        }
        items.update(item.reopened());
        evidence.record(Subject.callBackItem(itemId), "callback.denial_undone", caller.userId(), Map.of(
                "campaignId", row.campaignId(), "responseId", item.responseId(), "reason", why,
                "responseRestored", restored));
        return detail(itemId, caller);
    }

    // ---- the report ----

    public CallBackDtos.Report report(long campaignId, Caller caller) {
        SurveyCampaign c = campaigns.get(campaignId, caller);
        var scheme = projects.scheme(projects.get(c.projectId(), caller));
        CallBackRecords.Draw d = activeDraw(campaignId, caller);
        List<CallBackRecords.Item> all = items.ofDraw(d.id());
        List<CallBackRecords.Row> called = items.calledRows(d.id());
        Map<Long, String> names = new HashMap<>();
        called.forEach(r -> names.put(r.pointId(), r.locationName()));
        List<CallBackDtos.PointReport> points = new ArrayList<>();
        byPoint(all).forEach((pointId, list) -> points.add(pointReport(pointId, names.getOrDefault(pointId, ""), list)));
        List<CallBackDtos.Excluded> excluded = called.stream().filter(CallBackRecords.Row::causedExclusion)
                .map(r -> new CallBackDtos.Excluded(r.responseId(), r.pointId(), r.locationName())).toList();
        List<CallBackDtos.Differs> differs = called.stream().filter(r -> r.differsQuestionId() != null)
                .map(r -> new CallBackDtos.Differs(r.responseId(), r.differsQuestionId())).toList();
        // Before and after the denials from one scan of the answers (two computations scanned them twice), and the
        // draw's view from the items already read (view(d) would read all of them again to count the sample).
        SurveyResults.BeforeAndAfter byDenials = results.beforeAndAfterCallBacks(c, campaigns.questions(campaignId),
                campaigns.activePoints(campaignId), scheme);
        return new CallBackDtos.Report(campaignId, view(d, sampleSize(all)), draws.history(campaignId).size() - 1,
                points, pointReport(0, "", all), progress(called), excluded, differs, byDenials.before(),
                byDenials.after());
    }

    private static CallBackDtos.PointReport pointReport(long pointId, String name, List<CallBackRecords.Item> list) {
        return new CallBackDtos.PointReport(pointId, name, list.size(), count(list, i -> i.addedAs() == SAMPLE),
                count(list, i -> i.addedAs() != SAMPLE), count(list, i -> !i.called()),
                count(list, CallBackRecords.Item::called), count(list, i -> i.addedAs() == REPLACEMENT),
                count(list, i -> i.addedAs() == ENLARGEMENT), outcomes(list, CallBackRecords.Outcome.CONFIRMED),
                outcomes(list, CallBackRecords.Outcome.DENIED), outcomes(list, CallBackRecords.Outcome.DIFFERS),
                outcomes(list, CallBackRecords.Outcome.UNREACHABLE), count(list, i -> i.called() && i.outcome() == null),
                pointId == 0 ? List.of() : ids(list, true), pointId == 0 ? List.of() : ids(list, false),
                new ConfirmationStats(outcomes(list, CallBackRecords.Outcome.CONFIRMED) + outcomes(list, CallBackRecords.Outcome.DIFFERS),
                        outcomes(list, CallBackRecords.Outcome.DENIED), outcomes(list, CallBackRecords.Outcome.UNREACHABLE))
                        .confirmationRate().map(CallBacks::rate).orElse(null));
    }

    private static List<Long> ids(List<CallBackRecords.Item> list, boolean sample) {
        return list.stream().filter(i -> (i.addedAs() == SAMPLE) == sample).map(CallBackRecords.Item::responseId).toList();
    }

    private static int outcomes(List<CallBackRecords.Item> list, CallBackRecords.Outcome o) {
        return count(list, i -> i.outcome() == o);
    }

    private static <T> int count(Collection<T> list, Predicate<T> p) {
        return (int) list.stream().filter(p).count();
    }

    /** Report as CSV: one row per point and a total, then the merged results per question before and after. */
    public static String csv(CallBackDtos.Report r) {
        CsvExport csv = new CsvExport();
        csv.row("point", "eligible", "sample", "reserve_left", "called", "replacements", "enlargements", "confirmed",
                "denied", "differs", "unreachable", "pending");
        List<CallBackDtos.PointReport> rows = new ArrayList<>(r.points());
        rows.add(r.total());
        for (CallBackDtos.PointReport p : rows) {
            csv.row(p.pointId() == 0 ? "total" : p.locationName(), p.eligible(), p.sample(), p.reserveLeft(), p.called(),
                    p.replacements(), p.enlargements(), p.confirmed(), p.denied(), p.differs(), p.unreachable(), p.pending());
        }
        CallBackDtos.Progress g = r.progress();
        csv.blankLine();
        csv.row("confirmation_rate_pct", "low", "high", "denial_rate_pct", "low", "high", "denial_alarm", "excluded_by_denial");
        List<Object> rates = new ArrayList<>();
        rate(rates, g.confirmationRate());
        rate(rates, g.denialRate());
        rates.add(g.denialAlarm());
        rates.add(r.excluded().size());
        csv.row(rates.toArray());
        csv.blankLine();
        csv.row("question", "text_zh", "score_before", "score_after", "answered_before", "answered_after");
        for (int i = 0; i < r.resultsAfter().questions().size(); i++) {
            var before = r.resultsBefore().questions().get(i);
            var after = r.resultsAfter().questions().get(i);
            csv.row(after.position(), after.textZh(), before.all().merged().score(), after.all().merged().score(),
                    before.all().merged().answered(), after.all().merged().answered());
        }
        return csv.text();
    }

    private static void rate(List<Object> cells, CallBackDtos.RateView v) {
        cells.add(v == null ? null : v.percent());
        cells.add(v == null ? null : v.low());
        cells.add(v == null ? null : v.high());
    }

    // ---- helpers ----

    private CallBackDtos.Progress progress(List<CallBackRecords.Row> called) {
        int confirmed = 0;
        int denied = 0;
        int differs = 0;
        int unreachable = 0;
        int pending = 0;
        int enlarged = 0;
        int enlargedPending = 0;
        for (CallBackRecords.Row r : called) {
            if (r.addedAs() == ENLARGEMENT) {
                enlarged++;
                enlargedPending += r.outcome() == null ? 1 : 0;
            }
            if (r.outcome() == null) {
                pending++;
                continue;
            }
            switch (r.outcome()) {
                case CONFIRMED -> confirmed++;
                case DENIED -> denied++;
                case DIFFERS -> differs++;
                case UNREACHABLE -> unreachable++;
            }
        }
        // Answers that differ still confirm that the respondent took part.
        ConfirmationStats stats = new ConfirmationStats(confirmed + differs, denied, unreachable);
        return new CallBackDtos.Progress(called.size(), pending, confirmed, denied, differs, unreachable,
                stats.confirmationRate().map(CallBacks::rate).orElse(null),
                stats.denialRate().map(CallBacks::rate).orElse(null), stats.denialExceeds(policy),
                policy.maxDenialRate(), policy.attemptsBeforeUnreachable(), enlarged, enlargedPending);
    }

    private static CallBackDtos.RateView rate(Rate r) {
        return new CallBackDtos.RateView(r.successes(), r.trials(),
                r.value().toBigDecimal(6).multiply(BigDecimal.valueOf(100)).setScale(2, RoundingMode.HALF_UP),
                BigDecimal.valueOf(r.interval().low() * 100).setScale(2, RoundingMode.HALF_UP),
                BigDecimal.valueOf(r.interval().high() * 100).setScale(2, RoundingMode.HALF_UP));
    }

    private static Map<Long, List<CallBackRecords.Item>> byPoint(List<CallBackRecords.Item> all) {
        Map<Long, List<CallBackRecords.Item>> out = new TreeMap<>();
        all.stream().sorted(java.util.Comparator.comparingLong(CallBackRecords.Item::pointId)
                .thenComparingInt(CallBackRecords.Item::position))
                .forEach(i -> out.computeIfAbsent(i.pointId(), p -> new ArrayList<>()).add(i));
        return out;
    }

    private static List<Long> pointsWithDenials(List<CallBackRecords.Item> all) {
        return all.stream().filter(i -> i.outcome() == CallBackRecords.Outcome.DENIED)
                .map(CallBackRecords.Item::pointId).distinct().sorted().toList();
    }

    private CallBackRecords.Draw activeDraw(long campaignId, Caller caller) {
        campaigns.get(campaignId, caller);
        return draws.active(campaignId).orElseThrow(() -> NotFoundException.of("not_found.callback_sample", campaignId));
    }

    private long campaignOf(CallBackRecords.Item item) {
        return draws.findById(item.drawId()).orElseThrow().campaignId();
    }

    /**
     * The item if the caller may see it: on the project (see {@link Access}) and a lead, or the verifier it is
     * assigned to; anyone else gets 404.
     */
    private CallBackRecords.Row visibleRow(long itemId, Caller caller) {
        access.callBackItem(caller, itemId);
        return items.row(itemId).filter(r -> r.called()
                        && (caller.has(Role.LEAD) || Objects.equals(r.assignedTo(), caller.userId())))
                .orElseThrow(() -> NotFoundException.of("not_found.callback_item", itemId));
    }

    private CallBackRecords.Item pendingInActiveDraw(long itemId) {
        CallBackRecords.Item item = items.lock(itemId).filter(CallBackRecords.Item::called)
                .orElseThrow(() -> NotFoundException.of("not_found.callback_item", itemId));
        if (draws.findById(item.drawId()).orElseThrow().supersededAt() != null) {
            throw ConflictException.field("item", "callback.item_redrawn");
        }
        if (item.outcome() != null) {
            throw ConflictException.field("outcome", "callback.item_finished", item.outcome());
        }
        return item;
    }

    private CallBackDtos.DrawView view(CallBackRecords.Draw d) {
        return view(d, sampleSize(items.ofDraw(d.id())));
    }

    private static int sampleSize(List<CallBackRecords.Item> ofDraw) {
        return (int) ofDraw.stream().filter(i -> i.addedAs() == SAMPLE).count();
    }

    private static CallBackDtos.DrawView view(CallBackRecords.Draw d, int sample) {
        return new CallBackDtos.DrawView(d.id(), d.rate(), d.cutoff(), d.seed(), CallBackSampler.commitment(d.seed()),
                d.eligible(), d.onlineWithoutPhone(), sample, d.reason(), d.drawnBy(), d.drawnAt(),
                d.supersededAt() == null, d.supersededBy());
    }

    private CallBackDtos.ItemView view(CallBackRecords.Row r) {
        return new CallBackDtos.ItemView(r.id(), r.campaignId(), r.campaignTitleZh(), r.campaignTitleEn(), r.responseId(),
                r.pointId(), r.locationName(), r.addedAs(), r.assignedTo(), r.assigneeName(), r.outcome(),
                r.differsQuestionId(), r.failedAttempts(), r.phoneCipher() == null ? null
                : PhoneNumbers.mask(cipher.decrypt(r.phoneCipher())), r.phoneCipher() == null);
    }
}
