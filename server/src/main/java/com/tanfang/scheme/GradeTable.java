package com.tanfang.scheme;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Grade levels in ascending order of their inclusive minimum total, e.g. 达标级 70, 三星级 80, 四星级 90,
 * 五星级 95. Any number of levels is allowed. A total below the lowest minimum earns no grade (fail).
 * Minimums refer to the final total (after special deductions and bonus), in the scheme's own full marks.
 */
public record GradeTable(List<Level> levels) {

    public record Level(String key, String nameZh, String nameEn, BigDecimal minimum) {
        public Level {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(minimum, "minimum");
        }
    }

    public GradeTable {
        levels = List.copyOf(levels);
    }

    public static GradeTable of(Level... levels) {
        return new GradeTable(List.of(levels));
    }
}
