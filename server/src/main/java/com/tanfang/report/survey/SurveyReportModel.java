package com.tanfang.report.survey;

import com.tanfang.document.pdf.DocumentFrame;
import com.tanfang.document.pdf.DocumentText;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * Everything the template {@code report/survey.jte} prints, already formatted (numbers as text in one format,
 * times in Beijing time), so the template only lays it out. Every fixed text is a {@code doc.survey.*} key of the
 * server bundles, rendered through {@code t} ({@link DocumentText}); {@code doc} is the shared layout's frame
 * (title, running header, the footer note naming the revision and its SHA-256). Nothing here names a respondent: no response ids, phone numbers
 * or comments.
 */
public record SurveyReportModel(DocumentFrame doc, DocumentText t, Cover cover, Method method, Overall overall, List<ItemLine> items,
                                List<PointLine> points, PointLine pointTotal, @Nullable CallBack callBack,
                                String threshold, List<LowLine> low) {

    public record Cover(String project, String organization, String site, String scheme, String evaluationType,
                        String campaign, String revision, String signedAt, String signedBy, String sha256) {
    }

    /**
     * @param points       survey points with a notice (QR code)
     * @param mapping      the scheme's Likert coefficients in words ("1 = 0, 2 = 0.25 ...")
     * @param weighting    how the overall score weighs items ({@code doc.survey.weighting.*} key)
     * @param callBackRate the campaign's call-back rate in percent, null without a draw
     */
    public record Method(String opensAt, String closesAt, int points, String mapping, String weighting,
                         String threshold, long counted, long excluded, long excludedByDenial,
                         @Nullable String callBackRate, @Nullable String commitment) {
    }

    public record Overall(String score, String interval, long online, long offline, long responses,
                          String households, String responseRate, boolean belowThreshold) {
    }

    /** One question, merged online + face-to-face, with the channels beside. */
    public record ItemLine(int position, String item, String text, long answered, long dontKnows, long notApplicable,
                           String mean, String meanInterval, String satisfaction, String satisfactionInterval,
                           String score, String scoreInterval, boolean belowThreshold, boolean scored,
                           long onlineAnswered, String onlineScore, long offlineAnswered, String offlineScore) {
    }

    public record PointLine(String code, String name, String households, long online, long offline, long total,
                            String responseRate) {
    }

    /**
     * The call-back verification: the active draw's figures and, per question, the score with the denied responses
     * counted back in ("before") and as counted ("after").
     */
    public record CallBack(String rate, int eligible, int sample, int called, int reached, int confirmed, int differs,
                           int denied, int unreachable, int pending, String confirmationRate,
                           String confirmationInterval, String denialRate, String denialInterval,
                           boolean denialAlarm, int excluded, List<EffectLine> effects, String overallBefore,
                           String overallAfter, String overallChange) {
    }

    public record EffectLine(int position, String item, long answeredBefore, String scoreBefore, long answeredAfter,
                             String scoreAfter, String change) {
    }

    /** An item below the campaign's threshold and the team's decision on it (survey review), as of the sign-off. */
    public record LowLine(String item, String text, String score, String interval, long answered,
                          boolean clearlyBelow, @Nullable String decision, @Nullable String decidedAt) {
    }
}
