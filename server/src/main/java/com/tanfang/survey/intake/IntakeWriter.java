package com.tanfang.survey.intake;

import com.tanfang.message.DomainException;
import com.tanfang.platform.RateLimiter;
import com.tanfang.platform.RoundTrip;
import com.tanfang.survey.campaign.SurveyResponse;
import com.tanfang.survey.fraud.FraudSignals;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stores online submissions, one alone ({@link #writeOne}) or a batch of them in one transaction ({@link #writeBatch}),
 * with the same decisions in the same order: closed or revoked, a stored copy, the limits, the answers, the fraud
 * signals, the insert and the amendment. A batch decides for each submission what it would have decided had the
 * submissions run one after another in the batch's order and committed each in turn: each one's limits count the
 * hits of those before it, and its fraud history holds those stored before it and leaves out what they amend.
 */
@Singleton
public class IntakeWriter {
    private final Provider<Submissions> submissions;
    private final PointOpenings openings;
    private final RateLimiter limiter;
    private final ResponseStore store;
    private final JdbcOperations jdbc;

    IntakeWriter(Provider<Submissions> submissions, PointOpenings openings, RateLimiter limiter, ResponseStore store,
                 JdbcOperations jdbc) {
        this.submissions = submissions;
        this.openings = openings;
        this.limiter = limiter;
        this.store = store;
        this.jdbc = jdbc;
    }

    /** What became of one submission of a batch: its receipt, its refusal, or nothing yet. */
    public record Outcome(Submission.Receipt receipt, DomainException refusal) {
        static Outcome of(Submission.Receipt r) {
            return new Outcome(r, null);
        }

        static Outcome refused(DomainException e) {
            return new Outcome(null, e);
        }
    }

    /** One submission in a transaction of its own (four round trips with the commit, a retry two). */
    @Transactional(noRollbackFor = DomainException.class)
    public Submission.Receipt writeOne(Submissions.Pending p) {
        Submissions s = submissions.get();
        RoundTrip claim = new RoundTrip();
        claim.add(CUSTOM_PLANS, (ps, c, i) -> i, rs -> null);
        claim.lock(p.lockKey());
        RoundTrip.Part<PointOpenings.Versions> versions = openings.versions(claim, p.known());
        RoundTrip.Part<Long> first = IntakeQueries.firstCopy(claim, p.campaignId(), p.submissionId());
        claim.run(jdbc);
        Submissions.OpenPoint open = s.opened(p, versions.result());
        if (first.result() != null) {
            return new Submission.Receipt(first.result(), p.submissionId(), true);
        }
        long campaignId = open.campaign().id();
        long pointId = open.point().id();
        String browserId = p.origin().browserId();
        RoundTrip checks = new RoundTrip();
        RateLimiter.Counted counted = limiter.count(checks, s.limits(open, p.origin()));
        RoundTrip.Part<List<FraudSignals.RecentResponse>> recent = IntakeQueries.recent(checks, campaignId, browserId,
                p.origin().clientIp(), Submissions.historySince(p), Submissions.HISTORY_ADDRESS_LIMIT);
        // A browser that answered at this point before amends that answer: locked after the submission, as always.
        RoundTrip.Part<Long> amends = browserId == null ? null : store.lockCurrent(checks, campaignId, pointId, browserId);
        checks.run(jdbc);
        counted.check("token");
        ResponseStore.NewResponse fresh = s.evaluate(p, open, recent.result());
        // Under the submission's lock: no other copy of this submission can be storing meanwhile.
        SurveyResponse saved = store.storeOnline(fresh.response(), fresh.answers(), fresh.flags(),
                Optional.ofNullable(amends == null ? null : amends.result())).response();
        return new Submission.Receipt(saved.id(), saved.submissionId(), false);
    }

    /*
     * A batch's statements are planned for their arguments every time, in this transaction only. Prepared statements
     * otherwise switch to a generic plan after five runs and keep it: made while a new campaign's table was nearly
     * empty, that plan walked the whole table per lookup ever after (500 pages per stored-copy lookup in a load run,
     * 2026-12-03, and 6 once the table had been analysed). One plan per statement per batch costs little; a
     * submission stored alone is one that found no other waiting, when time is not short.
     */
    private static final String CUSTOM_PLANS = "select set_config('plan_cache_mode', 'force_custom_plan', true)";

    /** A submission's history cannot be told exactly from the batch's reads: the batch runs again one by one. */
    static final class Inexact extends RuntimeException {
        Inexact() {
            super("a history the batch cannot tell exactly: stored one by one instead", null, false, false);
        }
    }

    /**
     * Several submissions in one transaction, with the round trips of one ({@link #writeOne}): each statement takes the
     * whole batch (arrays in, a row per submission out). The caller ({@link SubmissionBatches}) never puts two copies of
     * one submission, or two submissions of one browser in one campaign, into a batch. Outcomes in the batch's order.
     * Throws (and rolls everything back) when the batch cannot be decided as if one by one (more of a submission's
     * address history amended by the batch than the read's slack): the caller then runs each submission alone.
     */
    @Transactional(noRollbackFor = DomainException.class)
    public List<Outcome> writeBatch(List<Submissions.Pending> batch) {
        Submissions s = submissions.get();
        int n = batch.size();
        Outcome[] out = new Outcome[n];

        // The claim: the submissions' locks, then (seeing what the lock holders committed) versions and stored copies,
        // and the locks and current answers of the browsers.
        RoundTrip claim = new RoundTrip();
        claim.add(CUSTOM_PLANS, (ps, c, i) -> i, rs -> null);
        claim.lockAll(batch.stream().map(Submissions.Pending::lockKey).toList());
        RoundTrip.Part<PointOpenings.Versions[]> versions = openings.versionsAll(claim,
                batch.stream().map(Submissions.Pending::known).toList());
        RoundTrip.Part<Long[]> first = IntakeQueries.firstCopies(claim,
                batch.stream().map(Submissions.Pending::campaignId).toArray(Long[]::new),
                batch.stream().map(Submissions.Pending::submissionId).toArray(String[]::new));
        List<Integer> withBrowser = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (batch.get(i).origin().browserId() != null) {
                withBrowser.add(i);
            }
        }
        RoundTrip.Part<Long[]> current = withBrowser.isEmpty() ? null : store.lockCurrentAll(claim,
                withBrowser.stream().map(i -> batch.get(i).campaignId()).toArray(Long[]::new),
                withBrowser.stream().map(i -> batch.get(i).known().point().id()).toArray(Long[]::new),
                withBrowser.stream().map(i -> batch.get(i).origin().browserId()).toArray(String[]::new));
        claim.run(jdbc);
        Long[] amendsOf = new Long[n];
        for (int k = 0; k < withBrowser.size(); k++) {
            amendsOf[withBrowser.get(k)] = current.result()[k];
        }

        List<Integer> admitted = new ArrayList<>();
        Submissions.OpenPoint[] open = new Submissions.OpenPoint[n];
        for (int i = 0; i < n; i++) {
            Submissions.Pending p = batch.get(i);
            try {
                open[i] = s.opened(p, versions.result()[i]);
                Long stored = first.result()[i];
                if (stored != null) {
                    out[i] = Outcome.of(new Submission.Receipt(stored, p.submissionId(), true));
                } else {
                    admitted.add(i);
                }
            } catch (DomainException e) {
                out[i] = Outcome.refused(e);
            }
        }
        if (admitted.isEmpty()) {
            return List.of(out);
        }

        // The checks: every admitted submission's limits, and its history without what earlier ones amend.
        List<List<RateLimiter.Limit>> limits = new ArrayList<>();
        List<IntakeQueries.HistoryAsk> asks = new ArrayList<>();
        for (int a = 0; a < admitted.size(); a++) {
            int i = admitted.get(a);
            Submissions.Pending p = batch.get(i);
            limits.add(s.limits(open[i], p.origin()));
            asks.add(new IntakeQueries.HistoryAsk(open[i].campaign().id(), p.origin().browserId(),
                    p.origin().clientIp(), Submissions.historySince(p)));
        }
        RoundTrip checks = new RoundTrip();
        List<RateLimiter.Counted> counted = limiter.countAll(checks, limits);
        RoundTrip.Part<List<List<IntakeQueries.HistoryRow>>> history = IntakeQueries.recentAll(checks, asks,
                Submissions.HISTORY_ADDRESS_LIMIT);
        checks.run(jdbc);

        List<ResponseStore.NewResponse> fresh = new ArrayList<>();
        List<Integer> freshOf = new ArrayList<>();
        java.util.Set<Long> amendedBefore = new java.util.HashSet<>();
        for (int a = 0; a < admitted.size(); a++) {
            int i = admitted.get(a);
            try {
                counted.get(a).check("token");
                List<FraudSignals.RecentResponse> recent = merged(history.result().get(a), asks.get(a),
                        fresh.stream().map(ResponseStore.NewResponse::response).toList(), amendedBefore);
                fresh.add(s.evaluate(batch.get(i), open[i], recent));
                freshOf.add(i);
                if (amendsOf[i] != null) {
                    amendedBefore.add(amendsOf[i]);
                }
            } catch (DomainException e) {
                out[i] = Outcome.refused(e); // a refused amendment amends nothing: later ones still see what it would have
            }
        }
        if (!fresh.isEmpty()) {
            RoundTrip insert = new RoundTrip();
            RoundTrip.Part<long[]> ids = store.insertAll(insert, fresh);
            insert.run(jdbc);
            for (int f = 0; f < fresh.size(); f++) {
                int i = freshOf.get(f);
                SurveyResponse saved = fresh.get(f).response().withId(ids.result()[f]);
                if (amendsOf[i] != null) {
                    store.amends(saved, amendsOf[i]);
                }
                out[i] = Outcome.of(new Submission.Receipt(saved.id(), saved.submissionId(), false));
            }
        }
        return List.of(out);
    }

    /*
     * The history one submission would have read had the batch's earlier ones committed first: its browser part as
     * read (no earlier submission of the batch has its browser, so none stored or amended a row of it), and its address
     * part as the latest HISTORY_ADDRESS_LIMIT of what was read, less what the earlier ones amend, and what they stored
     * from its address since the burst window began (the latest of a union are among the latest of each part). When
     * the amended rows leave fewer than the limit of a full read, the row after it is unknown: the batch is inexact.
     * Like the SQL union, a row once.
     */
    static List<FraudSignals.RecentResponse> merged(List<IntakeQueries.HistoryRow> read, IntakeQueries.HistoryAsk ask,
                                                     List<SurveyResponse> storedBefore, java.util.Set<Long> amendedBefore) {
        Map<String, FraudSignals.RecentResponse> out = new LinkedHashMap<>();
        List<FraudSignals.RecentResponse> address = new ArrayList<>();
        int addressRead = 0;
        for (IntakeQueries.HistoryRow row : read) {
            if (row.ofBrowser()) {
                out.putIfAbsent(row.response().submissionId(), row.response());
            } else {
                addressRead++;
                if (!amendedBefore.contains(row.id())) {
                    address.add(row.response());
                }
            }
        }
        if (addressRead == Submissions.HISTORY_ADDRESS_LIMIT + IntakeQueries.HISTORY_SLACK
                && address.size() < Submissions.HISTORY_ADDRESS_LIMIT) {
            throw new Inexact();
        }
        for (SurveyResponse r : storedBefore) {
            if (r.campaignId() == ask.campaignId() && ask.clientIp() != null && ask.clientIp().equals(r.clientIp())
                    && r.submittedAt().isAfter(ask.since())) {
                address.add(new FraudSignals.RecentResponse(r.submissionId(), r.browserId(), r.clientIp(), r.pointId(),
                        r.submittedAt()));
            }
        }
        address.sort(Comparator.comparing(FraudSignals.RecentResponse::submittedAt, Comparator.<Instant>reverseOrder()));
        address.stream().limit(Submissions.HISTORY_ADDRESS_LIMIT)
                .forEach(r -> out.putIfAbsent(r.submissionId(), r));
        return List.copyOf(out.values());
    }
}
