package com.tanfang.statistics;

/** A two-sided confidence interval; bounds are irrational in general, hence doubles (round them with the UI). */
public record Interval(double low, double high) {
    public Interval {
        if (!(low <= high)) {
            throw new IllegalArgumentException("interval bounds out of order: " + low + " > " + high);
        }
    }

    public boolean contains(double value) {
        return low <= value && value <= high;
    }

    public Interval scaled(double factor) {
        return new Interval(low * factor, high * factor);
    }
}
