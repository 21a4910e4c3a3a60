package com.tanfang.scheme;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuiltInSchemesTest {

    @Test
    void everyBuiltInPassesTheValidator() {
        for (SchemeDocument doc : BuiltInSchemes.documents()) {
            assertEquals(List.of(), SchemeValidator.validate(doc).problems(), doc.code());
        }
        assertEquals(7, BuiltInSchemes.all().size());
    }

    @Test
    void everyBuiltInRoundTripsThroughItsDocument() {
        for (Scheme scheme : BuiltInSchemes.all()) {
            Scheme again = SchemeValidator.validate(SchemeDocuments.toDocument(scheme)).orThrow();
            assertEquals(scheme, again, scheme.code());
            assertEquals(List.of(), SchemeValidator.problems(scheme));
        }
    }

    @Test
    void gbtSchemeHasFiftyItemsSummingToSixtyPlusForty() {
        Scheme s = BuiltInSchemes.gbt27922();
        assertEquals(50, s.items().count());
        assertEquals(0, new BigDecimal("100").compareTo(s.fullMarks()));
        assertEquals(2, s.parts().size());
        assertEquals(0, new BigDecimal("60").compareTo(sum(s.parts().get(0))));
        assertEquals(0, new BigDecimal("40").compareTo(sum(s.parts().get(1))));
        assertEquals("B1", s.items().findFirst().orElseThrow().code());
        // N/A only under 5.2, service items inspected, management items audited.
        s.items().forEach(i -> assertEquals(i.clause().startsWith("5.2."), i.notApplicableAllowed(), i.code()));
        s.parts().get(0).groups().forEach(g -> g.items().forEach(i ->
                assertEquals(Set.of(Method.COVERT_VISIT, Method.OPEN_INSPECTION), i.methods())));
        s.parts().get(1).groups().forEach(g -> g.items().forEach(i -> assertEquals(Set.of(Method.MANAGEMENT_AUDIT), i.methods())));
        s.items().forEach(i -> assertEquals(AnswerType.PERCENT, i.answerType()));
        assertEquals(new SpecialRules.DeductionCount(5), s.special().failRule());
        assertEquals(List.of("70", "80", "90", "95"),
                s.grades().levels().stream().map(l -> l.minimum().toPlainString()).toList());
    }

    @Test
    void homestayHasEightServiceDimensionsAndTwoHundredPoints() {
        Scheme s = BuiltInSchemes.homestay();
        assertEquals(8, s.parts().get(0).groups().size());
        assertTrue(s.parts().get(0).groups().stream().map(Group::titleZh).toList()
                .containsAll(List.of("接待", "客房", "餐饮", "出行", "离店")));
        assertEquals(0, new BigDecimal("70").compareTo(s.parts().get(0).passMinimum()));
        assertEquals(0, new BigDecimal("70").compareTo(s.parts().get(1).passMinimum()));
        assertEquals(3, s.grades().levels().size());
        assertEquals(Scheme.Reporting.PARTS_SEPARATELY, s.reporting());
        s.grades().levels().forEach(l -> assertEquals(List.of("service", "management"),
                l.conditions().stream().map(GradeTable.PartCondition::part).toList()));
    }

    @Test
    void everyRuleOfIssue11IsUsedByABuiltIn() {
        List<Scheme> all = BuiltInSchemes.all();
        assertTrue(all.stream().anyMatch(s -> s.items().anyMatch(i -> i.veto() != null)), "veto item");
        assertTrue(all.stream().anyMatch(s -> s.parts().stream().anyMatch(p -> p.passMinimumPoints() != null)), "pass rule in points");
        assertTrue(all.stream().anyMatch(s -> s.parts().stream().anyMatch(p -> p.passMinimum() != null)), "pass rule in percent");
        assertTrue(all.stream().anyMatch(s -> !s.combinedTotal()), "parts reported separately");
        assertTrue(all.stream().anyMatch(s -> s.grades().levels().stream().anyMatch(l -> !l.conditions().isEmpty())), "grade conditions");
        assertTrue(all.stream().anyMatch(s -> s.grades().passFailOnly()), "pass / fail only");
        assertTrue(all.stream().anyMatch(s -> s.parts().stream().anyMatch(p -> p.gatedBy() != null)), "gating");
        assertTrue(all.stream().anyMatch(s -> !s.bonusItems().items().isEmpty()), "bonus items");
        assertTrue(all.stream().anyMatch(s -> s.special().failRule() instanceof SpecialRules.Either), "count and points rule");
        assertTrue(all.stream().anyMatch(s -> s.combination().yesNo() == Combination.YesNoRule.MAJORITY), "yes/no by majority");
        assertTrue(all.stream().anyMatch(s -> s.display() != null), "display rule");
    }

    @Test
    void busLineHasTheEightBehavioursAsCovertYesNoItems() {
        Scheme s = BuiltInSchemes.busLine();
        assertEquals(8, s.items().count());
        s.items().forEach(i -> {
            assertEquals(AnswerType.YES_NO, i.answerType());
            assertEquals(Set.of(Method.COVERT_VISIT), i.methods());
        });
    }

    @Test
    void propertySchemeHasSixAreasAndASurveyItemPerAreaPlusOverall() {
        Scheme s = BuiltInSchemes.propertyManagement();
        assertEquals(6, s.parts().get(0).groups().size());
        List<Item> survey = s.parts().get(1).groups().get(0).items();
        assertEquals(7, survey.size());
        survey.forEach(i -> assertEquals(Set.of(Method.CUSTOMER_SURVEY), i.methods()));
        assertFalse(s.items().anyMatch(i -> i.methods().isEmpty()));
    }

    private static BigDecimal sum(Part p) {
        return p.groups().stream().flatMap(g -> g.items().stream()).map(Item::points).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
