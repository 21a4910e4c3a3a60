package com.tanfang.evaluation;

import com.tanfang.scheme.AnswerType;
import com.tanfang.scheme.Method;
import com.tanfang.scoring.Rating;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The sheet's rules, framework-free: which campaign counts, how a visit answer becomes a rating. */
final class SheetRules {
    /**
     * Methods whose evidence the sheet does not read yet: none since the management audit and capability
     * verification are visit modes (their approved answers come in through {@link ApprovedAnswers} like any
     * visit's). Kept, empty, because the sheet still sends {@code ItemRow.laterMethods} (the web reads it).
     */
    static final Set<Method> LATER_METHODS = EnumSet.noneOf(Method.class);

    private SheetRules() {
    }

    /**
     * The campaign whose results count: the one whose window closed last (a surveillance project's campaign of
     * record); with none closed yet, the one opened last (still in fieldwork: the result stays provisional); with
     * none opened, none. Ties go to the higher id (the newer campaign).
     */
    static <C> Optional<C> countedCampaign(List<C> campaigns, Instant now, Function<C, Instant> opensAt,
                                           Function<C, Instant> closesAt, Function<C, Long> id) {
        Comparator<C> byClose = Comparator.comparing(closesAt).thenComparing(id);
        Optional<C> closed = campaigns.stream().filter(c -> !closesAt.apply(c).isAfter(now)).max(byClose);
        if (closed.isPresent()) {
            return closed;
        }
        return campaigns.stream().filter(c -> !opensAt.apply(c).isAfter(now))
                .max(Comparator.comparing(opensAt).thenComparing(id));
    }

    /** The rating a stored visit answer stands for; empty when it carries neither a value nor N/A. */
    static Optional<Rating> rating(String item, AnswerType type, String rater, String visit, BigDecimal value,
                                   boolean notApplicable) {
        if (notApplicable) {
            return Optional.of(Rating.notApplicable(item, rater).onVisit(visit));
        }
        if (value == null) {
            return Optional.empty();
        }
        Rating r = switch (type) {
            case LIKERT_5 -> Rating.likert(item, rater, value.intValueExact());
            case YES_NO -> Rating.yes(item, rater, value.signum() != 0);
            case PERCENT -> Rating.percent(item, rater, value.stripTrailingZeros());
            case NUMERIC -> Rating.numeric(item, rater, value);
        };
        return Optional.of(r.onVisit(visit));
    }

    /**
     * The rater of a reconciled pair's confirmed rating in the engine: one rating on the plan in place of the two
     * copies' (not a username: those are [A-Za-z0-9._-] and never contain the brackets).
     */
    static final String RECONCILED_RATER = "[reconciled]";

    /** How a reconciled pair's plan names itself in ratings and explanations. */
    static String planName(long planId) {
        return "plan #" + planId;
    }

    /** How a visit names itself in ratings and explanations. */
    static String visitName(long visitId) {
        return "#" + visitId;
    }
}
