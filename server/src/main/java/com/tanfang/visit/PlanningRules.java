package com.tanfang.visit;

import com.tanfang.message.Message;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules a lead sets per project and the system checks when a visit is planned, assigned or claimed. A
 * finding names its rule and why; {@link Severity#WARNING}s are shown and logged, {@link Severity#REFUSAL}s stop
 * the assignment (409).
 *
 * @param onSiteAuditDate  the announced on-site audit date (covert visits happen before it, 001:L1107); null = none
 * @param sameSiteMinDays  a rater is not sent to the same site again within this many days (0 = no rule)
 * @param maxVisitsPerDay  at most this many visits per rater per day (0 = no rule)
 */
public record PlanningRules(LocalDate onSiteAuditDate, int sameSiteMinDays, int maxVisitsPerDay) {
    public static final PlanningRules DEFAULTS = new PlanningRules(null, 30, 3);

    public enum Rule { COVERT_BEFORE_ON_SITE_AUDIT, SAME_SITE_INTERVAL, VISITS_PER_DAY }

    public enum Severity { WARNING, REFUSAL }

    public record Finding(Rule rule, Severity severity, Message message) {
    }

    /** Another visit the rater already has: where and on which day (Beijing date of its window start). */
    public record RaterVisit(long visitId, long siteId, LocalDate day) {
    }

    /** Warns when a covert visit's window reaches the announced on-site audit date or later. */
    public List<Finding> checkPlan(VisitMode mode, LocalDate windowFrom, LocalDate windowTo) {
        List<Finding> out = new ArrayList<>();
        if (mode == VisitMode.COVERT && onSiteAuditDate != null && !windowTo.isBefore(onSiteAuditDate)) {
            out.add(new Finding(Rule.COVERT_BEFORE_ON_SITE_AUDIT, Severity.WARNING,
                    Message.of("visit.rule.covert_after_on_site_audit", windowTo, onSiteAuditDate)));
        }
        return out;
    }

    /** Refusals for sending a rater to {@code siteId} on {@code day}, given the rater's other live visits. */
    public List<Finding> checkRater(String rater, long siteId, LocalDate day, List<RaterVisit> others) {
        List<Finding> out = new ArrayList<>();
        if (sameSiteMinDays > 0) {
            others.stream().filter(o -> o.siteId() == siteId)
                    .filter(o -> Math.abs(ChronoUnit.DAYS.between(o.day(), day)) < sameSiteMinDays)
                    .findFirst()
                    .ifPresent(o -> out.add(new Finding(Rule.SAME_SITE_INTERVAL, Severity.REFUSAL,
                            Message.of("visit.rule.same_site_interval", rater, sameSiteMinDays, o.day(), o.visitId()))));
        }
        if (maxVisitsPerDay > 0) {
            long thatDay = others.stream().filter(o -> o.day().equals(day)).count();
            if (thatDay >= maxVisitsPerDay) {
                out.add(new Finding(Rule.VISITS_PER_DAY, Severity.REFUSAL,
                        Message.of("visit.rule.visits_per_day", rater, maxVisitsPerDay, day)));
            }
        }
        return out;
    }
}
