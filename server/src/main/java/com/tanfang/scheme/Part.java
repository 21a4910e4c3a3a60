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
 */
public record Part(String key, String titleZh, String titleEn, BigDecimal points, BigDecimal passMinimum,
                   List<Group> groups) {
    public Part {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(points, "points");
        groups = List.copyOf(groups);
    }
}
