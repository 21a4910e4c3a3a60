package com.tanfang;

import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * Timing for the benchmarks outside the suite (classes ending in Benchmark): a few warm-up runs, then the sorted
 * durations of the measured runs. Benchmarks print these numbers; they never assert on them.
 */
public final class BenchTimes {
    /** Sorted durations in microseconds. */
    private final long[] micros;

    private BenchTimes(long[] micros) {
        this.micros = micros;
    }

    /** {@code warmUps} untimed calls, then {@code runs} timed ones; each call's result goes to {@code check}. */
    public static <T> BenchTimes of(int warmUps, int runs, Callable<T> call, java.util.function.Consumer<T> check)
            throws Exception {
        for (int i = 0; i < warmUps; i++) {
            check.accept(call.call());
        }
        long[] out = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            T result = call.call();
            out[i] = (System.nanoTime() - start) / 1_000;
            check.accept(result);
        }
        Arrays.sort(out);
        return new BenchTimes(out);
    }

    /** 3 warm-ups, then the median of 9: the method every issue-14 benchmark uses. */
    public static <T> BenchTimes standard(Callable<T> call, java.util.function.Consumer<T> check) throws Exception {
        return of(3, 9, call, check);
    }

    /** A timed GET as a client receives it (HTTP, session, JSON; the bytes unparsed), and the body's size. */
    public record WholeGet(BenchTimes times, int bytes) {
    }

    /** {@link #standard} over {@code GET base + path} with a bearer token; every answer must be 200. */
    public static WholeGet wholeGet(java.net.URL base, String path, String bearer) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var get = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base.toString().replaceAll("/$", "") + path))
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/json").build();
        int[] bytes = {0};
        BenchTimes times = standard(() -> http.send(get, java.net.http.HttpResponse.BodyHandlers.ofByteArray()), res -> {
            if (res.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + res.statusCode());
            }
            bytes[0] = res.body().length;
        });
        return new WholeGet(times, bytes[0]);
    }

    /**
     * Two calls compared under the same load: warm-ups of each, then {@code runs} rounds alternating which goes
     * first; the first and second call's sorted durations. On a shared machine the load moves between two series
     * run one after the other; alternating spreads it over both.
     */
    public static BenchTimes[] interleaved(int warmUps, int runs, Callable<?> a, Callable<?> b) throws Exception {
        for (int i = 0; i < warmUps; i++) {
            a.call();
            b.call();
        }
        long[] ta = new long[runs];
        long[] tb = new long[runs];
        for (int i = 0; i < runs; i++) {
            Callable<?>[] order = i % 2 == 0 ? new Callable<?>[] {a, b} : new Callable<?>[] {b, a};
            for (Callable<?> call : order) {
                long start = System.nanoTime();
                call.call();
                long us = (System.nanoTime() - start) / 1_000;
                if (call == a) {
                    ta[i] = us;
                } else {
                    tb[i] = us;
                }
            }
        }
        Arrays.sort(ta);
        Arrays.sort(tb);
        return new BenchTimes[] {new BenchTimes(ta), new BenchTimes(tb)};
    }

    public double medianMs() {
        int n = micros.length;
        // an odd count has one middle; an even one the mean of its two
        return n % 2 == 1 ? micros[n / 2] / 1e3 : (micros[n / 2 - 1] + micros[n / 2]) / 2e3;
    }

    public double bestMs() {
        return micros[0] / 1e3;
    }

    public double worstMs() {
        return micros[micros.length - 1] / 1e3;
    }

    /** "median 84.1 ms (best 70.2, worst 99.0)" */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "median %.1f ms (best %.1f, worst %.1f)", medianMs(), bestMs(),
                worstMs());
    }

    /**
     * The two machine-readable lines every issue-14 benchmark prints: {@code RATIO|name|measured|reference|ratio} and
     * {@code BUDGET|name|measured|200 ms|share}.
     */
    public static String ratioLines(String name, double measuredMs, String referenceName, double referenceMs,
                                    double budgetMs) {
        return String.format(java.util.Locale.ROOT, "RATIO|%s|%.1f ms|%s %.1f ms|%.2f%nBUDGET|%s|%.1f ms|%.0f ms|%.2f",
                name, measuredMs, referenceName, referenceMs, measuredMs / referenceMs, name, measuredMs, budgetMs,
                measuredMs / budgetMs);
    }

    public static String ratioLine(String name, double measuredMs, String referenceName, double referenceMs) {
        return String.format(java.util.Locale.ROOT, "RATIO|%s|%.1f ms|%s %.1f ms|%.2f", name, measuredMs,
                referenceName, referenceMs, measuredMs / referenceMs);
    }
}
