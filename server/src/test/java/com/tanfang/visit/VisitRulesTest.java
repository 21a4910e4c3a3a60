package com.tanfang.visit;

import com.tanfang.message.ConflictException;
import com.tanfang.message.FieldProblem;
import com.tanfang.message.InvalidException;
import com.tanfang.scheme.BuiltInSchemes;
import com.tanfang.scheme.Scheme;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The visit rules without a server: state machine, checklist, answers, submission, planning, blind rule, distance. */
class VisitRulesTest {
    private static final Scheme PROPERTY = BuiltInSchemes.propertyManagement();

    @Test
    void stateMachineAllowsTheDocumentedPathAndNothingElse() {
        VisitState s = VisitState.PLANNED;
        for (VisitAction a : List.of(VisitAction.CLAIM, VisitAction.CHECK_IN, VisitAction.SUBMIT, VisitAction.RETURN,
                VisitAction.SUBMIT, VisitAction.APPROVE, VisitAction.WITHDRAW_APPROVAL, VisitAction.REJECT)) {
            s = VisitStateMachine.next(s, a);
        }
        assertEquals(VisitState.REJECTED, s);
        assertEquals(VisitState.PLANNED, VisitStateMachine.next(VisitState.CLAIMED, VisitAction.EXPIRE_CLAIM));
        assertEquals(VisitState.IN_PROGRESS, VisitStateMachine.next(VisitState.ASSIGNED, VisitAction.CHECK_IN));
        // Count the legal pairs: a table change must be deliberate (and documented in visits.md).
        int legal = 0;
        for (VisitState from : VisitState.values()) {
            for (VisitAction a : VisitAction.values()) {
                legal += VisitStateMachine.allowed(from, a) ? 1 : 0;
            }
        }
        assertEquals(13, legal);
        ConflictException e = assertThrows(ConflictException.class,
                () -> VisitStateMachine.next(VisitState.APPROVED, VisitAction.SUBMIT));
        assertEquals("visit.illegal_transition", e.detail().code());
        assertEquals(List.of("SUBMIT", "APPROVED"), e.detail().args());
        for (VisitState terminal : EnumSet.of(VisitState.REJECTED)) {
            for (VisitAction a : VisitAction.values()) {
                assertFalse(VisitStateMachine.allowed(terminal, a), terminal + " " + a);
            }
        }
        assertTrue(VisitState.RETURNED.editable());
        assertFalse(VisitState.SUBMITTED.editable());
    }

    @Test
    void checklistTakesVisitableItemsByTouchpointInSchemeOrderWithTheProjectsChoices() {
        Checklist all = Checklist.all(PROPERTY, Map.of());
        // the six service groups; the survey part has no visitable item
        assertEquals(List.of("1", "2", "3", "4", "5", "6"), all.touchpoints().stream().map(Checklist.Touchpoint::clause).toList());
        assertEquals(19, all.items().size());
        Checklist covert = Checklist.forVisit(PROPERTY, Map.of(), VisitMode.COVERT);
        assertEquals(List.of("P2", "P4", "P5", "P9", "P10", "P11", "P14", "P18"),
                covert.items().stream().map(Checklist.ChecklistItem::code).toList());
        Map<String, ItemChoice> choices = new HashMap<>();
        choices.put("P2", new ItemChoice("P2", VisitMode.OPEN, "看前台", "Watch the desk", EvidenceRequirement.PHOTO));
        Checklist open = Checklist.forVisit(PROPERTY, choices, VisitMode.OPEN);
        Checklist.ChecklistItem p2 = open.item("P2").orElseThrow();
        assertEquals(EvidenceRequirement.PHOTO, p2.evidence());
        assertEquals("Watch the desk", p2.guidanceEn());
        assertTrue(p2.covertPossible() && p2.openPossible());
        assertEquals(List.of("P1", "P2", "P3"), open.touchpoints().get(0).items().stream()
                .map(Checklist.ChecklistItem::code).toList());
        assertTrue(open.item("P17").orElseThrow().notApplicableAllowed());
        // P1 is open-only in the scheme; P11 covert-only; S1 is a survey item
        InvalidException e = assertThrows(InvalidException.class, () -> Checklist.checkChoice(PROPERTY,
                new ItemChoice("P1", VisitMode.COVERT, "", "", null), "items[0]"));
        assertEquals("items[0].mode", e.problems().get(0).field());
        assertThrows(InvalidException.class, () -> Checklist.checkChoice(PROPERTY,
                new ItemChoice("S1", VisitMode.OPEN, "", "", null), "items[0]"));
        assertThrows(InvalidException.class, () -> Checklist.checkChoice(PROPERTY,
                new ItemChoice("nope", VisitMode.OPEN, "", "", null), "items[0]"));
        Checklist.checkChoice(PROPERTY, new ItemChoice("P11", VisitMode.COVERT, "", "", null), "items[0]");
    }

    @Test
    void answersAreCheckedAgainstTheItemsAnswerTypeAndNotApplicableRule() {
        Checklist c = Checklist.all(PROPERTY, Map.of());
        Checklist.ChecklistItem likert = c.item("P2").orElseThrow();
        Checklist.ChecklistItem yesNo = c.item("P8").orElseThrow();
        Checklist.ChecklistItem naOk = c.item("P17").orElseThrow();
        assertTrue(new Answer(BigDecimal.valueOf(5), false, null, null).check(likert, "").isEmpty());
        assertEquals("visit.value_out_of_range.likert_5",
                new Answer(BigDecimal.valueOf(6), false, null, null).check(likert, "").get(0).code());
        assertEquals(1, new Answer(new BigDecimal("2.5"), false, null, null).check(likert, "").size());
        assertEquals(1, new Answer(BigDecimal.valueOf(2), false, null, null).check(yesNo, "").size());
        assertEquals("visit.na_not_allowed",
                new Answer(null, true, "closed", null).check(likert, "x.").get(0).code());
        assertEquals("visit.na_reason_required", new Answer(null, true, " ", null).check(naOk, "").get(0).code());
        assertTrue(new Answer(null, true, "no such service", null).check(naOk, "").isEmpty());
        assertTrue(new Answer(BigDecimal.valueOf(4), false, null, null).belowBest(likert));
        assertFalse(new Answer(BigDecimal.valueOf(5), false, null, null).belowBest(likert));
        assertTrue(new Answer(BigDecimal.ZERO, false, null, null).belowBest(yesNo));
    }

    @Test
    void submissionNeedsEveryItemAndItsEvidence() {
        Map<String, ItemChoice> choices = Map.of(
                "P2", new ItemChoice("P2", VisitMode.COVERT, "", "", EvidenceRequirement.PHOTO),
                "P4", new ItemChoice("P4", VisitMode.COVERT, "", "", EvidenceRequirement.NOTE_BELOW_BEST),
                "P5", new ItemChoice("P5", VisitMode.COVERT, "", "", EvidenceRequirement.NOTE));
        Checklist c = Checklist.forVisit(PROPERTY, choices, VisitMode.COVERT);
        Map<String, Answer> answers = new HashMap<>();
        for (Checklist.ChecklistItem i : c.items()) {
            answers.put(i.code(), new Answer(BigDecimal.ONE, false, null, null));
        }
        answers.remove("P9");
        answers.put("P4", new Answer(BigDecimal.valueOf(3), false, null, null));
        List<FieldProblem> p = SubmissionCheck.problems(c, answers, Map.of());
        assertEquals(List.of("items[P2].photos", "items[P4].note", "items[P5].note", "items[P9].value"),
                p.stream().map(FieldProblem::field).toList());
        answers.put("P4", new Answer(BigDecimal.valueOf(5), false, null, null));
        answers.put("P5", new Answer(BigDecimal.valueOf(5), false, null, "clean"));
        answers.put("P9", new Answer(BigDecimal.valueOf(5), false, null, null));
        assertTrue(SubmissionCheck.problems(c, answers, Map.of("P2", 1)).isEmpty());
        InvalidException e = assertThrows(InvalidException.class, () -> SubmissionCheck.require(c, answers, Map.of()));
        assertEquals("visit.incomplete", e.detail().code());
    }

    @Test
    void planningRulesWarnAboutCovertVisitsAfterTheOnSiteAuditAndRefuseRepeatsAndOverload() {
        LocalDate audit = LocalDate.of(2026, 12, 10);
        PlanningRules rules = new PlanningRules(audit, 30, 2);
        assertTrue(rules.checkPlan(VisitMode.COVERT, LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 9)).isEmpty());
        List<PlanningRules.Finding> late = rules.checkPlan(VisitMode.COVERT, LocalDate.of(2026, 12, 8),
                LocalDate.of(2026, 12, 10));
        assertEquals(PlanningRules.Rule.COVERT_BEFORE_ON_SITE_AUDIT, late.get(0).rule());
        assertEquals(PlanningRules.Severity.WARNING, late.get(0).severity());
        assertTrue(rules.checkPlan(VisitMode.OPEN, audit, audit.plusDays(1)).isEmpty());
        LocalDate day = LocalDate.of(2026, 12, 5);
        List<PlanningRules.RaterVisit> others = List.of(new PlanningRules.RaterVisit(7, 1, day.minusDays(29)),
                new PlanningRules.RaterVisit(8, 2, day), new PlanningRules.RaterVisit(9, 3, day));
        List<PlanningRules.Finding> refused = rules.checkRater("shopper", 1, day, others);
        assertEquals(List.of(PlanningRules.Rule.SAME_SITE_INTERVAL, PlanningRules.Rule.VISITS_PER_DAY),
                refused.stream().map(PlanningRules.Finding::rule).toList());
        assertEquals(List.of("shopper", "30", "2026-11-06", "7"), refused.get(0).message().args());
        assertTrue(rules.checkRater("shopper", 1, day.plusDays(1), others.subList(0, 1)).isEmpty());
        assertTrue(new PlanningRules(null, 0, 0).checkRater("s", 1, day, others).isEmpty());
    }

    @Test
    void blindRuleHidesThePartnersRatingsUntilBothSubmitted() {
        BlindRule.Copy a = new BlindRule.Copy(1, 10L, false);
        BlindRule.Copy b = new BlindRule.Copy(2, 20L, true);
        List<BlindRule.Copy> copies = List.of(a, b);
        assertTrue(BlindRule.mayRead(10, a, copies));
        assertFalse(BlindRule.mayRead(10, b, copies), "rater A sees B's ratings before A submitted");
        assertFalse(BlindRule.mayRead(20, a, copies));
        assertTrue(BlindRule.mayRead(99, a, copies), "the lead who rates no copy reviews both");
        List<BlindRule.Copy> both = List.of(new BlindRule.Copy(1, 10L, true), b);
        assertTrue(BlindRule.mayRead(10, b, both));
        assertTrue(BlindRule.mayRead(20, both.get(0), both));
    }

    @Test
    void distanceIsComputedInWgs84AndFlagsFarCheckIns() {
        // Tian'anmen to the Forbidden City's north gate: about 1.66 km
        assertEquals(1660, Position.distanceMeters(39.9087, 116.3975, 39.9236, 116.3972), 20);
        Position near = new Position(39.9087, 116.3975, 30.0, Position.CoordinateSystem.WGS84);
        assertFalse(near.from(39.9090, 116.3975, 1000).far());
        assertTrue(new Position(39.9236, 116.3972, 50.0, Position.CoordinateSystem.WGS84)
                .from(39.9087, 116.3975, 1000).far());
        // GCJ-02 shifts Beijing by some 500 m; converted back it lands within a metre of the WGS-84 point
        double[] gcj = Position.Gcj02.fromWgs84(39.9087, 116.3975);
        double shift = Position.distanceMeters(39.9087, 116.3975, gcj[0], gcj[1]);
        assertTrue(shift > 100 && shift < 1000, "shift " + shift);
        Position fromWeChat = new Position(gcj[0], gcj[1], 10.0, Position.CoordinateSystem.GCJ02);
        assertEquals(0, fromWeChat.from(39.9087, 116.3975, 1000).meters(), 1.0);
        // outside China GCJ-02 is WGS-84
        double[] paris = Position.Gcj02.fromWgs84(48.8584, 2.2945);
        assertEquals(48.8584, paris[0], 1e-9);
    }
}
