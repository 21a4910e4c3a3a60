package com.tanfang.survey.results;

import com.tanfang.document.CsvExport;
import com.tanfang.scheme.LikertAnswer;
import com.tanfang.survey.campaign.SurveyCampaign;
import com.tanfang.survey.campaign.SurveyQuestion;
import com.tanfang.survey.campaign.SurveyRepositories;
import com.tanfang.survey.campaign.SurveyResponse;

import com.tanfang.scheme.LikertMapping;
import com.tanfang.scheme.Scheme;
import com.tanfang.scoring.Fraction;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The survey analysis: per question (characteristic), per survey point and per channel (online, offline, merged):
 * responses, mean, share of 4-5, the score through the scheme's Likert mapping, with 95% intervals; the overall
 * survey score ({@link SurveyStatistics#overall}) for the campaign and for each point; responses against
 * households. Excluded and superseded responses are left out; counts of excluded and flagged responses are shown
 * beside.
 */
@Singleton
public class SurveyResults {
    /** How the overall score weighs its items. */
    public enum Weighting {
        /** By the scheme items' points, as the scoring engine totals them. */
        ITEM_POINTS,
        /** Equally: the answered items carry no points. */
        EQUAL
    }

    private final SurveyRepositories.Responses responses;

    public SurveyResults(SurveyRepositories.Responses responses) {
        this.responses = responses;
    }

    /**
     * Display numbers: 2 decimals (percentages and scores out of 100), 3 for means on the 1-5 scale; the pages
     * round again to one format. {@code notApplicable} counts N/A (不涉及) answers (stored with
     * {@code survey_answer.not_applicable}); like don't-knows they are left out of every statistic.
     */
    @Serdeable
    public record Stats(long answered, long dontKnows, long notApplicable, @Nullable BigDecimal mean,
                        @Nullable BigDecimal meanLow, @Nullable BigDecimal meanHigh,
                        @Nullable BigDecimal satisfactionPercent, @Nullable BigDecimal satisfactionLow,
                        @Nullable BigDecimal satisfactionHigh, @Nullable BigDecimal score, @Nullable BigDecimal scoreLow,
                        @Nullable BigDecimal scoreHigh, @Nullable String exactScore) {

        static Stats of(SurveyStatistics.Summary s, long notApplicable) {
            var mean = s.mean();
            var sat = s.satisfaction();
            var score = s.score();
            return new Stats(s.answered(), s.dontKnows(), notApplicable,
                    mean.map(m -> round(m.value(), 3)).orElse(null),
                    mean.flatMap(m -> m.interval95()).map(i -> round(i.low(), 3)).orElse(null),
                    mean.flatMap(m -> m.interval95()).map(i -> round(i.high(), 3)).orElse(null),
                    sat.map(r -> round(r.value().multiply(Fraction.HUNDRED), 2)).orElse(null),
                    sat.map(r -> round(r.interval().low() * 100, 2)).orElse(null),
                    sat.map(r -> round(r.interval().high() * 100, 2)).orElse(null),
                    score.map(e -> round(e.value(), 2)).orElse(null),
                    score.flatMap(e -> e.interval95()).map(i -> round(i.low(), 2)).orElse(null),
                    score.flatMap(e -> e.interval95()).map(i -> round(i.high(), 2)).orElse(null),
                    score.map(e -> e.value().toString()).orElse(null));
        }
    }

    @Serdeable
    public record ByChannel(Stats online, Stats offline, Stats merged) {
    }

    /** {@code scored}: the question scores a scheme item (not the unscored overall question), so it counts in the overall score. */
    @Serdeable
    public record QuestionResult(long questionId, int position, @Nullable String itemCode, String textZh, String textEn,
                                 boolean scored, @Nullable BigDecimal itemPoints, ByChannel all, boolean belowThreshold,
                                 boolean clearlyBelow) {
    }

    /** The overall survey score (0-100) with its conservative 95 % interval; {@code items} = answered items in it. */
    @Serdeable
    public record OverallScore(@Nullable BigDecimal score, @Nullable BigDecimal scoreLow, @Nullable BigDecimal scoreHigh,
                               @Nullable String exactScore, int items, Weighting weighting, boolean belowThreshold) {
    }

    /**
     * {@code responsesPerHousehold} is the share (0.1234), {@code responseRatePercent} the same as a percentage;
     * both null without households. {@code questionsBelowThreshold}: the questions whose score at this point is below
     * the campaign's threshold, by the same rule as for the whole campaign ({@link SurveyStatistics#itemsBelow}).
     */
    @Serdeable
    public record PointResult(long pointId, String locationCode, String locationName, @Nullable Integer households,
                              long online, long offline, long excluded, long flagged,
                              @Nullable BigDecimal responsesPerHousehold, @Nullable BigDecimal responseRatePercent,
                              OverallScore overall, Map<Long, Stats> byQuestion, List<Long> questionsBelowThreshold) {
    }

    /**
     * {@code households}: the sum over points whose households are known; {@code responseRatePercent}: the
     * responses at those points over it (points without households count in neither), null when none is known.
     */
    @Serdeable
    public record Results(long campaignId, String likertMapping, BigDecimal lowScoreThreshold, long online, long offline,
                          long excluded, long flagged, @Nullable Long households, @Nullable BigDecimal responseRatePercent,
                          OverallScore overall, List<QuestionResult> questions, List<PointResult> points) {
    }

    @Transactional(readOnly = true)
    public Results compute(SurveyCampaign campaign, List<SurveyQuestion> questions,
                           List<SurveyRepositories.PointView> points, Scheme scheme) {
        return compute(campaign, questions, points, scheme, false);
    }

    /**
     * With {@code countCallBackDenialsBackIn}, responses excluded because the respondent denied answering on a
     * call-back count again: the results as they were before the call-backs (the verification report's "before").
     */
    @Transactional(readOnly = true)
    public Results compute(SurveyCampaign campaign, List<SurveyQuestion> questions,
                           List<SurveyRepositories.PointView> points, Scheme scheme,
                           boolean countCallBackDenialsBackIn) {
        // the kept tallies (V26), not a recount of the answers: flat as the campaign grows
        return compute(campaign, questions, points, scheme,
                responses.answerCounts(campaign.id(), countCallBackDenialsBackIn),
                responses.responseCounts(campaign.id(), countCallBackDenialsBackIn));
    }

    /** The results before the call-backs (denials counted back in) and after, as the verification report shows them. */
    public record BeforeAndAfter(Results before, Results after) {
    }

    /**
     * {@link #compute} with and without the call-back denials from one scan of the answers and one of the responses
     * (the two views differ only in the responses a denial excluded): the same numbers as two computations.
     */
    @Transactional(readOnly = true)
    public BeforeAndAfter beforeAndAfterCallBacks(SurveyCampaign campaign, List<SurveyQuestion> questions,
                                                  List<SurveyRepositories.PointView> points, Scheme scheme) {
        List<SurveyRepositories.SplitAnswerCount> answers = responses.answerCountsBothViews(campaign.id());
        List<SurveyRepositories.SplitResponseCount> counts = responses.responseCountsBothViews(campaign.id());
        List<SurveyRepositories.AnswerCount> before = answers.stream()
                .map(SurveyRepositories.SplitAnswerCount::answerCount).toList();
        List<SurveyRepositories.AnswerCount> after = answers.stream().filter(a -> !a.deniedOnly())
                .map(SurveyRepositories.SplitAnswerCount::answerCount).toList();
        return new BeforeAndAfter(
                compute(campaign, questions, points, scheme, before, counts.stream().map(c -> c.view(true)).toList()),
                compute(campaign, questions, points, scheme, after, counts.stream().map(c -> c.view(false)).toList()));
    }

    /** The results from counted answers and responses; the tallies merge rows of the same group by adding. */
    private Results compute(SurveyCampaign campaign, List<SurveyQuestion> questions,
                            List<SurveyRepositories.PointView> points, Scheme scheme,
                            List<SurveyRepositories.AnswerCount> answerCounts,
                            List<SurveyRepositories.ResponseCount> responseCounts) {
        LikertMapping mapping = scheme.likert();
        Map<String, BigDecimal> itemPoints = new HashMap<>();
        scheme.items().forEach(i -> itemPoints.put(i.name(), i.points()));
        // question -> channel -> tally, and point -> question -> tally; the same for N/A answers
        Map<Long, Map<SurveyResponse.Channel, AnswerTally>> byQuestion = new HashMap<>();
        Map<Long, Map<Long, AnswerTally>> byPoint = new HashMap<>();
        Map<Long, Map<SurveyResponse.Channel, Long>> naByQuestion = new HashMap<>();
        Map<Long, Map<Long, Long>> naByPoint = new HashMap<>();
        for (SurveyRepositories.AnswerCount c : answerCounts) {
            if (c.notApplicable()) {
                // N/A (不涉及): counted beside and left out of the rest, neither an answer nor a don't know.
                naByQuestion.computeIfAbsent(c.questionId(), q -> new EnumMap<>(SurveyResponse.Channel.class))
                        .merge(c.channel(), c.n(), Long::sum);
                naByPoint.computeIfAbsent(c.pointId(), p -> new HashMap<>()).merge(c.questionId(), c.n(), Long::sum);
                continue;
            }
            LikertAnswer answer = c.value() == null ? LikertAnswer.DONT_KNOW : LikertAnswer.likert(c.value());
            AnswerTally one = new AnswerTally(Map.of(answer, c.n()));
            byQuestion.computeIfAbsent(c.questionId(), q -> new EnumMap<>(SurveyResponse.Channel.class))
                    .merge(c.channel(), one, AnswerTally::plus);
            byPoint.computeIfAbsent(c.pointId(), p -> new HashMap<>()).merge(c.questionId(), one, AnswerTally::plus);
        }
        Map<String, SurveyStatistics.Summary> merged = new LinkedHashMap<>();
        Map<Long, ByChannel> channels = new HashMap<>();
        for (SurveyQuestion q : questions) {
            var tallies = byQuestion.getOrDefault(q.id(), Map.of());
            var na = naByQuestion.getOrDefault(q.id(), Map.of());
            long naOnline = na.getOrDefault(SurveyResponse.Channel.ONLINE, 0L);
            long naOffline = na.getOrDefault(SurveyResponse.Channel.OFFLINE, 0L);
            AnswerTally online = tallies.getOrDefault(SurveyResponse.Channel.ONLINE, AnswerTally.EMPTY);
            AnswerTally offline = tallies.getOrDefault(SurveyResponse.Channel.OFFLINE, AnswerTally.EMPTY);
            SurveyStatistics.Summary all = SurveyStatistics.merged(mapping, online, offline);
            merged.put(String.valueOf(q.id()), all);
            channels.put(q.id(), new ByChannel(Stats.of(SurveyStatistics.summarize(online, mapping), naOnline),
                    Stats.of(SurveyStatistics.summarize(offline, mapping), naOffline), Stats.of(all, naOnline + naOffline)));
        }
        BigDecimal threshold = campaign.lowScoreThreshold();
        Map<String, SurveyStatistics.LowItem> low = new HashMap<>();
        SurveyStatistics.itemsBelow(merged, threshold).forEach(l -> low.put(l.item(), l));
        List<QuestionResult> questionResults = new ArrayList<>();
        for (SurveyQuestion q : questions) {
            SurveyStatistics.LowItem l = low.get(String.valueOf(q.id()));
            questionResults.add(new QuestionResult(q.id(), q.position(), q.itemCode(), q.textZh(), q.textEn(),
                    scored(q), q.itemCode() == null ? null : itemPoints.get(q.itemCode()),
                    channels.get(q.id()), l != null, l != null && l.clearlyBelow()));
        }
        OverallScore overall = overall(questions, merged, itemPoints, threshold);
        Map<Long, SurveyRepositories.ResponseCount[]> counts = new HashMap<>();
        long online = 0;
        long offline = 0;
        long excluded = 0;
        long flagged = 0;
        for (SurveyRepositories.ResponseCount c : responseCounts) {
            counts.computeIfAbsent(c.pointId(), p -> new SurveyRepositories.ResponseCount[2])
                    [c.channel().ordinal()] = c;
            if (c.channel() == SurveyResponse.Channel.ONLINE) {
                online += c.responses();
            } else {
                offline += c.responses();
            }
            excluded += c.excluded();
            flagged += c.flagged();
        }
        List<PointResult> pointResults = new ArrayList<>();
        long households = 0;
        long respondedWithHouseholds = 0;
        boolean anyHouseholds = false;
        for (SurveyRepositories.PointView p : points) {
            SurveyRepositories.ResponseCount[] pc = counts.getOrDefault(p.id(), new SurveyRepositories.ResponseCount[2]);
            long on = pc[0] == null ? 0 : pc[0].responses();
            long off = pc[1] == null ? 0 : pc[1].responses();
            Map<Long, Stats> perQuestion = new LinkedHashMap<>();
            Map<String, SurveyStatistics.Summary> pointSummaries = new LinkedHashMap<>();
            for (SurveyQuestion q : questions) {
                SurveyStatistics.Summary summary = SurveyStatistics.summarize(
                        byPoint.getOrDefault(p.id(), Map.of()).getOrDefault(q.id(), AnswerTally.EMPTY), mapping);
                pointSummaries.put(String.valueOf(q.id()), summary);
                perQuestion.put(q.id(), Stats.of(summary,
                        naByPoint.getOrDefault(p.id(), Map.of()).getOrDefault(q.id(), 0L)));
            }
            List<Long> below = SurveyStatistics.itemsBelow(pointSummaries, threshold).stream()
                    .map(l -> Long.valueOf(l.item())).sorted().toList();
            BigDecimal share = null;
            BigDecimal percent = null;
            if (p.households() != null && p.households() > 0) {
                share = BigDecimal.valueOf(on + off).divide(BigDecimal.valueOf(p.households()), 4, RoundingMode.HALF_UP);
                percent = percent(on + off, p.households());
                households += p.households();
                respondedWithHouseholds += on + off;
                anyHouseholds = true;
            }
            pointResults.add(new PointResult(p.id(), p.locationCode(), p.locationName(), p.households(), on, off,
                    (pc[0] == null ? 0 : pc[0].excluded()) + (pc[1] == null ? 0 : pc[1].excluded()),
                    (pc[0] == null ? 0 : pc[0].flagged()) + (pc[1] == null ? 0 : pc[1].flagged()), share, percent,
                    overall(questions, pointSummaries, itemPoints, threshold), perQuestion, below));
        }
        return new Results(campaign.id(), mapping.preset().name(), threshold, online, offline,
                excluded, flagged, anyHouseholds ? households : null,
                anyHouseholds ? percent(respondedWithHouseholds, households) : null, overall, questionResults, pointResults);
    }

    /** Whether the question scores a scheme item (the unscored overall question does not). */
    static boolean scored(SurveyQuestion q) {
        return q.itemCode() != null && !q.overall();
    }

    private static OverallScore overall(List<SurveyQuestion> questions, Map<String, SurveyStatistics.Summary> byQuestion,
                                        Map<String, BigDecimal> itemPoints, BigDecimal threshold) {
        List<SurveyStatistics.Weighted> items = new ArrayList<>();
        for (SurveyQuestion q : questions) {
            if (scored(q)) {
                items.add(new SurveyStatistics.Weighted(byQuestion.get(String.valueOf(q.id())),
                        itemPoints.getOrDefault(q.itemCode(), BigDecimal.ZERO)));
            }
        }
        List<SurveyStatistics.Weighted> answered = items.stream().filter(w -> w.summary().score().isPresent()).toList();
        Weighting weighting = !answered.isEmpty() && answered.stream().allMatch(w -> w.weight().signum() == 0)
                ? Weighting.EQUAL : Weighting.ITEM_POINTS;
        var estimate = SurveyStatistics.overall(items);
        return new OverallScore(estimate.map(e -> round(e.value(), 2)).orElse(null),
                estimate.flatMap(e -> e.interval95()).map(i -> round(i.low(), 2)).orElse(null),
                estimate.flatMap(e -> e.interval95()).map(i -> round(i.high(), 2)).orElse(null),
                estimate.map(e -> e.value().toString()).orElse(null), answered.size(), weighting,
                estimate.map(e -> e.value().compareTo(threshold) < 0).orElse(false));
    }

    private static BigDecimal percent(long part, long whole) {
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }

    /** The column headers: Chinese then English in each cell, so one file serves both readers. */
    static final String[] CSV_HEADERS = {"部分 Section", "题号 Question", "条款编码 Item code", "题目 Question (zh)",
            "题目 Question (en)", "调查点 Survey point", "户数 Households", "有效答卷 Responses",
            "回应率 % Response rate %", "渠道 Channel", "作答数 Answered", "不了解 Don't know", "不适用 N/A",
            "平均分 Mean", "平均分下限 Mean low", "平均分上限 Mean high", "满意率 % Satisfied %",
            "满意率下限 Satisfied low", "满意率上限 Satisfied high", "得分 Score", "得分下限 Score low",
            "得分上限 Score high", "低于阈值 Below threshold"};

    /**
     * The same numbers as CSV ({@link CsvExport}: UTF-8 with a BOM, formulas neutralised). Sections: {@code survey}
     * (the overall survey score), {@code question} (per channel), {@code point} (a point's overall score, question
     * column empty) and {@code point_question} (a point's question, merged). Households and response rates are
     * the campaign's on survey and question rows and the point's on point rows.
     */
    public static String csv(Results r) {
        CsvExport csv = new CsvExport();
        csv.row((Object[]) CSV_HEADERS);
        long responses = r.online() + r.offline();
        OverallScore o = r.overall();
        csv.row("survey", null, null, "总体得分", "Overall survey score", null, r.households(), responses,
                r.responseRatePercent(), "merged", null, null, null, null, null, null, null, null, null,
                o.score(), o.scoreLow(), o.scoreHigh(), o.belowThreshold());
        for (QuestionResult q : r.questions()) {
            row(csv, "question", q, null, r.households(), r.online(), r.responseRatePercent(), "online",
                    q.all().online(), q.belowThreshold());
            row(csv, "question", q, null, r.households(), r.offline(), r.responseRatePercent(), "offline",
                    q.all().offline(), q.belowThreshold());
            row(csv, "question", q, null, r.households(), responses, r.responseRatePercent(), "merged",
                    q.all().merged(), q.belowThreshold());
        }
        for (PointResult p : r.points()) {
            String point = p.locationCode() + " " + p.locationName();
            OverallScore po = p.overall();
            csv.row("point", null, null, "总体得分", "Overall survey score", point, p.households(),
                    p.online() + p.offline(), p.responseRatePercent(), "merged", null, null, null, null, null, null,
                    null, null, null, po.score(), po.scoreLow(), po.scoreHigh(), po.belowThreshold());
            for (QuestionResult q : r.questions()) {
                row(csv, "point_question", q, point, p.households(), p.online() + p.offline(),
                        p.responseRatePercent(), "merged", p.byQuestion().get(q.questionId()),
                        p.questionsBelowThreshold().contains(q.questionId()));
            }
        }
        return csv.text();
    }

    private static void row(CsvExport csv, String section, QuestionResult q, String point, Number households,
                            long responses, BigDecimal rate, String channel, Stats s, boolean below) {
        csv.row(section, q.position(), q.itemCode(), q.textZh(), q.textEn(), point, households, responses, rate,
                channel, s.answered(), s.dontKnows(), s.notApplicable(), s.mean(), s.meanLow(), s.meanHigh(),
                s.satisfactionPercent(), s.satisfactionLow(), s.satisfactionHigh(), s.score(), s.scoreLow(),
                s.scoreHigh(), below);
    }

    private static BigDecimal round(Fraction f, int scale) {
        return f.toBigDecimal(scale + 2).setScale(scale, RoundingMode.HALF_UP);
    }

    private static BigDecimal round(double d, int scale) {
        return BigDecimal.valueOf(d).setScale(scale, RoundingMode.HALF_UP);
    }
}
