package com.tanfang.visit;

import com.tanfang.evaluation.surveyreview.RelatedItems;
import com.tanfang.message.InvalidException;
import com.tanfang.scheme.BuiltInSchemes;
import com.tanfang.scheme.Item;
import com.tanfang.scheme.Method;
import com.tanfang.scheme.Scheme;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit modes' rules without a server: modes per method, defaults, the audit scripts, related survey items. */
class AuditRulesTest {
    private static final Scheme PROPERTY = BuiltInSchemes.propertyManagement();
    private static final Scheme ELDERLY = BuiltInSchemes.elderlyCare();

    private static Item item(Scheme s, String name) {
        return s.items().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theAuditTeamsMethodsAreModesThatAreNeitherCovertNorOffered() {
        assertEquals(List.of(VisitMode.CAPABILITY_VERIFICATION), VisitMode.allowedBy(Set.of(Method.CAPABILITY_VERIFICATION)));
        assertEquals(List.of(VisitMode.OPEN, VisitMode.MANAGEMENT_AUDIT),
                VisitMode.allowedBy(Set.of(Method.MANAGEMENT_AUDIT, Method.OPEN_INSPECTION, Method.CUSTOMER_SURVEY)));
        assertTrue(VisitMode.MANAGEMENT_AUDIT.audit() && VisitMode.CAPABILITY_VERIFICATION.audit());
        assertFalse(VisitMode.COVERT.audit() || VisitMode.OPEN.audit());
        assertTrue(VisitMode.COVERT.covert());
        assertFalse(VisitMode.MANAGEMENT_AUDIT.covert());
        assertTrue(VisitMode.of(Method.CUSTOMER_SURVEY).isEmpty());
    }

    @Test
    void anItemOnlyAuditedIsAuditedByDefaultAndAnAuditsScriptHoldsTheItemsChosenForIt() {
        // elderly care: the management part (E1..E5) is MANAGEMENT_AUDIT only
        assertEquals(VisitMode.MANAGEMENT_AUDIT, Checklist.defaultChoice(item(ELDERLY, "E1")).mode());
        assertEquals(List.of("E1", "E2", "E3", "E4", "E5"), Checklist.forVisit(ELDERLY, Map.of(),
                VisitMode.MANAGEMENT_AUDIT).items().stream().map(Checklist.ChecklistItem::code).toList());
        InvalidException e = assertThrows(InvalidException.class, () -> Checklist.checkChoice(ELDERLY,
                new ItemChoice("E1", VisitMode.OPEN, "", "", null), "items[0]"));
        assertEquals("visit.item_mode_not_in_scheme", e.problems().get(0).code());
        // property: the records items may be audited, open stays their default; nothing is audited unless chosen
        assertEquals(VisitMode.OPEN, Checklist.defaultChoice(item(PROPERTY, "P12")).mode());
        assertTrue(Checklist.forVisit(PROPERTY, Map.of(), VisitMode.MANAGEMENT_AUDIT).items().isEmpty());
        Checklist audit = Checklist.forVisit(PROPERTY, Map.of("P16", new ItemChoice("P16", VisitMode.MANAGEMENT_AUDIT,
                "", "", EvidenceRequirement.PHOTO)), VisitMode.MANAGEMENT_AUDIT);
        assertEquals(List.of("P16"), audit.items().stream().map(Checklist.ChecklistItem::code).toList());
        assertEquals(List.of(VisitMode.OPEN, VisitMode.MANAGEMENT_AUDIT), audit.item("P16").orElseThrow().modes());
        assertThrows(InvalidException.class, () -> Checklist.checkChoice(PROPERTY,
                new ItemChoice("P2", VisitMode.MANAGEMENT_AUDIT, "", "", null), "items[0]"));
    }

    @Test
    void aSurveyItemIsSetBesideTheSameItemOrTheServiceAreaItNames() {
        List<RelatedItems.Related> s4 = RelatedItems.of(PROPERTY, item(PROPERTY, "S4"));
        assertEquals(List.of("P10", "P11", "P12", "P13"), s4.stream().map(r -> r.item().name()).toList());
        assertTrue(s4.stream().allMatch(r -> r.relation() == RelatedItems.Relation.SAME_AREA));
        assertEquals(List.of("P1", "P2", "P3"), RelatedItems.of(PROPERTY, item(PROPERTY, "S1")).stream()
                .map(r -> r.item().name()).toList());
        assertTrue(RelatedItems.of(PROPERTY, item(PROPERTY, "S7")).isEmpty());
        List<RelatedItems.Related> e6 = RelatedItems.of(ELDERLY, item(ELDERLY, "E6"));
        assertEquals(1, e6.size());
        assertEquals(RelatedItems.Relation.SAME_ITEM, e6.get(0).relation());
    }
}
