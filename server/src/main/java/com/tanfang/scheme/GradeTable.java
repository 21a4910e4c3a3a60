package com.tanfang.scheme;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Grade levels in ascending order of their inclusive minimum total, e.g. 达标级 70, 三星级 80, 四星级 90,
 * 五星级 95. Any number of levels is allowed. A total below the lowest minimum earns no grade (fail).
 * A scheme may have no levels at all: it is then pass / fail only. A level may add conditions on parts; the
 * grade reached is the highest level whose minimum and conditions all hold.
 * Minimums refer to the final total (after special deductions and bonus), in the scheme's own full marks.
 */
public record GradeTable(List<Level> levels) {

    /**
     * @param minimum    on the final total, or {@code null} when the level only has part conditions
     * @param conditions each must hold too (e.g. service ≥ 85 % and management ≥ 80 %)
     */
    public record Level(String key, String nameZh, String nameEn, BigDecimal minimum, List<PartCondition> conditions) {
        public Level {
            Objects.requireNonNull(key, "key");
            conditions = conditions == null ? List.of() : List.copyOf(conditions);
        }

        public Level(String key, String nameZh, String nameEn, BigDecimal minimum) {
            this(key, nameZh, nameEn, minimum, List.of());
        }
    }

    /** A part must reach {@code minimum}, in percent of its points or in points on its own scale. */
    public record PartCondition(String part, BigDecimal minimum, boolean points) {
        public PartCondition {
            Objects.requireNonNull(part, "part");
            Objects.requireNonNull(minimum, "minimum");
        }
    }

    /** No grade table: a pass / fail scheme (通过 / 不通过). */
    public boolean passFailOnly() {
        return levels.isEmpty();
    }

    public GradeTable {
        levels = List.copyOf(levels);
    }

    public static GradeTable of(Level... levels) {
        return new GradeTable(List.of(levels));
    }
}
