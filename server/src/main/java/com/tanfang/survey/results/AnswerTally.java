package com.tanfang.survey.results;

import com.tanfang.survey.campaign.Answer;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How many times each answer was given to one question. All survey statistics depend on these six counts
 * only, so groups (online, offline) merge by adding counts, which is the same as pooling their answers.
 */
public record AnswerTally(Map<Answer, Long> counts) {
    public static final AnswerTally EMPTY = new AnswerTally(Map.of());

    public AnswerTally {
        EnumMap<Answer, Long> copy = new EnumMap<>(Answer.class);
        for (Answer a : Answer.values()) {
            long n = counts.getOrDefault(a, 0L);
            if (n < 0) {
                throw new IllegalArgumentException("negative count for " + a);
            }
            copy.put(a, n);
        }
        counts = Map.copyOf(copy);
    }

    public static AnswerTally of(Collection<Answer> answers) {
        EnumMap<Answer, Long> counts = new EnumMap<>(Answer.class);
        answers.forEach(a -> counts.merge(a, 1L, Long::sum));
        return new AnswerTally(counts);
    }

    public static AnswerTally of(Answer... answers) {
        return of(List.of(answers));
    }

    public long count(Answer answer) {
        return counts.get(answer);
    }

    /** Answers 1..5; don't-knows excluded. */
    public long answered() {
        return counts.entrySet().stream().filter(e -> !e.getKey().isDontKnow()).mapToLong(Map.Entry::getValue).sum();
    }

    public long dontKnows() {
        return count(Answer.DONT_KNOW);
    }

    /** Answers 4 and 5. */
    public long satisfied() {
        return count(Answer.FOUR) + count(Answer.FIVE);
    }

    /** Both groups' answers together. */
    public AnswerTally plus(AnswerTally other) {
        EnumMap<Answer, Long> sum = new EnumMap<>(counts);
        other.counts.forEach((a, n) -> sum.merge(a, n, Long::sum));
        return new AnswerTally(sum);
    }
}
