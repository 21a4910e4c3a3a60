package com.tanfang.scheme;

import java.util.List;

/** Export of a {@link Scheme} to its document form; {@code SchemeValidator.validate(toDocument(s))} gives {@code s} back. */
public final class SchemeDocuments {
    private SchemeDocuments() {}

    public static SchemeDocument toDocument(Scheme s) {
        return new SchemeDocument(s.code(), s.titleZh(), s.titleEn(), s.descriptionZh(), s.descriptionEn(),
                s.fullMarks(), likert(s.likert()), special(s.special()), s.notApplicableClauses(),
                s.grades().levels().stream()
                        .map(l -> new SchemeDocument.Grade(l.key(), l.nameZh(), l.nameEn(), l.minimum(),
                                l.conditions().isEmpty() ? null : l.conditions().stream()
                                        .map(c -> new SchemeDocument.PartCondition(c.part(), c.points() ? null : c.minimum(),
                                                c.points() ? c.minimum() : null)).toList())).toList(),
                s.parts().stream().map(SchemeDocuments::part).toList(),
                s.reporting() == Scheme.Reporting.COMBINED_TOTAL ? null : s.reporting().name(),
                s.combination().equals(Combination.DEFAULT) ? null : new SchemeDocument.Combination(
                        s.combination().raters().name(), s.combination().likert().name(), s.combination().yesNo().name()),
                s.bonusItems().items().isEmpty() && s.bonusItems().cap().signum() == 0 ? null
                        : new SchemeDocument.BonusItems(s.bonusItems().cap(), s.bonusItems().items().stream()
                        .map(b -> new SchemeDocument.BonusItem(b.clause(), b.code(), b.points(), b.textZh(), b.textEn())).toList()),
                s.display() == null ? null : new SchemeDocument.DisplayRule(s.display().decimals(), s.display().rounding().name()));
    }

    private static SchemeDocument.Likert likert(LikertMapping m) {
        return m.preset() == LikertMapping.Preset.CUSTOM
                ? new SchemeDocument.Likert(m.preset().name(), m.coefficients())
                : new SchemeDocument.Likert(m.preset().name(), null);
    }

    private static SchemeDocument.Special special(SpecialRules r) {
        SchemeDocument.FailWhen failWhen = null;
        if (r.failRule() instanceof SpecialRules.DeductionCount c) {
            failWhen = new SchemeDocument.FailWhen(c.atLeast(), null);
        } else if (r.failRule() instanceof SpecialRules.DeductedPoints p) {
            failWhen = new SchemeDocument.FailWhen(null, p.moreThan());
        } else if (r.failRule() instanceof SpecialRules.Either e) {
            failWhen = new SchemeDocument.FailWhen(e.count().atLeast(), e.points().moreThan());
        }
        return new SchemeDocument.Special(r.pointsPerDeduction(), r.maxBonus(), failWhen);
    }

    private static SchemeDocument.Part part(Part p) {
        return new SchemeDocument.Part(p.key(), p.titleZh(), p.titleEn(), p.points(), p.passMinimum(),
                p.groups().stream().map(g -> new SchemeDocument.Group(g.clause(), g.titleZh(), g.titleEn(), g.points(),
                        g.items().stream().map(SchemeDocuments::item).toList())).toList(),
                p.passMinimumPoints(), p.gatedBy());
    }

    private static SchemeDocument.Item item(Item i) {
        List<String> methods = i.methods().stream().map(Enum::name).toList();
        SchemeDocument.Numeric numeric = i.numericRange() == null ? null
                : new SchemeDocument.Numeric(i.numericRange().worst(), i.numericRange().best());
        return new SchemeDocument.Item(i.clause(), i.code(), i.points(), i.textZh(), i.textEn(), methods,
                i.answerType().name(), i.notApplicableAllowed(), numeric,
                i.veto() == null ? null : new SchemeDocument.Veto(i.veto().answer(), i.veto().reasonZh(), i.veto().reasonEn()));
    }
}
