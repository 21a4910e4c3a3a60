package com.tanfang.agreement;

import java.util.ArrayList;
import java.util.List;

/** Published data come as contingency tables or as two label vectors; agreement takes paired ratings. */
final class Tables {
    private Tables() {
    }

    /** counts[k][l] items rated category k + lowest by the first rater and l + lowest by the second. */
    static List<PairedRating> pairs(int lowest, long[][] counts) {
        List<PairedRating> pairs = new ArrayList<>();
        for (int k = 0; k < counts.length; k++) {
            for (int l = 0; l < counts[k].length; l++) {
                for (long c = 0; c < counts[k][l]; c++) {
                    pairs.add(PairedRating.of("item-" + (pairs.size() + 1), lowest + k, lowest + l));
                }
            }
        }
        return pairs;
    }

    /** Two equally long label vectors (scikit-learn's y1, y2), paired by position. */
    static List<PairedRating> pairs(int[] first, int[] second) {
        if (first.length != second.length) {
            throw new IllegalArgumentException("vectors differ in length");
        }
        List<PairedRating> pairs = new ArrayList<>();
        for (int i = 0; i < first.length; i++) {
            pairs.add(PairedRating.of("item-" + (i + 1), first[i], second[i]));
        }
        return pairs;
    }

    /** numpy's {@code np.array([a] * x + [b] * y + ...)}: repeat(a, x, b, y, ...). */
    static int[] repeat(int... valueAndTimes) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < valueAndTimes.length; i += 2) {
            for (int t = 0; t < valueAndTimes[i + 1]; t++) {
                out.add(valueAndTimes[i]);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
