package com.tanfang.evaluation.surveyreview;

import com.tanfang.scheme.Group;
import com.tanfang.scheme.Item;
import com.tanfang.scheme.Method;
import com.tanfang.scheme.Scheme;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which items the audit team rates on site "for the same item" as a survey question (framework-free). The item
 * itself when the scheme also rates it on site (elderly care: E6 is surveyed, observed and visited); otherwise,
 * as in the property scheme where the survey has one question per service area (您对客户服务的满意程度 for the
 * group 客户服务), the on-site items of the groups the question names: a group whose Chinese title shares at least
 * four consecutive characters with the question's text (or all of a shorter title), e.g. 公共秩序与应急 and
 * 您对公共秩序与安全的满意程度. The overall-satisfaction question names no group and has no on-site items.
 */
public final class RelatedItems {
    static final int SHARED_CHARACTERS = 4;
    private static final Set<Method> ON_SITE = Set.of(Method.COVERT_VISIT, Method.OPEN_INSPECTION,
            Method.MANAGEMENT_AUDIT, Method.CAPABILITY_VERIFICATION);

    private RelatedItems() {
    }

    /** How an on-site item relates to the survey item. */
    public enum Relation { SAME_ITEM, SAME_AREA }

    public record Related(Item item, Relation relation) {
    }

    public static List<Related> of(Scheme scheme, Item surveyItem) {
        if (onSite(surveyItem)) {
            return List.of(new Related(surveyItem, Relation.SAME_ITEM));
        }
        List<Related> out = new ArrayList<>();
        scheme.parts().forEach(part -> {
            for (Group g : part.groups()) {
                List<Item> onSite = g.items().stream().filter(RelatedItems::onSite).toList();
                if (!onSite.isEmpty() && names(surveyItem.textZh(), g.titleZh())) {
                    onSite.forEach(i -> out.add(new Related(i, Relation.SAME_AREA)));
                }
            }
        });
        return out;
    }

    static boolean onSite(Item item) {
        return item.methods().stream().anyMatch(ON_SITE::contains);
    }

    /** Whether {@code text} names {@code title}: they share SHARED_CHARACTERS consecutive characters (or all of it). */
    static boolean names(String text, String title) {
        if (text == null || title == null || title.isBlank()) {
            return false;
        }
        int n = Math.min(SHARED_CHARACTERS, title.length());
        for (int i = 0; i + n <= title.length(); i++) {
            if (text.contains(title.substring(i, i + n))) {
                return true;
            }
        }
        return false;
    }
}
