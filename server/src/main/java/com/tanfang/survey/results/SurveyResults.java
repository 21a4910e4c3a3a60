package com.tanfang.survey.results;

import com.tanfang.document.CsvExport;
import com.tanfang.scheme.LikertAnswer;
import com.tanfang.survey.campaign.SurveyCampaign;
import com.tanfang.survey.campaign.SurveyQuestion;
import com.tanfang.survey.campaign.SurveyRepositories;
import com.tanfang.survey.campaign.SurveyResponse;

import com.tanfang.scheme.LikertMapping;
import com.tanfang.scoring.Fraction;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
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
 * responses, mean, share of 4-5, the score through the scheme's Likert mapping, with 95% intervals. Excluded
 * responses are left out; counts of excluded and flagged responses are shown beside.
 */
@Singleton
public class SurveyResults {
    private final SurveyRepositories.Responses responses;

    public SurveyResults(SurveyRepositories.Responses responses) {
        this.responses = responses;
    }

    /** Display numbers: 2 decimals (percentages and scores out of 100), 3 for means on the 1-5 scale. */
    @Serdeable
    public record Stats(long answered, long dontKnows, @Nullable BigDecimal mean, @Nullable BigDecimal meanLow,
                        @Nullable BigDecimal meanHigh, @Nullable BigDecimal satisfactionPercent,
                        @Nullable BigDecimal satisfactionLow, @Nullable BigDecimal satisfactionHigh,
                        @Nullable BigDecimal score, @Nullable BigDecimal scoreLow, @Nullable BigDecimal scoreHigh,
                        @Nullable String exactScore) {

        static Stats of(SurveyStatistics.Summary s) {
            var mean = s.mean();
            var sat = s.satisfaction();
            var score = s.score();
            return new Stats(s.answered(), s.dontKnows(),
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

    @Serdeable
    public record QuestionResult(long questionId, int position, @Nullable String itemCode, String textZh, String textEn,
                                 ByChannel all, boolean belowThreshold, boolean clearlyBelow) {
    }

    @Serdeable
    public record PointResult(long pointId, String locationCode, String locationName, @Nullable Integer households,
                              long online, long offline, long excluded, long flagged,
                              @Nullable BigDecimal responsesPerHousehold, Map<Long, Stats> byQuestion) {
    }

    @Serdeable
    public record Results(long campaignId, String likertMapping, BigDecimal lowScoreThreshold, long online, long offline,
                          long excluded, long flagged, List<QuestionResult> questions, List<PointResult> points) {
    }

    public Results compute(SurveyCampaign campaign, List<SurveyQuestion> questions,
                           List<SurveyRepositories.PointView> points, LikertMapping mapping) {
        return compute(campaign, questions, points, mapping, false);
    }

    /**
     * With {@code countCallBackDenialsBackIn}, responses excluded because the respondent denied answering on a
     * call-back count again: the results as they were before the call-backs (the verification report's "before").
     */
    public Results compute(SurveyCampaign campaign, List<SurveyQuestion> questions,
                           List<SurveyRepositories.PointView> points, LikertMapping mapping,
                           boolean countCallBackDenialsBackIn) {
        // question -> channel -> tally, and point -> question -> tally
        Map<Long, Map<SurveyResponse.Channel, AnswerTally>> byQuestion = new HashMap<>();
        Map<Long, Map<Long, AnswerTally>> byPoint = new HashMap<>();
        for (SurveyRepositories.AnswerCount c : responses.answerCounts(campaign.id(), countCallBackDenialsBackIn)) {
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
            AnswerTally online = tallies.getOrDefault(SurveyResponse.Channel.ONLINE, AnswerTally.EMPTY);
            AnswerTally offline = tallies.getOrDefault(SurveyResponse.Channel.OFFLINE, AnswerTally.EMPTY);
            SurveyStatistics.Summary all = SurveyStatistics.merged(mapping, online, offline);
            merged.put(String.valueOf(q.id()), all);
            channels.put(q.id(), new ByChannel(Stats.of(SurveyStatistics.summarize(online, mapping)),
                    Stats.of(SurveyStatistics.summarize(offline, mapping)), Stats.of(all)));
        }
        Map<String, SurveyStatistics.LowItem> low = new HashMap<>();
        SurveyStatistics.itemsBelow(merged, campaign.lowScoreThreshold()).forEach(l -> low.put(l.item(), l));
        List<QuestionResult> questionResults = new ArrayList<>();
        for (SurveyQuestion q : questions) {
            SurveyStatistics.LowItem l = low.get(String.valueOf(q.id()));
            questionResults.add(new QuestionResult(q.id(), q.position(), q.itemCode(), q.textZh(), q.textEn(),
                    channels.get(q.id()), l != null, l != null && l.clearlyBelow()));
        }
        Map<Long, SurveyRepositories.ResponseCount[]> counts = new HashMap<>();
        long online = 0;
        long offline = 0;
        long excluded = 0;
        long flagged = 0;
        for (SurveyRepositories.ResponseCount c : responses.responseCounts(campaign.id(), countCallBackDenialsBackIn)) {
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
        for (SurveyRepositories.PointView p : points) {
            SurveyRepositories.ResponseCount[] pc = counts.getOrDefault(p.id(), new SurveyRepositories.ResponseCount[2]);
            long on = pc[0] == null ? 0 : pc[0].responses();
            long off = pc[1] == null ? 0 : pc[1].responses();
            Map<Long, Stats> perQuestion = new LinkedHashMap<>();
            for (SurveyQuestion q : questions) {
                perQuestion.put(q.id(), Stats.of(SurveyStatistics.summarize(
                        byPoint.getOrDefault(p.id(), Map.of()).getOrDefault(q.id(), AnswerTally.EMPTY), mapping)));
            }
            BigDecimal rate = p.households() == null || p.households() == 0 ? null
                    : BigDecimal.valueOf(on + off).divide(BigDecimal.valueOf(p.households()), 4, RoundingMode.HALF_UP);
            pointResults.add(new PointResult(p.id(), p.locationCode(), p.locationName(), p.households(), on, off,
                    (pc[0] == null ? 0 : pc[0].excluded()) + (pc[1] == null ? 0 : pc[1].excluded()),
                    (pc[0] == null ? 0 : pc[0].flagged()) + (pc[1] == null ? 0 : pc[1].flagged()), rate, perQuestion));
        }
        return new Results(campaign.id(), mapping.preset().name(), campaign.lowScoreThreshold(), online, offline,
                excluded, flagged, questionResults, pointResults);
    }

    /** The same numbers as CSV ({@link CsvExport}: UTF-8 with a BOM, formulas neutralised). */
    public static String csv(Results r) {
        CsvExport csv = new CsvExport();
        csv.row("section", "question", "item_code", "text_zh", "text_en", "point", "channel", "answered", "dont_know",
                "mean", "mean_low", "mean_high", "satisfaction_pct", "satisfaction_low", "satisfaction_high", "score",
                "score_low", "score_high", "below_threshold");
        for (QuestionResult q : r.questions()) {
            row(csv, "question", q, "", "online", q.all().online(), q.belowThreshold());
            row(csv, "question", q, "", "offline", q.all().offline(), q.belowThreshold());
            row(csv, "question", q, "", "merged", q.all().merged(), q.belowThreshold());
        }
        for (PointResult p : r.points()) {
            for (QuestionResult q : r.questions()) {
                row(csv, "point", q, p.locationCode() + " " + p.locationName(), "merged", p.byQuestion().get(q.questionId()), false);
            }
        }
        return csv.text();
    }

    private static void row(CsvExport csv, String section, QuestionResult q, String point, String channel, Stats s,
                            boolean below) {
        csv.row(section, q.position(), q.itemCode(), q.textZh(), q.textEn(), point, channel, s.answered(),
                s.dontKnows(), s.mean(), s.meanLow(), s.meanHigh(), s.satisfactionPercent(), s.satisfactionLow(),
                s.satisfactionHigh(), s.score(), s.scoreLow(), s.scoreHigh(), below);
    }

    private static BigDecimal round(Fraction f, int scale) {
        return f.toBigDecimal(scale + 2).setScale(scale, RoundingMode.HALF_UP);
    }

    private static BigDecimal round(double d, int scale) {
        return BigDecimal.valueOf(d).setScale(scale, RoundingMode.HALF_UP);
    }
}
