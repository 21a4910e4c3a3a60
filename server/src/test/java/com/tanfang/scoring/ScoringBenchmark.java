package com.tanfang.scoring;

import com.tanfang.scheme.BuiltInSchemes;
import com.tanfang.scheme.Item;
import com.tanfang.scheme.Scheme;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Not a unit test (surefire ignores the name): scores 1,000,000 ratings in one thread, first percent ratings
 * over the GB/T 27922 scheme, then Likert ratings over the homestay scheme, each against the raw rate of one exact
 * pass over the same ratings. Run with {@code server/bench/scoring.sh}, or from the worktree:
 * <pre>
 * mvn -B -q -o -pl server -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp server/target/classes:server/target/test-classes:$(cat /tmp/cp.txt) com.tanfang.scoring.ScoringBenchmark
 * </pre>
 */
public final class ScoringBenchmark {
    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Random random = new Random(1);
        BigDecimal[] percents = new BigDecimal[101];
        for (int p = 0; p <= 100; p++) {
            percents[p] = BigDecimal.valueOf(p);
        }
        Scheme gbt = BuiltInSchemes.gbt27922();
        run(gbt, count, (item, rater) -> Rating.percent(item.code(), rater, percents[random.nextInt(101)]));
        Scheme homestay = BuiltInSchemes.homestay();
        run(homestay, count, (item, rater) -> Rating.likert(item.code(), rater, 1 + random.nextInt(5)));
    }

    private static void run(Scheme scheme, int count, java.util.function.BiFunction<Item, String, Rating> answer) {
        Item[] items = scheme.items().toArray(Item[]::new);
        List<Rating> ratings = new ArrayList<>(count);
        for (int r = 0; r < count; r++) {
            Item item = items[r % items.length];
            ratings.add(answer.apply(item, "rater-" + (r / items.length % 1000)));
        }
        ScoringEngine engine = new ScoringEngine(scheme);
        for (int w = 0; w < 5; w++) {
            engine.score(ratings);
        }
        int runs = 10;
        long best = Long.MAX_VALUE;
        long sum = 0;
        ScoreResult last = null;
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            last = engine.score(ratings);
            long elapsed = System.nanoTime() - start;
            best = Math.min(best, elapsed);
            sum += elapsed;
            System.out.printf("run %d: %.1f ms%n", run + 1, elapsed / 1e6);
        }
        double meanMs = sum / 1e6 / runs;
        System.out.printf("%s: %,d ratings over %d items: mean %.1f ms/run, best %.1f ms, %,.0f ratings/s (mean)%n",
                scheme.code(), count, items.length, meanMs, best / 1e6, count / (meanMs / 1000));
        System.out.println("total " + (last.total() == null ? "none (parts reported separately)" : Display.format(last.total())) + ", grade " + (last.grade() == null ? "none" : last.grade().key()));
        // The raw rate any engine is measured against: one pass over the same ratings, grouping by item in a map and
        // adding each answer exactly (BigDecimal), which is the least an exact per-item mean must do.
        double rawMs = rawPassMs(ratings, runs);
        System.out.printf("raw pass (group by item, exact sum): mean %.1f ms/run%n", rawMs);
        System.out.printf("RATIO|scoring %s, %,d ratings|%.1f ms|raw exact pass %.1f ms|%.2f%n",
                scheme.code(), count, meanMs, rawMs, meanMs / rawMs);
    }

    private static double rawPassMs(List<Rating> ratings, int runs) {
        long sum = 0;
        int sink = 0;
        for (int run = 0; run < runs + 5; run++) {
            long start = System.nanoTime();
            java.util.Map<String, BigDecimal> byItem = new java.util.HashMap<>();
            for (Rating r : ratings) {
                BigDecimal v = r.percent() != null ? r.percent() : r.likert() != null ? BigDecimal.valueOf(r.likert()) : BigDecimal.ZERO;
                byItem.merge(r.item(), v, BigDecimal::add);
            }
            sink += byItem.size();
            if (run >= 5) {   // the first five warm up, as for the engine
                sum += System.nanoTime() - start;
            }
        }
        if (sink == 42) {
            System.out.println();   // keeps the loop's result alive
        }
        return sum / 1e6 / runs;
    }
}
