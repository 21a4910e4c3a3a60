package com.tanfang.report.survey;

import com.tanfang.access.Caller;
import com.tanfang.document.pdf.DocumentFrame;
import com.tanfang.document.pdf.DocumentText;
import com.tanfang.evaluation.surveyreview.SurveyReviewRecords;
import com.tanfang.evidence.CanonicalJson;
import com.tanfang.message.ConflictException;
import com.tanfang.message.FieldProblem;
import com.tanfang.message.Language;
import com.tanfang.message.Message;
import com.tanfang.project.EvaluationProject;
import com.tanfang.project.Projects;
import com.tanfang.scheme.Scheme;
import com.tanfang.scoring.Fraction;
import com.tanfang.site.OrganizationRepository;
import com.tanfang.site.SiteRepository;
import com.tanfang.survey.campaign.Campaigns;
import com.tanfang.survey.campaign.SurveyCampaign;
import com.tanfang.survey.campaign.SurveyQuestion;
import com.tanfang.survey.campaign.SurveyRepositories;
import com.tanfang.survey.results.SurveyResults;
import com.tanfang.verification.CallBackDtos;
import com.tanfang.verification.CallBacks;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Assembles the survey analysis report of a signed revision (server/docs/survey-report.md): the counted campaign
 * named by the signed snapshot's survey source, its results ({@link SurveyResults}, the very computation of the
 * results screen and the sheet), its call-back report ({@link CallBacks#report}: scores before and after the
 * denials) and the survey-review decisions taken up to the sign-off. Refuses (409) what would not give the same
 * document every time: no campaign, a campaign still open, or campaign figures that no longer agree with the
 * signed snapshot (an exclusion or denial after the sign-off: a new revision must be signed first).
 */
@Singleton
public class SurveyReportAssembler {
    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(BEIJING);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(BEIJING);
    private static final String NONE = "—";

    private final Projects projects;
    private final Campaigns campaigns;
    private final SurveyResults results;
    private final CallBacks callBacks;
    private final SurveyReviewRecords.Decisions decisions;
    private final OrganizationRepository organizations;
    private final SiteRepository sites;
    private final Clock clock;

    public SurveyReportAssembler(Projects projects, Campaigns campaigns, SurveyResults results, CallBacks callBacks,
                                 SurveyReviewRecords.Decisions decisions, OrganizationRepository organizations,
                                 SiteRepository sites, Clock clock) {
        this.projects = projects;
        this.campaigns = campaigns;
        this.results = results;
        this.callBacks = callBacks;
        this.decisions = decisions;
        this.organizations = organizations;
        this.sites = sites;
        this.clock = clock;
    }

    /** The signed revision the report is built from (SignedRevisions' record, as far as the report reads it). */
    public record Signed(long projectId, int number, String sha256, Instant signedAt, @Nullable String signedByName,
                         Map<String, Object> sheet) {
    }

    /** The campaign the snapshot counted, or 409 naming why there is none / it is still open. */
    SurveyCampaign campaign(Signed signed, Caller caller) {
        Object id = map(signed.sheet().get("survey")).get("campaignId");
        if (id == null) {
            throw ConflictException.of("report.survey.no_campaign", signed.number());
        }
        SurveyCampaign c = campaigns.get(number(id), caller);
        if (c.state(clock.instant()) != SurveyCampaign.State.CLOSED) {
            throw ConflictException.of("report.survey.campaign_open", c.titleZh());
        }
        return c;
    }

    /** The report's model; the caller's access to the project is checked before (the lead of the project). */
    public SurveyReportModel model(EvaluationProject project, Signed signed, Language language, Caller caller) {
        SurveyCampaign c = campaign(signed, caller);
        Scheme scheme = projects.scheme(project);
        List<SurveyQuestion> questions = campaigns.questions(c.id());
        List<SurveyRepositories.PointView> points = campaigns.activePoints(c.id());
        SurveyResults.Results r = results.compute(c, questions, points, scheme);
        agreeWithSnapshot(signed, r);
        DocumentText t = DocumentText.of(language);

        Map<String, Object> sheet = signed.sheet();
        String projectTitle = language == Language.EN && text(sheet.get("titleEn")) != null
                ? text(sheet.get("titleEn")) : text(sheet.get("title"));
        String schemeTitle = language == Language.EN ? text(sheet.get("schemeTitleEn")) : text(sheet.get("schemeTitleZh"));
        var org = organizations.findById(project.organizationId()).orElseThrow();
        var site = sites.findById(project.siteId()).orElseThrow();
        String campaignTitle = language == Language.EN && c.titleEn() != null && !c.titleEn().isBlank()
                ? c.titleEn() : c.titleZh();
        SurveyReportModel.Cover cover = new SurveyReportModel.Cover(projectTitle,
                pick(language, org.name(), org.nameEn()), pick(language, site.name(), site.nameEn()),
                schemeTitle + " (" + text(sheet.get("schemeCode")) + ")",
                t.get("doc.survey.type." + project.evaluationType().name()), campaignTitle,
                String.valueOf(signed.number()), DAY.format(signed.signedAt()),
                signed.signedByName() == null ? NONE : signed.signedByName(), signed.sha256());

        // --- call-backs (the active draw, if any)
        CallBackDtos.Overview overview = callBacks.overview(c.id(), caller);
        CallBackDtos.Report cb = overview.draw() == null ? null : callBacks.report(c.id(), caller);
        long excludedByDenial = cb == null ? 0 : cb.excluded().size();

        String threshold = plain(c.lowScoreThreshold());
        SurveyReportModel.Method method = new SurveyReportModel.Method(MINUTE.format(c.opensAt()),
                MINUTE.format(c.closesAt()), points.size(), mapping(scheme), t.get("doc.survey.weighting."
                + r.overall().weighting().name()), threshold, r.online() + r.offline(), r.excluded(),
                excludedByDenial, cb == null ? null : percentOf(cb.draw().rate()),
                cb == null ? null : cb.draw().commitment());

        SurveyResults.OverallScore o = r.overall();
        SurveyReportModel.Overall overall = new SurveyReportModel.Overall(two(o.score()),
                interval(o.scoreLow(), o.scoreHigh()), r.online(), r.offline(), r.online() + r.offline(),
                r.households() == null ? NONE : String.valueOf(r.households()), percent(r.responseRatePercent()),
                o.belowThreshold());

        List<SurveyReportModel.ItemLine> items = new ArrayList<>();
        for (SurveyResults.QuestionResult q : r.questions()) {
            SurveyResults.Stats m = q.all().merged();
            items.add(new SurveyReportModel.ItemLine(q.position(), q.itemCode() == null ? NONE : q.itemCode(),
                    language == Language.EN ? q.textEn() : q.textZh(), m.answered(), m.dontKnows(), m.notApplicable(),
                    mean(m.mean()), meanInterval(m.meanLow(), m.meanHigh()), two(m.satisfactionPercent()),
                    interval(m.satisfactionLow(), m.satisfactionHigh()), two(m.score()),
                    interval(m.scoreLow(), m.scoreHigh()), q.belowThreshold(), q.scored(),
                    q.all().online().answered(), two(q.all().online().score()), q.all().offline().answered(),
                    two(q.all().offline().score())));
        }

        List<SurveyReportModel.PointLine> pointLines = new ArrayList<>();
        for (SurveyResults.PointResult p : r.points()) {
            pointLines.add(new SurveyReportModel.PointLine(p.locationCode(), p.locationName(),
                    p.households() == null ? NONE : String.valueOf(p.households()), p.online(), p.offline(),
                    p.online() + p.offline(), percent(p.responseRatePercent())));
        }
        SurveyReportModel.PointLine total = new SurveyReportModel.PointLine("", t.get("doc.survey.points.total"),
                r.households() == null ? NONE : String.valueOf(r.households()), r.online(), r.offline(),
                r.online() + r.offline(), percent(r.responseRatePercent()));

        SurveyReportModel.CallBack callBack = cb == null ? null : callBack(cb, language);

        List<SurveyReportModel.LowLine> low = low(signed, c, language);
        DocumentFrame frame = new DocumentFrame(t.get("doc.survey.title"), t.get("doc.survey.running_header", projectTitle),
                language, t.get("doc.survey.footer", signed.number(), signed.sha256()));
        return new SurveyReportModel(frame, t, cover, method, overall, items,
                pointLines, total, callBack, threshold, low);
    }

    /**
     * The live figures of every survey item must be those the snapshot signed: the report may not contradict the
     * signed result, and the same revision must always give the same document.
     */
    static void agreeWithSnapshot(Signed signed, SurveyResults.Results r) {
        Map<Long, SurveyResults.Stats> live = new HashMap<>();
        r.questions().forEach(q -> live.put(q.questionId(), q.all().merged()));
        List<FieldProblem> differ = new ArrayList<>();
        for (Object o : list(signed.sheet().get("items"))) {
            Map<String, Object> row = map(o);
            Map<String, Object> s = map(row.get("survey"));
            if (s.isEmpty()) {
                continue;
            }
            SurveyResults.Stats now = live.get(number(s.get("questionId")));
            String signedCoefficient = text(s.get("coefficient"));
            String liveCoefficient = now == null || now.exactScore() == null ? null
                    : Fraction.parse(now.exactScore()).divide(Fraction.HUNDRED).toString();
            boolean same = now != null && number(s.get("answered")) == now.answered()
                    && number(s.get("dontKnows")) == now.dontKnows()
                    && number(s.get("notApplicable")) == now.notApplicable()
                    && (signedCoefficient == null ? liveCoefficient == null
                    : liveCoefficient != null && Fraction.parse(signedCoefficient).equals(Fraction.parse(liveCoefficient)));
            if (!same) {
                differ.add(new FieldProblem("items", Message.of("report.survey.item_changed", text(row.get("name")))));
            }
        }
        Object responses = map(signed.sheet().get("survey")).get("responses");
        if (responses != null && number(responses) != r.online() + r.offline()) {
            differ.add(new FieldProblem("survey", Message.of("report.survey.responses_changed", number(responses),
                    r.online() + r.offline())));
        }
        if (!differ.isEmpty()) {
            throw new ConflictException(Message.of("report.survey.changed_since_sign_off", signed.number()), differ);
        }
    }

    private SurveyReportModel.CallBack callBack(CallBackDtos.Report cb, Language language) {
        CallBackDtos.Progress g = cb.progress();
        List<SurveyReportModel.EffectLine> effects = new ArrayList<>();
        for (int i = 0; i < cb.resultsAfter().questions().size(); i++) {
            SurveyResults.QuestionResult before = cb.resultsBefore().questions().get(i);
            SurveyResults.QuestionResult after = cb.resultsAfter().questions().get(i);
            effects.add(new SurveyReportModel.EffectLine(after.position(),
                    after.itemCode() == null ? NONE : after.itemCode(), before.all().merged().answered(),
                    two(before.all().merged().score()), after.all().merged().answered(),
                    two(after.all().merged().score()),
                    change(before.all().merged().exactScore(), after.all().merged().exactScore())));
        }
        return new SurveyReportModel.CallBack(percentOf(cb.draw().rate()), cb.draw().eligible(), cb.draw().sampleSize(),
                g.called(), g.confirmed() + g.differs() + g.denied(), g.confirmed(), g.differs(), g.denied(),
                g.unreachable(), g.pending(), g.confirmationRate() == null ? NONE : two(g.confirmationRate().percent()),
                g.confirmationRate() == null ? "" : interval(g.confirmationRate().low(), g.confirmationRate().high()),
                g.denialRate() == null ? NONE : two(g.denialRate().percent()),
                g.denialRate() == null ? "" : interval(g.denialRate().low(), g.denialRate().high()), g.denialAlarm(),
                cb.excluded().size(), effects, two(cb.resultsBefore().overall().score()),
                two(cb.resultsAfter().overall().score()),
                change(cb.resultsBefore().overall().exactScore(), cb.resultsAfter().overall().exactScore()));
    }

    /**
     * The items the signed snapshot holds below the campaign's threshold (the survey review's rule) with the team's
     * current decision as of the sign-off: decisions recorded later belong to a later revision. The decision's
     * note stays out (a staff comment, not part of the released result); the decision itself is printed.
     */
    private List<SurveyReportModel.LowLine> low(Signed signed, SurveyCampaign c, Language language) {
        DocumentText t = DocumentText.of(language);
        Map<String, SurveyReviewRecords.DecisionView> current = new LinkedHashMap<>();
        for (SurveyReviewRecords.DecisionView d : decisions.ofProject(signed.projectId())) { // newest first
            if (d.campaignId() == c.id() && !d.decidedAt().isAfter(signed.signedAt())) {
                current.putIfAbsent(d.itemCode(), d);
            }
        }
        record Low(Fraction score, SurveyReportModel.LowLine line) {
        }
        List<Low> out = new ArrayList<>();
        for (Object o : list(signed.sheet().get("items"))) {
            Map<String, Object> row = map(o);
            Map<String, Object> s = map(row.get("survey"));
            String coefficient = text(s.get("coefficient"));
            if (coefficient == null) {
                continue;
            }
            Fraction score = Fraction.parse(coefficient).multiply(Fraction.HUNDRED);
            if (score.compareTo(c.lowScoreThreshold()) >= 0) {
                continue;
            }
            String name = text(row.get("name"));
            BigDecimal high = decimal(s.get("scoreHigh"));
            SurveyReviewRecords.DecisionView d = current.get(name);
            out.add(new Low(score, new SurveyReportModel.LowLine(name,
                    text(row.get(language == Language.EN ? "textEn" : "textZh")), two(decimal(s.get("score"))),
                    interval(decimal(s.get("scoreLow")), high), number(s.get("answered")),
                    high != null && high.compareTo(c.lowScoreThreshold()) < 0,
                    d == null ? null : t.get("doc.survey.decision." + d.decision().name()),
                    d == null ? null : DAY.format(d.decidedAt()))));
        }
        out.sort(Comparator.comparing(Low::score).thenComparing(l -> l.line().item()));
        return out.stream().map(Low::line).collect(Collectors.toList());
    }

    /** The Likert mapping in words: "1 = 0, 2 = 0.25, …" (no arrow: the embedded font subset has no U+2192). */
    private static String mapping(Scheme scheme) {
        List<String> parts = new ArrayList<>();
        for (int a = 1; a <= 5; a++) {
            parts.add(a + " = " + plain(scheme.likert().coefficient(a)));
        }
        return String.join(", ", parts);
    }

    // ---- formatting: one format in both languages (2 decimals for scores and percentages, as the API and the
    // signed snapshot hold them; means 2 decimals as the results page shows them)

    static String two(@Nullable BigDecimal v) {
        return v == null ? NONE : v.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    static String mean(@Nullable BigDecimal v) {
        return two(v);
    }

    static String percent(@Nullable BigDecimal v) {
        return v == null ? NONE : two(v) + "%";
    }

    static String interval(@Nullable BigDecimal low, @Nullable BigDecimal high) {
        return low == null || high == null ? "" : two(low) + "–" + two(high);
    }

    static String meanInterval(@Nullable BigDecimal low, @Nullable BigDecimal high) {
        return interval(low, high);
    }

    /** A rate given as a fraction (0.1) as a percentage ("10%"). */
    static String percentOf(BigDecimal fraction) {
        return plain(fraction.multiply(BigDecimal.valueOf(100))) + "%";
    }

    static String plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    /** After − before of two exact scores, 2 decimals with its sign; "0.00" when nothing moved. */
    static String change(@Nullable String before, @Nullable String after) {
        if (before == null || after == null) {
            return NONE;
        }
        BigDecimal d = Fraction.parse(after).subtract(Fraction.parse(before)).toBigDecimal(6)
                .setScale(2, RoundingMode.HALF_UP);
        return d.signum() > 0 ? "+" + d.toPlainString() : d.toPlainString();
    }

    private static String pick(Language language, String zh, @Nullable String en) {
        return language == Language.EN && en != null && !en.isBlank() ? en : zh;
    }

    // ---- reading the parsed snapshot (CanonicalJson: BigInteger, CanonicalJson.Decimal, String, Boolean, maps, lists)

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    static String text(Object o) {
        if (o instanceof String s) {
            return s;
        }
        if (o instanceof CanonicalJson.Decimal d) {
            return d.text();
        }
        if (o instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (o instanceof BigInteger || o instanceof Number) {
            return o.toString();
        }
        return null;
    }

    static long number(Object o) {
        if (o instanceof Number n) {
            return n.longValue();
        }
        String s = text(o);
        return s == null ? 0 : new BigDecimal(s).longValueExact();
    }

    static BigDecimal decimal(Object o) {
        String s = text(o);
        return s == null ? null : new BigDecimal(s);
    }
}
