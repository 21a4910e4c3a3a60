package com.tanfang.survey.intake;

import com.tanfang.evidence.EvidenceLog;
import com.tanfang.message.DomainException;
import com.tanfang.evidence.Subject;
import com.tanfang.survey.campaign.SurveyRepositories;
import com.tanfang.survey.campaign.SurveyResponse;
import com.tanfang.survey.fraud.FraudSignals;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

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
        return write(response, answers, flags, false).response();
    }

    /**
     * Stores a respondent's online response; when the same browser already answered at the same point, this one
     * amends it. Answers map question id to 1..5, null for don't know, or {@link Submission#NOT_APPLICABLE}.
     */
    @Transactional
    public Stored storeOnline(SurveyResponse response, Map<Long, Integer> answers, List<FraudSignals.Flag> flags) {
        return write(response, answers, flags, true);
    }

    /**
     * Runs {@code work} in one transaction that holds a lock on the submission id (per campaign, in PostgreSQL, so
     * on every instance): copies of one submission run one after another, and a copy that waited finds the first
     * one stored (the lookup after the lock is a new statement, so it sees the other transaction's commit).
     * Different submissions never wait for each other here. A domain refusal (a limit, invalid answers) commits,
     * so the hits the limits counted stay counted; anything else rolls back.
     */
    @Transactional(noRollbackFor = DomainException.class)
    public <T> T onePerSubmission(long campaignId, String submissionId, Supplier<T> work) {
        lock("submission:" + campaignId + ":" + submissionId);
        return work.get();
    }

    private Stored write(SurveyResponse response, Map<Long, Integer> answers, List<FraudSignals.Flag> flags,
                         boolean amending) {
        Optional<Long> earlier = Optional.empty();
        if (amending && response.channel() == SurveyResponse.Channel.ONLINE && response.browserId() != null) {
            // Two amendments from one browser at one point must not both stay current: serialise them. The lookup
            // after the lock is a new statement, so it sees the other transaction's committed response.
            lock("amend:" + response.campaignId() + ":" + response.pointId() + ":" + response.browserId());
            earlier = responses.currentByBrowser(response.campaignId(), response.pointId(), response.browserId());
        }
        SurveyResponse saved = responses.save(response);
        insertAnswers(saved.id(), answers);
        insertFlags(saved.id(), flags);
        if (earlier.isPresent() && responses.supersede(earlier.get(), saved.id(), saved.submittedAt()) == 1) {
            evidence.record(Subject.response(saved.id()), "response.amended", null, Map.of(
                    "campaignId", saved.campaignId(), "pointId", saved.pointId(), "supersedes", earlier.get()));
        }
        return new Stored(saved, earlier);
    }

    private static final String INSERT_ANSWERS = """
            insert into survey_answer (response_id, question_id, value, not_applicable)
            select ?, q, v, na from unnest(?::bigint[], ?::smallint[], ?::boolean[]) as a(q, v, na)""";
    private static final String INSERT_FLAGS = """
            insert into response_flag (response_id, kind, reason_code, reason_args, reason)
            select ?, k, c, cast(a as jsonb), r from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as f(k, c, a, r)""";

    /**
     * All answers of a response in one statement (arrays), not one statement each: a submission's round trips to
     * the database were its largest cost after the fraud history was bounded (7 answers, 7 round trips).
     */
    private void insertAnswers(long responseId, Map<Long, Integer> answers) {
        if (answers.isEmpty()) {
            return;
        }
        Long[] questions = new Long[answers.size()];
        Short[] values = new Short[answers.size()];
        Boolean[] notApplicable = new Boolean[answers.size()];
        int i = 0;
        for (Map.Entry<Long, Integer> a : answers.entrySet()) {
            boolean na = a.getValue() != null && a.getValue() == Submission.NOT_APPLICABLE;
            questions[i] = a.getKey();
            values[i] = na || a.getValue() == null ? null : a.getValue().shortValue();
            notApplicable[i] = na;
            i++;
        }
        insertRows(INSERT_ANSWERS, responseId, new String[] {"int8", "int2", "bool"}, questions, values, notApplicable);
    }

    /** The fraud flags of a response in one statement, as the answers. */
    private void insertFlags(long responseId, List<FraudSignals.Flag> flags) {
        if (flags.isEmpty()) {
            return;
        }
        String[] kinds = new String[flags.size()];
        String[] codes = new String[flags.size()];
        String[] args = new String[flags.size()];
        String[] reasons = new String[flags.size()];
        for (int i = 0; i < flags.size(); i++) {
            FraudSignals.Flag f = flags.get(i);
            kinds[i] = f.kind().name();
            codes[i] = f.reason().code();
            args[i] = argsJson(f.reason().args());
            reasons[i] = f.reason().english();
        }
        insertRows(INSERT_FLAGS, responseId, new String[] {"text", "text", "text", "text"}, kinds, codes, args, reasons);
    }

    /** Runs an {@code insert ... select ?, ... from unnest(?, ...)}: the response id, then one array per column. */
    private void insertRows(String sql, long responseId, String[] types, Object[]... columns) {
        jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, responseId);
                for (int i = 0; i < columns.length; i++) {
                    ps.setArray(i + 2, c.createArrayOf(types[i], columns[i]));
                }
                return ps.executeUpdate();
            }
        });
    }

    /** A transaction-scoped advisory lock; always taken in the order submission, then browser at point. */
    private void lock(String key) {
        jdbc.execute(c -> {
            try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
            }
            return null;
        });
    }

    private String argsJson(List<String> args) {
        try {
            return json.writeValueAsString(args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
