package com.tanfang.scheme;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A scored part of a scheme, e.g. 服务要求 service requirements (60) or 管理要求 management (40).
 *
 * @param passMinimum optional pass condition as a <b>percentage of the part</b> (0..100): the part passes
 *                    when {@code achieved / applicable × 100 >= passMinimum}, i.e. the part score scaled
 *                    to 100. Homestay: service and management each need 70. {@code null} = no condition.
 * @param passMinimumPoints the same condition on the part's own scale (its pro-rated score, e.g. 800 of a
 *                    1000-point maturity part); at most one of the two is set
 * @param gatedBy     key of an earlier part with a pass rule: this part is evaluated only when that part
 *                    passes (elderly care: management audit first, 001:L1391); otherwise it is "not
 *                    evaluated", never scored
 */
public record Part(String key, String titleZh, String titleEn, BigDecimal points, BigDecimal passMinimum,
                   List<Group> groups, BigDecimal passMinimumPoints, String gatedBy) {

    public Part(String key, String titleZh, String titleEn, BigDecimal points, BigDecimal passMinimum, List<Group> groups) {
        this(key, titleZh, titleEn, points, passMinimum, groups, null, null);
    }

    /** Whether the part has a pass rule (in percent or in points). */
    public boolean hasPassRule() {
        return passMinimum != null || passMinimumPoints != null;
    }

    public Part {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(points, "points");
        groups = List.copyOf(groups);
    }
}
