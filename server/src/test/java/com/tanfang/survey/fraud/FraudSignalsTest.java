package com.tanfang.survey.fraud;

import com.tanfang.scheme.LikertAnswer;

import com.tanfang.survey.fraud.FraudSignals.Flag;
import com.tanfang.survey.fraud.FraudSignals.Kind;
import com.tanfang.survey.fraud.FraudSignals.RecentResponse;
import com.tanfang.survey.fraud.FraudSignals.SubmittedResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.tanfang.scheme.LikertAnswer.DONT_KNOW;
import static com.tanfang.scheme.LikertAnswer.FIVE;
import static com.tanfang.scheme.LikertAnswer.FOUR;
import static com.tanfang.scheme.LikertAnswer.THREE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FraudSignalsTest {
    static final Instant NOW = Instant.parse("2026-05-10T10:00:00Z");
    static final FraudSignals SIGNALS = new FraudSignals(FraudRules.DEFAULTS);
    static final Map<String, LikertAnswer> VARIED = answers(FIVE, FOUR, THREE, FOUR, FIVE, FOUR);

    static Map<String, LikertAnswer> answers(LikertAnswer... answers) {
        Map<String, LikertAnswer> byQuestion = new LinkedHashMap<>();
        for (int i = 0; i < answers.length; i++) {
            byQuestion.put("Q" + (i + 1), answers[i]);
        }
        return byQuestion;
    }

    static SubmittedResponse response(String browser, String ip, Duration taken, Map<String, LikertAnswer> answers) {
        return new SubmittedResponse(1, 11, "sub-new", browser, ip, "Mozilla/5.0 MicroMessenger", NOW.minus(taken), NOW, answers);
    }

    static SubmittedResponse honest() {
        return response("browser-a", "10.0.0.1", Duration.ofMinutes(2), VARIED);
    }

    static List<Kind> kinds(List<Flag> flags) {
        return flags.stream().map(Flag::kind).toList();
    }

    @Test
    void anHonestResponseRaisesNothing() {
        List<RecentResponse> history = List.of(new RecentResponse("sub-1", "browser-b", "10.0.0.2", 12, NOW.minusSeconds(60)));
        assertEquals(List.of(), SIGNALS.check(honest(), 6, history));
    }

    @Test
    void sameBrowserTwiceNamesHowOftenAndWhen() {
        List<RecentResponse> history = List.of(
                new RecentResponse("sub-1", "browser-a", "10.0.0.9", 12, NOW.minus(Duration.ofDays(2))),
                new RecentResponse("sub-2", "browser-a", "10.0.0.9", 11, NOW.minus(Duration.ofHours(3))),
                new RecentResponse("sub-3", "browser-z", "10.0.0.9", 11, NOW.minus(Duration.ofHours(1))));
        List<Flag> flags = SIGNALS.check(honest(), 6, history);
        assertEquals(List.of(Kind.SAME_BROWSER_TWICE), kinds(flags));
        Flag flag = flags.get(0);
        assertEquals("survey.flag.same-browser-twice", flag.code());
        assertEquals("This browser already answered this campaign 2 times, last at 2026-05-10T07:00:00Z (survey points [11, 12]).", flag.reason().english());
        assertEquals("2", flag.reason().args().get(0));
    }

    @Test
    void retriesAndMissingCookiesAreNotDuplicates() {
        List<RecentResponse> retry = List.of(new RecentResponse("sub-new", "browser-a", "10.0.0.1", 11, NOW.minusSeconds(5)));
        assertEquals(List.of(), SIGNALS.check(honest(), 6, retry));
        List<RecentResponse> cookieless = List.of(new RecentResponse("sub-1", null, "10.0.0.1", 11, NOW.minusSeconds(500)));
        assertEquals(List.of(), SIGNALS.check(response(null, "10.0.0.1", Duration.ofMinutes(2), VARIED), 6, cookieless));
    }

    @Test
    void burstFromOneAddressCountsTheTrailingWindow() {
        List<RecentResponse> history = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // 5 earlier + this one = 6 > 5
            history.add(new RecentResponse("sub-" + i, "b" + i, "10.0.0.1", 11, NOW.minus(Duration.ofMinutes(2 * i))));
        }
        history.add(new RecentResponse("old", "b-old", "10.0.0.1", 11, NOW.minus(Duration.ofMinutes(10)).minusSeconds(1)));
        history.add(new RecentResponse("other", "b-other", "10.0.0.2", 11, NOW));
        List<Flag> flags = SIGNALS.check(honest(), 6, history);
        assertEquals(List.of(Kind.BURST_FROM_ADDRESS), kinds(flags));
        assertEquals("6 responses from address 10.0.0.1 within 10 minutes (more than 5); many households may share one carrier address.",
                flags.get(0).reason().english());

        // Exactly the limit is fine.
        assertEquals(List.of(), SIGNALS.check(honest(), 6, history.subList(1, history.size())));
    }

    @Test
    void tooFastUsesPerQuestionTimeWithAFloor() {
        // 6 questions × 2 s = 12 s > the 10 s floor.
        List<Flag> flags = SIGNALS.check(response("browser-a", "10.0.0.1", Duration.ofSeconds(11), VARIED), 6, List.of());
        assertEquals(List.of(Kind.TOO_FAST), kinds(flags));
        assertEquals("Completed in 11 s; 6 questions plausibly take at least 12 s.", flags.get(0).reason().english());
        assertEquals(List.of(), SIGNALS.check(response("browser-a", "10.0.0.1", Duration.ofSeconds(12), VARIED), 6, List.of()));
        // 3 questions × 2 s = 6 s, but the floor is 10 s.
        assertEquals(Duration.ofSeconds(10), FraudRules.DEFAULTS.minimumCompletion(3));
        assertEquals(List.of(Kind.TOO_FAST),
                kinds(SIGNALS.check(response("browser-a", "10.0.0.1", Duration.ofSeconds(9), answers(FIVE, FOUR, THREE)), 3, List.of())));
    }

    @Test
    void clockAheadIsReportedAndTooFastIsNotJudged() {
        List<Flag> flags = SIGNALS.check(response("browser-a", "10.0.0.1", Duration.ofSeconds(-90), VARIED), 6, List.of());
        assertEquals(List.of(Kind.CLOCK_SKEW), kinds(flags));
        assertTrue(flags.get(0).reason().english().startsWith("Submitted 90 s before it was started"));
        // Zero seconds is a (very) fast completion, not a skew.
        assertEquals(List.of(Kind.TOO_FAST), kinds(SIGNALS.check(response("browser-a", "10.0.0.1", Duration.ZERO, VARIED), 6, List.of())));
    }

    @Test
    void straightLiningNeedsFourAnsweredQuestionsAndIgnoresDontKnows() {
        List<Flag> flags = SIGNALS.check(response("browser-a", "10.0.0.1", Duration.ofMinutes(2),
                answers(FIVE, FIVE, DONT_KNOW, FIVE, FIVE, DONT_KNOW)), 6, List.of());
        assertEquals(List.of(Kind.STRAIGHT_LINING), kinds(flags));
        assertEquals("All 4 answered questions were 5 (2 don't-know answers not counted).", flags.get(0).reason().english());
        // Three answered questions are too few to tell.
        assertEquals(List.of(), SIGNALS.check(response("browser-a", "10.0.0.1", Duration.ofMinutes(2),
                answers(FIVE, FIVE, DONT_KNOW, FIVE, DONT_KNOW, DONT_KNOW)), 6, List.of()));
        assertEquals(List.of(), SIGNALS.check(response("browser-a", "10.0.0.1", Duration.ofMinutes(2),
                answers(DONT_KNOW, DONT_KNOW, DONT_KNOW, DONT_KNOW, DONT_KNOW)), 5, List.of()));
    }

    @Test
    void everySignalAtOnceInKindOrder() {
        List<RecentResponse> history = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            history.add(new RecentResponse("sub-" + i, "browser-a", "10.0.0.1", 11, NOW.minusSeconds(30 * i + 1)));
        }
        List<Flag> flags = SIGNALS.check(response("browser-a", "10.0.0.1", Duration.ofSeconds(3),
                answers(THREE, THREE, THREE, THREE, THREE, THREE)), 6, history);
        assertEquals(List.of(Kind.SAME_BROWSER_TWICE, Kind.BURST_FROM_ADDRESS, Kind.TOO_FAST, Kind.STRAIGHT_LINING), kinds(flags));
    }

    @Test
    void rulesAreConfigurableAndChecked() {
        FraudSignals strict = new FraudSignals(new FraudRules(1, Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ZERO, 3));
        List<RecentResponse> history = List.of(new RecentResponse("sub-1", "b", "10.0.0.1", 11, NOW.minusSeconds(59)));
        assertEquals(List.of(Kind.BURST_FROM_ADDRESS, Kind.TOO_FAST, Kind.STRAIGHT_LINING), kinds(strict.check(
                response("browser-a", "10.0.0.1", Duration.ofSeconds(14), answers(FOUR, FOUR, FOUR)), 3, history)));
        assertThrows(IllegalArgumentException.class, () -> new FraudRules(0, Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO, 4));
        assertThrows(IllegalArgumentException.class, () -> new FraudRules(5, Duration.ZERO, Duration.ZERO, Duration.ZERO, 4));
        assertThrows(IllegalArgumentException.class, () -> new FraudRules(5, Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO, 1));
    }
}
