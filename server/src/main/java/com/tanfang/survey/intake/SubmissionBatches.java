package com.tanfang.survey.intake;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;

/**
 * Group commit for online submissions: the submissions waiting at the same moment are stored together, by a few
 * writer threads, in one transaction with the round trips of one ({@link IntakeWriter#writeBatch}). A submission is
 * acknowledged only after its batch has committed, as before.
 *
 * <p>Why: on two cores shared with PostgreSQL, a submission alone cost the database about twice what PostgreSQL's own
 * benchmark of the same insert needs (pgbench A), in per-statement and per-commit work: the limits, the history, the
 * locks, the commit. Shared by a batch, those costs are paid once per batch (2026-12-03: see
 * server/docs/performance.md). When submissions come one at a time a batch holds one, which the writer stores alone
 * ({@link IntakeWriter#writeOne}), so a quiet survey waits for nobody.
 *
 * <p>A batch never holds two copies of one submission, or two submissions of one browser in one campaign: the later
 * one waits for the next batch (so amendments and "same browser twice" are decided as one by one). When a batch fails
 * as a whole (a deadlock with another instance, a refused amendment that earlier decisions depended on), it is rolled
 * back and every submission in it is stored alone, on its own request thread, exactly as without batches.
 */
@Singleton
public class SubmissionBatches {
    private static final Logger LOG = LoggerFactory.getLogger(SubmissionBatches.class);

    private record Waiting(Submissions.Pending pending, CompletableFuture<IntakeWriter.Outcome> done) {
        String submissionKey() {
            return pending.campaignId() + ":" + pending.submissionId();
        }

        String browserKey() {
            String browser = pending.origin().browserId();
            return browser == null ? null : pending.campaignId() + ":" + browser;
        }
    }

    /** A batch failed as a whole: store this submission alone. */
    private static final IntakeWriter.Outcome ALONE = new IntakeWriter.Outcome(null, null);

    private final IntakeWriter writer;
    private final int maxBatch;
    private final int writerCount;
    private final LinkedBlockingDeque<Waiting> queue = new LinkedBlockingDeque<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;
    private final java.util.concurrent.atomic.AtomicLong shared = new java.util.concurrent.atomic.AtomicLong();

    public SubmissionBatches(IntakeWriter writer, @Value("${tanfang.survey.batch.max:64}") int maxBatch,
                             @Value("${tanfang.survey.batch.writers:3}") int writerCount) {
        if (maxBatch < 1 || maxBatch > 1_000 || writerCount < 1 || writerCount > 16) {
            throw new IllegalArgumentException("tanfang.survey.batch.max runs from 1 to 1000, writers from 1 to 16");
        }
        this.writer = writer;
        this.maxBatch = maxBatch;
        this.writerCount = writerCount;
    }

    /** Stores {@code p} (in a batch, or alone with batches of one) and answers once it has committed. */
    public Submission.Receipt submit(Submissions.Pending p) {
        if (maxBatch == 1) {
            return writer.writeOne(p);
        }
        startWriters();
        Waiting w = new Waiting(p, new CompletableFuture<>());
        queue.add(w);
        IntakeWriter.Outcome outcome;
        try {
            outcome = w.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the submission was being stored", e);
        } catch (ExecutionException e) {
            // As if stored on this thread: the handlers map a database that is down, and the rest, as before.
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw new IllegalStateException("the submission could not be stored", e.getCause());
        }
        if (outcome == ALONE) {
            return writer.writeOne(p);
        }
        if (outcome.refusal() != null) {
            throw outcome.refusal();
        }
        return outcome.receipt();
    }

    private synchronized void startWriters() {
        if (!writers.isEmpty() || !running) {
            return;
        }
        for (int i = 0; i < writerCount; i++) {
            Thread t = new Thread(this::writeBatches, "submission-writer-" + i);
            t.setDaemon(true);
            writers.add(t);
            t.start();
        }
    }

    private void writeBatches() {
        while (running) {
            List<Waiting> batch;
            try {
                batch = next();
            } catch (InterruptedException e) {
                return;
            }
            write(batch);
        }
    }

    /** The next batch: whoever waits, up to the maximum, leaving for later what may not share it. */
    private List<Waiting> next() throws InterruptedException {
        List<Waiting> taken = new ArrayList<>();
        taken.add(queue.take());
        queue.drainTo(taken, maxBatch - 1);
        List<Waiting> batch = new ArrayList<>();
        List<Waiting> later = new ArrayList<>();
        Set<String> submissions = new HashSet<>();
        Set<String> browsers = new HashSet<>();
        for (Waiting w : taken) {
            boolean fits = !submissions.contains(w.submissionKey())
                    && (w.browserKey() == null || !browsers.contains(w.browserKey()));
            (fits ? batch : later).add(w);
            if (fits) {
                submissions.add(w.submissionKey());
                if (w.browserKey() != null) {
                    browsers.add(w.browserKey());
                }
            }
        }
        for (int i = later.size() - 1; i >= 0; i--) {
            queue.addFirst(later.get(i)); // first in the next batch, in their order
        }
        return batch;
    }

    private void write(List<Waiting> batch) {
        if (batch.size() == 1) {
            Waiting w = batch.get(0);
            try {
                w.done().complete(IntakeWriter.Outcome.of(writer.writeOne(w.pending())));
            } catch (com.tanfang.message.DomainException e) {
                w.done().complete(IntakeWriter.Outcome.refused(e));
            } catch (RuntimeException | Error e) {
                w.done().completeExceptionally(e);
            }
            return;
        }
        List<IntakeWriter.Outcome> outcomes;
        try {
            outcomes = writer.writeBatch(batch.stream().map(Waiting::pending).toList());
        } catch (RuntimeException e) {
            LOG.info("A batch of {} submissions is stored one by one instead: {}", batch.size(), e.toString());
            batch.forEach(w -> w.done().complete(ALONE));
            return;
        }
        shared.addAndGet(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(outcomes.get(i));
        }
    }

    /** How many submissions this instance has stored in batches of more than one (for the tests and the logs). */
    public long storedInSharedBatches() {
        return shared.get();
    }

    @PreDestroy
    synchronized void stop() {
        running = false;
        writers.forEach(Thread::interrupt);
        Waiting w;
        while ((w = queue.poll()) != null) {
            w.done().complete(ALONE);
        }
    }
}
