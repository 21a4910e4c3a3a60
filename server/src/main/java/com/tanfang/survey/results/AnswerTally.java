package com.tanfang.survey.results;

import com.tanfang.scheme.LikertAnswer;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How many times each answer was given to one question. All survey statistics depend on these six counts
 * only, so groups (online, offline) merge by adding counts, which is the same as pooling their answers.
 */
public record AnswerTally(Map<LikertAnswer, Long> counts) {
    public static final AnswerTally EMPTY = new AnswerTally(Map.of());

    public AnswerTally {
        EnumMap<LikertAnswer, Long> copy = new EnumMap<>(LikertAnswer.class);
        for (LikertAnswer a : LikertAnswer.values()) {
            long n = counts.getOrDefault(a, 0L);
            if (n < 0) {
                throw new IllegalArgumentException("negative count for " + a);
            }
            copy.put(a, n);
        }
        counts = Map.copyOf(copy);
    }

    public static AnswerTally of(Collection<LikertAnswer> answers) {
        EnumMap<LikertAnswer, Long> counts = new EnumMap<>(LikertAnswer.class);
        answers.forEach(a -> counts.merge(a, 1L, Long::sum));
        return new AnswerTally(counts);
    }

    public static AnswerTally of(LikertAnswer... answers) {
        return of(List.of(answers));
    }

    public long count(LikertAnswer answer) {
        return counts.get(answer);
    }

    /** Answers 1..5; don't-knows excluded. */
    public long answered() {
        return counts.entrySet().stream().filter(e -> !e.getKey().isDontKnow()).mapToLong(Map.Entry::getValue).sum();
    }

    public long dontKnows() {
        return count(LikertAnswer.DONT_KNOW);
    }

    /** Answers 4 and 5. */
    public long satisfied() {
        return count(LikertAnswer.FOUR) + count(LikertAnswer.FIVE);
    }

    /** Both groups' answers together. */
    public AnswerTally plus(AnswerTally other) {
        EnumMap<LikertAnswer, Long> sum = new EnumMap<>(counts);
        other.counts.forEach((a, n) -> sum.merge(a, n, Long::sum));
        return new AnswerTally(sum);
    }
}
