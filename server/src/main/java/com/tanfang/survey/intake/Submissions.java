package com.tanfang.survey.intake;

import com.tanfang.message.ConflictException;
import com.tanfang.message.FieldProblem;
import com.tanfang.message.GoneException;
import com.tanfang.message.InvalidException;
import com.tanfang.message.Message;
import com.tanfang.message.NotFoundException;
import com.tanfang.phone.PhoneCipher;
import com.tanfang.phone.PhoneHash;
import com.tanfang.phone.PhoneNumbers;
import com.tanfang.scheme.LikertAnswer;
import com.tanfang.survey.campaign.Campaigns;
import com.tanfang.survey.campaign.SurveyCampaign;
import com.tanfang.survey.campaign.SurveyPoint;
import com.tanfang.survey.campaign.SurveyQuestion;
import com.tanfang.survey.campaign.SurveyRepositories;
import com.tanfang.survey.campaign.SurveyResponse;
import com.tanfang.survey.fraud.FraudRules;
import com.tanfang.survey.fraud.FraudSignals;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.tanfang.platform.RateLimiter;
import com.tanfang.platform.RoundTrip;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.annotation.Transactional;
import com.tanfang.message.DomainException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Accepts online survey submissions: nothing lost (one transaction), nothing doubled (the client's submission id is
 * unique per campaign, and a retry returns the first receipt), fraud visible (signals recorded as flags).
 */
@Singleton
public class Submissions {
    static final Pattern SUBMISSION_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    /** Tokens are URL-safe base64 (plus a demo suffix); anything else is unknown without asking the database. */
    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{8,80}");
    public static final int MAX_COMMENT = 1000;

    private final SurveyRepositories.Points points;
    private final SurveyRepositories.Campaigns campaigns;
    private final SurveyRepositories.Questions questions;
    private final SurveyRepositories.Responses responses;
    private final com.tanfang.site.LocationRepository locations;
    private final ResponseStore store;
    private final PointOpenings openings;
    private final io.micronaut.data.jdbc.runtime.JdbcOperations jdbc;
    private final SubmissionBatches batches;
    private final PhoneCipher cipher;
    private final PhoneHash phoneHash;
    private final FormSigner signer;
    static final FraudRules RULES = FraudRules.DEFAULTS;
    private final FraudSignals fraud = new FraudSignals(RULES);
    // Read-mostly lookups on the submission path (Caffeine: bounded, with the expiry stated here). The point
    // (revocation) and the campaign are cached but checked live (PointOpenings). A questionnaire is fixed at creation, so it never goes
    // stale: the bound and the idle expiry only keep memory flat across many campaigns. A renamed location shows
    // its new name within a minute.
    static final int QUESTIONNAIRES_CACHED = 1_000;
    static final Duration QUESTIONNAIRE_IDLE = Duration.ofHours(1);
    static final int LOCATION_NAMES_CACHED = 20_000;
    static final Duration LOCATION_NAME_TTL = Duration.ofMinutes(1);
    private final LoadingCache<Long, List<SurveyQuestion>> questionnaires;
    private final LoadingCache<Long, String> locationNames;
    private final int perAddressPerMinute;
    private final int perPointPerMinute;

    private final Clock clock;

    public Submissions(SurveyRepositories.Points points, SurveyRepositories.Campaigns campaigns,
                       SurveyRepositories.Questions questions, SurveyRepositories.Responses responses,
                       com.tanfang.site.LocationRepository locations, ResponseStore store, PointOpenings openings,
                       io.micronaut.data.jdbc.runtime.JdbcOperations jdbc, SubmissionBatches batches, PhoneCipher cipher, PhoneHash phoneHash, FormSigner signer,
                       @Value("${tanfang.survey.limit.per-address-per-minute:60}") int perAddressPerMinute,
                       @Value("${tanfang.survey.limit.per-point-per-minute:120}") int perPointPerMinute, Clock clock) {
        this.clock = clock;
        this.points = points;
        this.campaigns = campaigns;
        this.questions = questions;
        this.responses = responses;
        this.locations = locations;
        this.store = store;
        this.openings = openings;
        this.jdbc = jdbc;
        this.batches = batches;
        this.cipher = cipher;
        this.phoneHash = phoneHash;
        this.signer = signer;
        this.perAddressPerMinute = perAddressPerMinute;
        this.perPointPerMinute = perPointPerMinute;
        this.questionnaires = Caffeine.newBuilder().maximumSize(QUESTIONNAIRES_CACHED)
                .expireAfterAccess(QUESTIONNAIRE_IDLE).build(questions::listByCampaign);
        this.locationNames = Caffeine.newBuilder().maximumSize(LOCATION_NAMES_CACHED)
                .expireAfterWrite(LOCATION_NAME_TTL)
                .build(id -> locations.findById(id).map(com.tanfang.site.Location::name).orElse(""));
    }

    /** A point that can take answers now, with its campaign; otherwise why not, as a problem. */
    public record OpenPoint(SurveyPoint point, SurveyCampaign campaign, String pointName) {
    }

    /** The point and its campaign whatever their state (for pages that explain a closed survey). */
    public java.util.Optional<OpenPoint> find(String token) {
        if (!TOKEN.matcher(token).matches()) {
            return java.util.Optional.empty();
        }
        return points.findByToken(token).map(this::open);
    }

    private SurveyCampaign campaign(long id) {
        return campaigns.findById(id).orElseThrow();
    }

    private String locationName(long id) {
        return locationNames.get(id);
    }

    private OpenPoint open(SurveyPoint p) {
        return new OpenPoint(p, campaign(p.campaignId()), locationName(p.locationId()));
    }

    public List<SurveyQuestion> questionnaire(long campaignId) {
        // A campaign's questionnaire never changes after it is created: read it once per instance.
        return questionnaires.get(campaignId);
    }

    public boolean answeredBefore(long campaignId, String browserId) {
        return browserId != null && responses.browserAnswered(campaignId, browserId);
    }

    /**
     * This browser's current answers at the point (question id to 1..5, 0 for don't know, -1 for N/A), to
     * prefill an amendment; empty when it has not answered there.
     */
    public java.util.Optional<Map<String, Integer>> currentAnswers(long campaignId, long pointId, String browserId) {
        if (browserId == null) {
            return java.util.Optional.empty();
        }
        RoundTrip trip = new RoundTrip();
        RoundTrip.Part<Long> current = store.current(trip, campaignId, pointId, browserId);
        trip.run(jdbc);
        return java.util.Optional.ofNullable(current.result()).map(id -> {
            Map<String, Integer> out = new LinkedHashMap<>();
            for (SurveyRepositories.GivenAnswer a : responses.answersOf(id)) {
                out.put(String.valueOf(a.questionId()), a.notApplicable() ? Submission.NOT_APPLICABLE
                        : a.value() == null ? Submission.DONT_KNOW : a.value());
            }
            return out;
        });
    }

    public OpenPoint openPoint(String token, Instant now) {
        SurveyPoint point = (TOKEN.matcher(token).matches() ? points.findByToken(token) : java.util.Optional.<SurveyPoint>empty())
                .orElseThrow(Submissions::unknownToken);
        return refuseUnlessOpen(open(point), now);
    }

    private static NotFoundException unknownToken() {
        return new NotFoundException(Message.of("survey.link_unknown"), List.of(FieldProblem.of("token", "token.unknown")));
    }

    /** {@code open} if it can take answers at {@code now}; otherwise why not, as a problem. */
    private static OpenPoint refuseUnlessOpen(OpenPoint open, Instant now) {
        if (open.point().revokedAt() != null) {
            throw new GoneException(Message.of("survey.link_revoked"), List.of(FieldProblem.of("token", "token.revoked")));
        }
        SurveyCampaign campaign = open.campaign();
        SurveyCampaign.State state = campaign.state(now);
        if (state != SurveyCampaign.State.OPEN) {
            boolean early = state == SurveyCampaign.State.NOT_YET_OPEN;
            throw new ConflictException(early ? Message.of("survey.opens_at", campaign.opensAt())
                    : Message.of("survey.closed_at", campaign.closesAt()),
                    List.of(FieldProblem.of("token", early ? "campaign.not_open" : "campaign.closed")));
        }
        return open;
    }

    /**
     * A submission checked as far as it can be without the database: the token names a point (cached, not yet
     * checked: see {@link PointOpenings}) and the submission id is well formed. Taken at {@code now}.
     */
    public record Pending(String token, Submission in, Submission.Origin origin, Instant now,
                          PointOpenings.Opening known) {
        long campaignId() {
            return known.point().campaignId();
        }

        String submissionId() {
            return in.submissionId();
        }

        /** The submission's lock: copies of one submission in flight wait for each other on it, on every instance. */
        String lockKey() {
            return "submission:" + campaignId() + ":" + submissionId();
        }
    }

    /*
     * An online submission runs in one transaction on one connection, with three round trips before the commit
     * (RoundTrip): the claim (the submission's lock, the point's and campaign's versions, a stored copy), the checks
     * (the limits, the fraud history, the browser's lock and current answer) and the insert. Under load, submissions
     * waiting at the same time share those round trips and the commit (SubmissionBatches); alone, each runs them
     * itself (IntakeWriter.writeOne). A refusal commits, so the limits' hits stay counted.
     *
     * Copies of one submission still in flight (a phone re-posting on a bad connection) wait for each other on the
     * submission's lock (per campaign, in PostgreSQL, so on every instance): the first is counted and stored, the
     * others then find it (the lookup is a statement after the lock, so it sees the first one's commit) and get its
     * receipt, never a 429. A retry of a stored submission finds it the same way, before any limit is counted.
     */
    public Submission.Receipt submitOnline(String token, Submission in, Submission.Origin origin) {
        return batches.submit(pending(token, in, origin));
    }

    /** The checks that need no database; an unknown token or a malformed submission id is refused here. */
    Pending pending(String token, Submission in, Submission.Origin origin) {
        // As PostgreSQL stores it (microseconds), so a time judged here equals the one read back: a nanosecond
        // instant rounded up on storing once made an earlier response look later than the one judged after it.
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        PointOpenings.Opening known = (TOKEN.matcher(token).matches() ? openings.known(token)
                : java.util.Optional.<PointOpenings.Opening>empty()).orElseThrow(Submissions::unknownToken);
        if (in.submissionId() == null || !SUBMISSION_ID.matcher(in.submissionId()).matches()) {
            openPoint(token, now); // a closed survey says so before a malformed submission does
            throw InvalidException.field("submissionId", "submission");
        }
        return new Pending(token, in, origin, now, known);
    }

    /** The point and campaign as the claim's versions say they are, refused unless open then. */
    OpenPoint opened(Pending p, PointOpenings.Versions seen) {
        PointOpenings.Opening current = openings.current(p.known(), seen);
        return refuseUnlessOpen(new OpenPoint(current.point(), current.campaign(),
                locationName(current.point().locationId())), p.now());
    }

    /*
     * Both limits counted together, on sharded counters: submissions behind one address (an estate behind a carrier's
     * NAT) do not wait here for each other's commit. Copies count once: they wait on the claim's lock.
     */
    List<RateLimiter.Limit> limits(OpenPoint open, Submission.Origin origin) {
        return List.of(
                new RateLimiter.Limit("survey-ip:" + open.campaign().id() + ":" + origin.clientIp(), perAddressPerMinute,
                        Duration.ofMinutes(1)),
                new RateLimiter.Limit("survey-point:" + open.point().id(), perPointPerMinute, Duration.ofMinutes(1)));
    }

    /** The burst rule needs only whether more than burstLimit earlier responses fall in its window. */
    static final int HISTORY_ADDRESS_LIMIT = RULES.burstLimit() + 1;

    static Instant historySince(Pending p) {
        return p.now().minus(RULES.burstWindow());
    }

    /**
     * A new submission counted and within its limits: its answers validated (or a 400 problem) and judged by the
     * fraud signals against {@code recent} (as {@link IntakeQueries#recent} reads it), ready to store.
     */
    ResponseStore.NewResponse evaluate(Pending p, OpenPoint open, List<FraudSignals.RecentResponse> recent) {
        Submission in = p.in();
        Submission.Origin origin = p.origin();
        Instant now = p.now();
        String submissionId = p.submissionId();
        SurveyCampaign campaign = open.campaign();
        long pointId = open.point().id();
        List<SurveyQuestion> questionnaire = questionnaire(campaign.id());
        List<FieldProblem> problems = new ArrayList<>();
        Map<Long, Integer> answers = validateAnswers(questionnaire, in.answers(), problems);
        String comment = validateComment(campaign, in.comment(), problems);
        String phone = validatePhone(campaign, in.phone(), in.phoneConsent(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidException(Message.of("survey.answers_invalid"), problems);
        }
        Instant startedAt = in.renderedAt() != null && signer.verify(submissionId, in.renderedAt(), in.signature())
                ? Instant.ofEpochMilli(in.renderedAt()) : null;
        Map<String, LikertAnswer> forSignals = new LinkedHashMap<>();
        // N/A says nothing about satisfaction: the signals judge the answers given (straight-lining, ...).
        answers.forEach((q, v) -> {
            if (v == null || v != Submission.NOT_APPLICABLE) {
                forSignals.put(String.valueOf(q), v == null ? LikertAnswer.DONT_KNOW : LikertAnswer.likert(v));
            }
        });
        // Without a genuine render time (an API client, or a forged form) completion time cannot be judged.
        List<FraudSignals.Flag> flags = fraud.check(new FraudSignals.SubmittedResponse(campaign.id(), open.point().id(),
                        submissionId, origin.browserId(), origin.clientIp(), origin.userAgent(),
                        startedAt == null ? now : startedAt, now, forSignals),
                questionnaire.size(), history(recent, pointId, origin)).stream()
                .filter(f -> startedAt != null || f.kind() != FraudSignals.Kind.TOO_FAST && f.kind() != FraudSignals.Kind.CLOCK_SKEW)
                .toList();
        SurveyResponse response = new SurveyResponse(null, campaign.id(), open.point().id(), SurveyResponse.Channel.ONLINE,
                submissionId, origin.browserId(), origin.clientIp(), truncate(origin.userAgent(), 300), startedAt, now,
                in.language() != null && com.tanfang.platform.Messages.LANGUAGES.contains(in.language()) ? in.language() : null,
                phone == null ? null : cipher.encrypt(phone), phone == null ? null : phoneHash.of(phone),
                null, comment, null, null, false, false, null, null, null);
        return new ResponseStore.NewResponse(response, answers, flags);
    }

    /** Face-to-face answers entered by an auditor; the second auditor and the staff-absent attestation are required. */
    public Submission.Receipt submitOffline(SurveyCampaign campaign, SurveyPoint point, String submissionIdRaw,
                                            Map<String, Integer> rawAnswers, String rawComment, long enteredBy,
                                            long secondAuditor, Instant interviewedAt) {
        String submissionId = requireSubmissionId(submissionIdRaw);
        var earlier = responses.findBySubmission(campaign.id(), submissionId);
        if (earlier.isPresent()) {
            return new Submission.Receipt(earlier.get().id(), submissionId, true);
        }
        List<FieldProblem> problems = new ArrayList<>();
        Map<Long, Integer> answers = validateAnswers(questionnaire(campaign.id()), rawAnswers, problems);
        String comment = validateComment(campaign, rawComment, problems);
        if (!problems.isEmpty()) {
            throw new InvalidException(Message.of("survey.answers_invalid"), problems);
        }
        SurveyResponse response = new SurveyResponse(null, campaign.id(), point.id(), SurveyResponse.Channel.OFFLINE,
                submissionId, null, null, null, null, interviewedAt, "zh-CN", null, null, null, comment, enteredBy,
                secondAuditor, true, false, null, null, null);
        return storeOnce(response, answers, List.of());
    }

    private Submission.Receipt storeOnce(SurveyResponse response, Map<Long, Integer> answers, List<FraudSignals.Flag> flags) {
        try {
            SurveyResponse saved = store.store(response, answers, flags);
            return new Submission.Receipt(saved.id(), saved.submissionId(), false);
        } catch (DataAccessException e) {
            // Two copies of one submission raced: the first one won, and this is its retry.
            return responses.findBySubmission(response.campaignId(), response.submissionId())
                    .map(r -> new Submission.Receipt(r.id(), r.submissionId(), true))
                    .orElseThrow(() -> e);
        }
    }

    /** This browser's current answer at this point is being amended, not answered twice: it is left out. */
    private static List<FraudSignals.RecentResponse> history(List<FraudSignals.RecentResponse> recent, long pointId,
                                                             Submission.Origin origin) {
        return recent.stream()
                .filter(r -> !(r.surveyPointId() == pointId && origin.browserId() != null
                        && origin.browserId().equals(r.browserId())))
                .toList();
    }

    private static String requireSubmissionId(String raw) {
        if (raw == null || !SUBMISSION_ID.matcher(raw).matches()) {
            throw InvalidException.field("submissionId", "submission");
        }
        return raw;
    }

    /**
     * Every question needs an answer: 1..5, 0 for don't know, or -1 for N/A where the question allows it (its
     * scheme item is marked N/A-able, e.g. 7.6 "N/A if not used"). Keys are question ids. The result maps question
     * id to 1..5, null for don't know, {@link Submission#NOT_APPLICABLE} for N/A. Shared by the online form, the
     * JSON API and face-to-face entry, so the N/A rule is the same everywhere.
     */
    public static Map<Long, Integer> validateAnswers(List<SurveyQuestion> questionnaire, Map<String, Integer> given,
                                              List<FieldProblem> problems) {
        Map<String, Integer> raw = given == null ? Map.of() : given;
        Map<Long, Integer> out = new LinkedHashMap<>();
        for (SurveyQuestion q : questionnaire) {
            Integer v = raw.get(String.valueOf(q.id()));
            String field = "answers." + q.id();
            if (v == null) {
                problems.add(FieldProblem.of(field, "answer.required"));
            } else if (v == Submission.NOT_APPLICABLE) {
                if (q.notApplicableAllowed()) {
                    out.put(q.id(), Submission.NOT_APPLICABLE);
                } else {
                    problems.add(FieldProblem.of(field, "answer.na_not_allowed"));
                }
            } else if (v < Submission.DONT_KNOW || v > 5) {
                problems.add(FieldProblem.of(field, "answer.range"));
            } else {
                out.put(q.id(), v == Submission.DONT_KNOW ? null : v);
            }
        }
        for (String key : raw.keySet()) {
            if (questionnaire.stream().noneMatch(q -> String.valueOf(q.id()).equals(key))) {
                problems.add(FieldProblem.of("answers." + key, "answer.unknown"));
            }
        }
        return out;
    }

    private static String validateComment(SurveyCampaign campaign, String comment, List<FieldProblem> problems) {
        if (comment == null || comment.isBlank()) {
            return null;
        }
        if (!campaign.commentAllowed()) {
            problems.add(FieldProblem.of("comment", "comment.off"));
        } else if (comment.length() > MAX_COMMENT) {
            problems.add(FieldProblem.of("comment", "comment.length", MAX_COMMENT));
        }
        return comment.strip();
    }

    private static String validatePhone(SurveyCampaign campaign, String phone, Boolean consent,
                                        List<FieldProblem> problems) {
        boolean given = phone != null && !phone.isBlank();
        switch (campaign.phoneMode()) {
            case OFF -> {
                if (given) {
                    problems.add(FieldProblem.of("phone", "phone.off"));
                }
                return null;
            }
            case REQUIRED -> {
                if (!given) {
                    problems.add(FieldProblem.of("phone", "phone.required"));
                    return null;
                }
            }
            case OPTIONAL -> {
                if (!given) {
                    return null;
                }
            }
        }
        var normalised = PhoneNumbers.normalise(phone);
        if (normalised.isEmpty()) {
            problems.add(FieldProblem.of("phone", "phone.format"));
            return null;
        }
        if (!Boolean.TRUE.equals(consent)) {
            problems.add(FieldProblem.of("phoneConsent", "phone.consent"));
            return null;
        }
        return normalised.get();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
