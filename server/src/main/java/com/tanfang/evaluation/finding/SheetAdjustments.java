package com.tanfang.evaluation.finding;

import com.tanfang.scheme.Scheme;
import com.tanfang.scoring.Bonus;
import com.tanfang.scoring.Deduction;
import com.tanfang.scoring.MeasuredCoefficient;
import com.tanfang.scoring.Rating;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the lead's findings change in the engine's input (server/docs/evaluation.md, "How findings enter the result"):
 * <ul>
 *   <li>An <b>N/A decision</b> overrides the raters: the item's ratings and its survey coefficient are left out of
 *   the engine call (they stay on the sheet) and one N/A rating by {@link #NA_RATER} is given instead, so the item
 *   leaves the denominator. (The engine's own rule, any real answer wins over raters' N/A, is for raters
 *   disagreeing; a justified decision of the lead is above the raters.)</li>
 *   <li>A <b>deduction</b> of count n becomes n engine deductions (the fail rule counts them), each with its own
 *   points or the scheme's points per deduction, its reason naming the record.</li>
 *   <li>The <b>special bonus</b> (at most one current) is the engine's bonus, capped there at the scheme's max.</li>
 *   <li>An awarded <b>bonus item</b> is a "yes" rating of the item by {@link #LEAD_RATER}, combined with any visit
 *   ratings of it by the scheme's rule.</li>
 * </ul>
 */
public record SheetAdjustments(Set<String> notApplicableItems, List<Deduction> deductions, Bonus bonus,
                               List<Rating> bonusItemRatings, List<FindingDtos.NaDecisionView> naDecisions,
                               List<FindingDtos.AdjustmentView> adjustments) {
    /** The rater name of the lead's N/A decisions in the engine's input and explanation. */
    public static final String NA_RATER = "N/A decision";
    /** The rater name of the lead's awarded bonus items. */
    public static final String LEAD_RATER = "lead";

    public static final SheetAdjustments NONE = new SheetAdjustments(Set.of(), List.of(), null, List.of(), List.of(),
            List.of());

    static SheetAdjustments of(Scheme scheme, List<FindingDtos.NaDecisionView> na,
                               List<FindingDtos.AdjustmentView> adjustments) {
        Set<String> items = new HashSet<>();
        na.forEach(n -> items.add(n.itemCode()));
        List<Deduction> deductions = new ArrayList<>();
        Bonus bonus = null;
        List<Rating> bonusRatings = new ArrayList<>();
        for (FindingDtos.AdjustmentView a : adjustments) {
            switch (a.kind()) {
                case DEDUCTION -> {
                    String reason = "#" + a.id() + " " + a.reason()
                            + (a.itemCode() != null ? " (" + a.itemCode() + ")" : a.clause() != null ? " (" + a.clause() + ")" : "");
                    for (int k = 0; k < a.count(); k++) {
                        deductions.add(new Deduction(reason, a.pointsEach()));
                    }
                }
                case BONUS -> bonus = new Bonus(a.pointsEach(), "#" + a.id() + " " + a.reason());
                case BONUS_ITEM -> bonusRatings.add(Rating.yes(a.itemCode(), LEAD_RATER, true));
            }
        }
        return new SheetAdjustments(Set.copyOf(items), List.copyOf(deductions), bonus, List.copyOf(bonusRatings),
                na, adjustments);
    }

    /** The engine's ratings: those of N/A-decided items replaced by the decision, awarded bonus items added. */
    public List<Rating> ratings(List<Rating> fromEvidence) {
        List<Rating> out = new ArrayList<>(fromEvidence.size() + notApplicableItems.size() + bonusItemRatings.size());
        for (Rating r : fromEvidence) {
            if (!notApplicableItems.contains(r.item())) {
                out.add(r);
            }
        }
        notApplicableItems.stream().sorted().forEach(i -> out.add(Rating.notApplicable(i, NA_RATER)));
        out.addAll(bonusItemRatings);
        return out;
    }

    /** The measured coefficients without those of N/A-decided items. */
    public List<MeasuredCoefficient> measured(List<MeasuredCoefficient> measured) {
        return measured.stream().filter(m -> !notApplicableItems.contains(m.item())).toList();
    }
}
