package com.tanfang.visit;

import com.tanfang.message.FieldProblem;
import com.tanfang.message.InvalidException;
import com.tanfang.scheme.AnswerType;
import com.tanfang.scheme.Group;
import com.tanfang.scheme.Item;
import com.tanfang.scheme.Method;
import com.tanfang.scheme.NumericRange;
import com.tanfang.scheme.Scheme;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A visit's script: the items of the project's pinned scheme version that a visit can test (methods include
 * COVERT_VISIT, OPEN_INSPECTION, MANAGEMENT_AUDIT or CAPABILITY_VERIFICATION: {@link VisitMode}), grouped by the scheme's groups (the touchpoints), in scheme order, each with
 * the project's choice (covert or open, guidance, required evidence).
 */
public record Checklist(List<Touchpoint> touchpoints) {
    public Checklist {
        touchpoints = List.copyOf(touchpoints);
    }

    /** A group of the scheme: a touchpoint (booking, check-in ...) or a service area (customer service ...). */
    public record Touchpoint(String clause, String titleZh, String titleEn, List<ChecklistItem> items) {
        public Touchpoint {
            items = List.copyOf(items);
        }
    }

    /** One item as the rater sees it. {@code numericRange} only for NUMERIC items. */
    public record ChecklistItem(String code, String clause, String textZh, String textEn, AnswerType answerType,
                                NumericRange numericRange, boolean notApplicableAllowed, VisitMode mode,
                                boolean covertPossible, boolean openPossible, String guidanceZh, String guidanceEn,
                                EvidenceRequirement evidence, List<VisitMode> modes) {
        public ChecklistItem {
            modes = modes == null ? List.of() : List.copyOf(modes);
        }
    }

    /** Whether a visit (of any {@link VisitMode}, audits included) may rate the item at all. */
    public static boolean visitable(Item item) {
        return !VisitMode.allowedBy(item.methods()).isEmpty();
    }

    /**
     * The project's default for an item without a choice: covert when the scheme allows it, else open, else
     * management audit, else capability verification (an item the scheme only audits is audited).
     */
    public static ItemChoice defaultChoice(Item item) {
        return new ItemChoice(item.name(), VisitMode.allowedBy(item.methods()).get(0), "", "",
                EvidenceRequirement.NONE);
    }

    /** Every visitable item with its choice (the lead's editor); {@code choices} keyed by item code. */
    public static Checklist all(Scheme scheme, Map<String, ItemChoice> choices) {
        return build(scheme, choices, null);
    }

    /** The script of a visit of {@code mode}: the visitable items the project tests that way. */
    public static Checklist forVisit(Scheme scheme, Map<String, ItemChoice> choices, VisitMode mode) {
        return build(scheme, choices, mode);
    }

    private static Checklist build(Scheme scheme, Map<String, ItemChoice> choices, VisitMode only) {
        List<Touchpoint> out = new ArrayList<>();
        scheme.parts().forEach(part -> {
            for (Group g : part.groups()) {
                List<ChecklistItem> items = new ArrayList<>();
                for (Item i : g.items()) {
                    if (!visitable(i)) {
                        continue;
                    }
                    ItemChoice c = choices.getOrDefault(i.name(), defaultChoice(i));
                    if (only != null && c.mode() != only) {
                        continue;
                    }
                    items.add(new ChecklistItem(i.name(), i.clause(), i.textZh(), i.textEn(), i.answerType(),
                            i.numericRange(), i.notApplicableAllowed(), c.mode(),
                            i.methods().contains(Method.COVERT_VISIT), i.methods().contains(Method.OPEN_INSPECTION),
                            c.guidanceZh(), c.guidanceEn(), c.evidence(), VisitMode.allowedBy(i.methods())));
                }
                if (!items.isEmpty()) {
                    out.add(new Touchpoint(g.clause(), g.titleZh(), g.titleEn(), items));
                }
            }
        });
        return new Checklist(out);
    }

    public List<ChecklistItem> items() {
        return touchpoints.stream().flatMap(t -> t.items().stream()).toList();
    }

    public Optional<ChecklistItem> item(String code) {
        return items().stream().filter(i -> i.code().equals(code)).findFirst();
    }

    /**
     * Checks a choice against the scheme: the item exists, a visit can test it, and the mode is one of the
     * item's methods (an item the scheme only inspects openly cannot be tested covertly). {@code field} names it.
     */
    public static void checkChoice(Scheme scheme, ItemChoice choice, String field) {
        Item item = scheme.items().filter(i -> i.name().equals(choice.itemCode())).findFirst()
                .orElseThrow(() -> InvalidException.field(field + ".itemCode", "visit.item_unknown", choice.itemCode()));
        List<FieldProblem> problems = new ArrayList<>();
        if (!visitable(item)) {
            problems.add(FieldProblem.of(field + ".itemCode", "visit.item_not_visitable", item.name()));
        } else if (choice.mode() == null || !item.methods().contains(choice.mode().method())) {
            problems.add(FieldProblem.of(field + ".mode", "visit.item_mode_not_in_scheme", item.name(),
                    String.valueOf(choice.mode())));
        }
        if (!problems.isEmpty()) {
            throw new InvalidException(problems);
        }
    }
}
