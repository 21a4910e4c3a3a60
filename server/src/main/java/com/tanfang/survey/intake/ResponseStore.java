package com.tanfang.survey.intake;

import com.tanfang.evidence.EvidenceLog;
import com.tanfang.evidence.Subject;
import com.tanfang.survey.campaign.SurveyRepositories;
import com.tanfang.survey.campaign.SurveyResponse;
import com.tanfang.survey.fraud.FraudSignals;

import com.tanfang.platform.RoundTrip;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a response, its answers and its flags in one transaction: all of it or nothing. An online response from a
 * browser that already answered at the same point amends that answer: the earlier one is kept but superseded
 * (only current responses count), and the amendment is recorded in the evidence log in the same transaction.
 */
@Singleton
public class ResponseStore {
    private final SurveyRepositories.Responses responses;
    private final JsonMapper json;
    private final JdbcOperations jdbc;
    private final EvidenceLog evidence;

    public ResponseStore(SurveyRepositories.Responses responses, JsonMapper json, JdbcOperations jdbc,
                         EvidenceLog evidence) {
        this.responses = responses;
        this.json = json;
        this.jdbc = jdbc;
        this.evidence = evidence;
    }

    /** What was stored, and which earlier response of the same browser at the same point it replaced. */
    public record Stored(SurveyResponse response, Optional<Long> superseded) {
    }

    /**
     * Stores a response as given, amending nothing (seeded demo data, face-to-face entry). Answers as in
     * {@link #storeOnline}.
     */
    @Transactional
    public SurveyResponse store(SurveyResponse response, Map<Long, Integer> answers, List<FraudSignals.Flag> flags) {
        return write(response, answers, flags, Optional.empty()).response();
    }

    /**
     * Adds to {@code trip} what an online response from a browser needs before it is stored: a lock on the browser
     * at the point (two amendments from one browser at one point must not both stay current, so they run one after
     * the other, on every instance) and then the browser's current response there, read by a statement after the
     * lock, so it sees what the other transaction committed. The lock lasts until the caller's transaction ends;
     * it is always taken after the submission's lock (Submissions), never before, so no two callers wait in a cycle.
     */
    RoundTrip.Part<Long> lockCurrent(RoundTrip trip, long campaignId, long pointId, String browserId) {
        trip.lock("amend:" + campaignId + ":" + pointId + ":" + browserId);
        return current(trip, campaignId, pointId, browserId);
    }

    /** This browser's current (not superseded) online response at the point, if it answered there. */
    RoundTrip.Part<Long> current(RoundTrip trip, long campaignId, long pointId, String browserId) {
        return trip.add(CURRENT_BY_BROWSER, (ps, c, i) -> {
            ps.setLong(i, campaignId);
            ps.setLong(i + 1, pointId);
            ps.setString(i + 2, browserId);
            return i + 3;
        }, RoundTrip::firstLong);
    }

    /**
     * Stores a respondent's online response, in the transaction that ran {@link #lockCurrent} (when it has a browser
     * id): when the browser already answered at the point ({@code current}), this one amends that answer. Answers
     * map question id to 1..5, null for don't know, or {@link Submission#NOT_APPLICABLE}.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Stored storeOnline(SurveyResponse response, Map<Long, Integer> answers, List<FraudSignals.Flag> flags,
                              Optional<Long> current) {
        return write(response, answers, flags, current);
    }

    private Stored write(SurveyResponse response, Map<Long, Integer> answers, List<FraudSignals.Flag> flags,
                         Optional<Long> earlier) {
        RoundTrip trip = new RoundTrip();
        RoundTrip.Part<long[]> id = insertAll(trip, List.of(new NewResponse(response, answers, flags)));
        trip.run(jdbc);
        SurveyResponse saved = response.withId(id.result()[0]);
        earlier.ifPresent(e -> amends(saved, e));
        return new Stored(saved, earlier);
    }

    /** {@code saved} amends {@code earlier}: the earlier one is superseded, and the evidence log says so. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void amends(SurveyResponse saved, long earlier) {
        if (responses.supersede(earlier, saved.id(), saved.submittedAt()) == 1) {
            evidence.record(Subject.response(saved.id()), "response.amended", null, Map.of(
                    "campaignId", saved.campaignId(), "pointId", saved.pointId(), "supersedes", earlier));
        }
    }

    private static final String CURRENT_ALL = """
            select w.n, (select r.id from survey_response r where r.campaign_id = w.c and r.point_id = w.p
                           and r.browser_id = w.b and r.channel = 'ONLINE' and r.superseded_by is null
                         order by r.submitted_at desc, r.id desc limit 1)
              from unnest(?::bigint[], ?::bigint[], ?::text[]) with ordinality as w(c, p, b, n)""";

    /**
     * {@link #lockCurrent} for several browsers (a batch of submissions): their locks in one statement, then their
     * current responses in another; element i of the result for browser i.
     */
    RoundTrip.Part<Long[]> lockCurrentAll(RoundTrip trip, Long[] campaignIds, Long[] pointIds, String[] browserIds) {
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < browserIds.length; i++) {
            keys.add("amend:" + campaignIds[i] + ":" + pointIds[i] + ":" + browserIds[i]);
        }
        trip.lockAll(keys);
        return trip.add(CURRENT_ALL, (ps, c, i) -> {
            ps.setArray(i, c.createArrayOf("int8", campaignIds));
            ps.setArray(i + 1, c.createArrayOf("int8", pointIds));
            ps.setArray(i + 2, c.createArrayOf("text", browserIds));
            return i + 3;
        }, RoundTrip.longsByPlace(browserIds.length));
    }

    /*
     * The responses, their answers and their flags in one statement (data-modifying CTEs on the new ids; three or
     * more statements cost a round trip each, once the largest cost of a submission), for one
     * response or a batch: one statement whatever the number (so it stays prepared), rows in the order given (the
     * identity follows it), answers and flags numbered by their response's place (1-based). A new response is never
     * excluded (exclusion is a later, logged decision), so those columns keep their defaults.
     */
    private static final String INSERT_ALL = """
            with w as (
              select * from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[],
                ?::bigint[], ?::bigint[], ?::boolean[])
                with ordinality as w(campaign_id, point_id, channel, submission_id, browser_id, client_ip, user_agent,
                  started_at, submitted_at, language, phone_cipher, phone_hash, phone_purged_at, comment, entered_by,
                  second_auditor, staff_absent_attested, n)),
            r as (
              insert into survey_response (campaign_id, point_id, channel, submission_id, browser_id, client_ip,
                user_agent, started_at, submitted_at, language, phone_cipher, phone_hash, phone_purged_at, comment,
                entered_by, second_auditor, staff_absent_attested)
              select campaign_id, point_id, channel, submission_id, browser_id, client_ip, user_agent, started_at,
                submitted_at, language, phone_cipher, phone_hash, phone_purged_at, comment, entered_by, second_auditor,
                staff_absent_attested from w order by n
              returning id, campaign_id, submission_id),
            k as (
              select w.n, r.id from w join r on r.campaign_id = w.campaign_id and r.submission_id = w.submission_id),
            a as (
              insert into survey_answer (response_id, question_id, value, not_applicable)
              select k.id, q, v, na from unnest(?::int[], ?::bigint[], ?::smallint[], ?::boolean[]) as a(n, q, v, na)
                join k on k.n = a.n),
            f as (
              insert into response_flag (response_id, kind, reason_code, reason_args, reason)
              select k.id, kd, rc, cast(x as jsonb), t
                from unnest(?::int[], ?::text[], ?::text[], ?::text[], ?::text[]) as f(n, kd, rc, x, t)
                join k on k.n = f.n)
            select n, id from k""";

    /** A new response with its answers (as {@link #storeOnline}) and flags, for {@link #insertAll}. */
    record NewResponse(SurveyResponse response, Map<Long, Integer> answers, List<FraudSignals.Flag> flags) {
    }

    /**
     * Adds the insert of new responses, their answers and flags as one statement; the result is their ids in the
     * order given. The caller then runs {@link #amends} for those that amend an earlier answer.
     */
    RoundTrip.Part<long[]> insertAll(RoundTrip trip, List<NewResponse> all) {
        int n = all.size();
        Long[] campaigns = new Long[n];
        Long[] points = new Long[n];
        String[] channels = new String[n];
        String[] submissions = new String[n];
        String[] browsers = new String[n];
        String[] addresses = new String[n];
        String[] agents = new String[n];
        Timestamp[] started = new Timestamp[n];
        Timestamp[] submitted = new Timestamp[n];
        String[] languages = new String[n];
        String[] ciphers = new String[n];
        String[] hashes = new String[n];
        String[] comments = new String[n];
        Timestamp[] purged = new Timestamp[n];
        Long[] enteredBy = new Long[n];
        Long[] secondAuditors = new Long[n];
        Boolean[] attested = new Boolean[n];
        List<Integer> answerOf = new java.util.ArrayList<>();
        List<Long> questions = new java.util.ArrayList<>();
        List<Short> values = new java.util.ArrayList<>();
        List<Boolean> notApplicable = new java.util.ArrayList<>();
        List<Integer> flagOf = new java.util.ArrayList<>();
        List<String> kinds = new java.util.ArrayList<>();
        List<String> codes = new java.util.ArrayList<>();
        List<String> args = new java.util.ArrayList<>();
        List<String> reasons = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            SurveyResponse r = all.get(i).response();
            if (r.excluded() || r.id() != null) {
                throw new IllegalArgumentException("a new response is stored unexcluded and without an id");
            }
            channels[i] = r.channel().name();
            campaigns[i] = r.campaignId();
            points[i] = r.pointId();
            submissions[i] = r.submissionId();
            browsers[i] = r.browserId();
            addresses[i] = r.clientIp();
            agents[i] = r.userAgent();
            started[i] = r.startedAt() == null ? null : Timestamp.from(r.startedAt());
            submitted[i] = Timestamp.from(r.submittedAt());
            languages[i] = r.language();
            ciphers[i] = r.phoneCipher();
            hashes[i] = r.phoneHash();
            comments[i] = r.comment();
            purged[i] = r.phonePurgedAt() == null ? null : Timestamp.from(r.phonePurgedAt());
            enteredBy[i] = r.enteredBy();
            secondAuditors[i] = r.secondAuditor();
            attested[i] = r.staffAbsentAttested();
            for (Map.Entry<Long, Integer> a : all.get(i).answers().entrySet()) {
                boolean na = a.getValue() != null && a.getValue() == Submission.NOT_APPLICABLE;
                answerOf.add(i + 1);
                questions.add(a.getKey());
                values.add(na || a.getValue() == null ? null : a.getValue().shortValue());
                notApplicable.add(na);
            }
            for (FraudSignals.Flag f : all.get(i).flags()) {
                flagOf.add(i + 1);
                kinds.add(f.kind().name());
                codes.add(f.reason().code());
                args.add(argsJson(f.reason().args()));
                reasons.add(f.reason().english());
            }
        }
        return trip.add(INSERT_ALL, (ps, c, i) -> {
            ps.setArray(i++, c.createArrayOf("int8", campaigns));
            ps.setArray(i++, c.createArrayOf("int8", points));
            ps.setArray(i++, c.createArrayOf("text", channels));
            ps.setArray(i++, c.createArrayOf("text", submissions));
            ps.setArray(i++, c.createArrayOf("text", browsers));
            ps.setArray(i++, c.createArrayOf("text", addresses));
            ps.setArray(i++, c.createArrayOf("text", agents));
            ps.setArray(i++, c.createArrayOf("timestamptz", started));
            ps.setArray(i++, c.createArrayOf("timestamptz", submitted));
            ps.setArray(i++, c.createArrayOf("text", languages));
            ps.setArray(i++, c.createArrayOf("text", ciphers));
            ps.setArray(i++, c.createArrayOf("text", hashes));
            ps.setArray(i++, c.createArrayOf("timestamptz", purged));
            ps.setArray(i++, c.createArrayOf("text", comments));
            ps.setArray(i++, c.createArrayOf("int8", enteredBy));
            ps.setArray(i++, c.createArrayOf("int8", secondAuditors));
            ps.setArray(i++, c.createArrayOf("bool", attested));
            ps.setArray(i++, c.createArrayOf("int4", answerOf.toArray()));
            ps.setArray(i++, c.createArrayOf("int8", questions.toArray()));
            ps.setArray(i++, c.createArrayOf("int2", values.toArray()));
            ps.setArray(i++, c.createArrayOf("bool", notApplicable.toArray()));
            ps.setArray(i++, c.createArrayOf("int4", flagOf.toArray()));
            ps.setArray(i++, c.createArrayOf("text", kinds.toArray()));
            ps.setArray(i++, c.createArrayOf("text", codes.toArray()));
            ps.setArray(i++, c.createArrayOf("text", args.toArray()));
            ps.setArray(i++, c.createArrayOf("text", reasons.toArray()));
            return i;
        }, rs -> {
            long[] ids = new long[n];
            while (rs.next()) {
                ids[rs.getInt(1) - 1] = rs.getLong(2);
            }
            return ids;
        });
    }

    private static final String CURRENT_BY_BROWSER = """
            select id from survey_response where campaign_id = ? and point_id = ?
              and browser_id = ? and channel = 'ONLINE' and superseded_by is null
            order by submitted_at desc, id desc limit 1""";


    private String argsJson(List<String> args) {
        try {
            return json.writeValueAsString(args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
