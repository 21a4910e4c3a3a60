package com.tanfang.scheme;

/** One answer to a Likert question (a survey question or a Likert item): a Likert point 1..5 (1 = very dissatisfied, 5 = very satisfied) or "don't know". */
public enum LikertAnswer {
    ONE(1), TWO(2), THREE(3), FOUR(4), FIVE(5), DONT_KNOW(0);

    private final int value;

    LikertAnswer(int value) {
        this.value = value;
    }

    public static LikertAnswer likert(int value) {
        if (value < 1 || value > 5) {
            throw new IllegalArgumentException("Likert answer must be 1..5, got " + value);
        }
        return values()[value - 1];
    }

    public boolean isDontKnow() {
        return this == DONT_KNOW;
    }

    /** The Likert point 1..5; a don't-know has none. */
    public int value() {
        if (isDontKnow()) {
            throw new IllegalStateException("a don't-know answer has no Likert value");
        }
        return value;
    }

    /** 4 or 5: counts towards the satisfaction rate. */
    public boolean isSatisfied() {
        return value >= 4;
    }
}
