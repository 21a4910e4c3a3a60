package com.tanfang.demo;

import com.tanfang.access.Caller;
import com.tanfang.account.AppUser;
import com.tanfang.account.AppUserRepository;
import com.tanfang.project.EvaluationProject;
import com.tanfang.project.ProjectRepository;
import com.tanfang.scheme.BuiltInSchemes;
import com.tanfang.schemelibrary.SchemeRepository;
import com.tanfang.schemelibrary.SchemeVersionRepository;
import com.tanfang.schemelibrary.Schemes;
import com.tanfang.site.Location;
import com.tanfang.site.LocationRepository;
import com.tanfang.site.Site;
import com.tanfang.site.SiteRepository;
import com.tanfang.scheme.LikertAnswer;
import com.tanfang.survey.campaign.Campaigns;
import com.tanfang.survey.fraud.FraudRules;
import com.tanfang.survey.fraud.FraudSignals;
import com.tanfang.phone.PhoneCipher;
import com.tanfang.phone.PhoneHash;
import com.tanfang.survey.intake.ResponseStore;
import com.tanfang.survey.campaign.SurveyCampaign;
import com.tanfang.survey.campaign.SurveyPoint;
import com.tanfang.survey.campaign.SurveyQuestion;
import com.tanfang.survey.campaign.SurveyRepositories;
import com.tanfang.survey.campaign.SurveyResponse;
import com.tanfang.verification.CallBackDtos;
import com.tanfang.verification.CallBackPolicy;
import com.tanfang.verification.CallBackRecords;
import com.tanfang.sampling.CallBackSampler;
import com.tanfang.verification.CallBacks;
import com.tanfang.evidence.EvidenceLog;
import com.tanfang.evidence.Subject;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo estate's customer-perception survey: a surveillance project on the built-in property-management
 * scheme, an open campaign with a point per stairwell, and about 300 plausible answers (online, some with phone
 * numbers; face to face by two auditors). Deterministic (fixed random seed) apart from the dates.
 */
@Singleton
public class DemoSurvey {
    private static final int ONLINE = 240;
    private static final int OFFLINE = 60;
    // Mean answer per question position: building upkeep (3rd) is the weak spot the team should see highlighted.
    private static final double[] CENTRE = {4.3, 4.1, 3.2, 4.2, 4.0, 3.9, 4.1};

    private final Schemes schemes;
    private final SchemeRepository schemeRecords;
    private final SchemeVersionRepository versions;
    private final ProjectRepository projects;
    private final SiteRepository sites;
    private final LocationRepository locations;
    private final AppUserRepository users;
    private final SurveyRepositories.Campaigns campaigns;
    private final SurveyRepositories.Questions questions;
    private final SurveyRepositories.Points points;
    private final ResponseStore store;
    private final PhoneCipher cipher;
    private final PhoneHash phoneHash;
    private final CallBacks callBacks;
    private final EvidenceLog evidence;

    private final Clock clock;

    public DemoSurvey(Schemes schemes, SchemeRepository schemeRecords, SchemeVersionRepository versions,
                      ProjectRepository projects, SiteRepository sites, LocationRepository locations,
                      AppUserRepository users, SurveyRepositories.Campaigns campaigns, SurveyRepositories.Questions questions,
                      SurveyRepositories.Points points, ResponseStore store, PhoneCipher cipher, PhoneHash phoneHash,
                      CallBacks callBacks, EvidenceLog evidence, Clock clock) {
        this.clock = clock;
        this.schemes = schemes;
        this.schemeRecords = schemeRecords;
        this.versions = versions;
        this.projects = projects;
        this.sites = sites;
        this.locations = locations;
        this.users = users;
        this.campaigns = campaigns;
        this.questions = questions;
        this.points = points;
        this.store = store;
        this.cipher = cipher;
        this.phoneHash = phoneHash;
        this.callBacks = callBacks;
        this.evidence = evidence;
    }

    /** Loads the survey; returns the current (2026) project, on which DemoVisits adds the visits. */
    @Transactional
    public EvaluationProject load(long organizationId) {
        schemes.loadBuiltIns();
        long schemeId = schemeRecords.findByCode(BuiltInSchemes.PROPERTY).orElseThrow().id();
        long versionId = versions.findLatestPublished(schemeId).orElseThrow().id();
        Site site = sites.listByOrganization(organizationId).get(0);
        AppUser lead = users.findByUsernameIgnoreCase("lead").orElseThrow();
        AppUser auditor = users.findByUsernameIgnoreCase("auditor").orElseThrow();
        EvaluationProject project = projects.save(new EvaluationProject(null, organizationId, site.id(), versionId,
                EvaluationProject.EvaluationType.SURVEILLANCE, "锦绣花园物业服务认证 2026 年度监督评价",
                "Jinxiu Garden property service certification: 2026 surveillance evaluation", lead.id(), 180, null));
        team(project, lead, auditor);

        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        String seed = CallBackSampler.newSeed(new SecureRandom());
        SurveyCampaign campaign = campaigns.save(new SurveyCampaign(null, project.id(), "锦绣花园物业服务顾客满意度调查",
                "Jinxiu Garden property service satisfaction survey",
                "为了解业主对物业服务的真实感受，评价组诚邀您扫码填写问卷，约 2 分钟，匿名作答。",
                "The evaluation team invites residents to answer a 2-minute anonymous survey about the property service.",
                now.minus(Duration.ofDays(7)), now.plus(Duration.ofDays(14)), true, SurveyCampaign.PhoneMode.OPTIONAL,
                false, true, seed, CallBackSampler.commitment(seed), CallBackSampler.DEFAULT_RATE, new BigDecimal("70"), null));
        List<SurveyQuestion> qs = questions(campaign, versionId);
        List<SurveyPoint> pts = points(campaign, site);
        evidence.record(Subject.campaign(campaign.id()), "campaign.created", lead.id(),
                Campaigns.creationDetail(campaign, qs.size(), pts.size()));
        fill(campaign, qs, pts, new Random(2026), now, Duration.ofDays(7), ONLINE, OFFLINE, lead, auditor);
        lastYear(organizationId, site, versionId, lead, auditor, now);
        return project;
    }

    /** The demo team: every demo staff account is on every demo project, so that each role's screens show data. */
    private void team(EvaluationProject project, AppUser lead, AppUser auditor) {
        projects.addMember(project.id(), lead.id());
        projects.addMember(project.id(), auditor.id());
        for (String name : List.of("shopper", "verifier")) {
            users.findByUsernameIgnoreCase(name).ifPresent(u -> projects.addMember(project.id(), u.id()));
        }
    }

    /** The demo account as a caller, for the services that demo data goes through. */
    private static Caller caller(AppUser user) {
        return new Caller(user.id(), user.username(), user.roleSet(), user.organizationId());
    }

    /**
     * Last year's surveillance evaluation: a closed campaign whose call-back sample is drawn, assigned to the demo
     * verifier, and partly worked (confirmations, a differing answer, an unreachable respondent replaced from the
     * reserve, a denial that excludes its response and raises the denial alarm). Phone numbers are kept for two
     * years so that the verifier can still call.
     */
    private void lastYear(long organizationId, Site site, long versionId, AppUser lead, AppUser auditor, Instant now) {
        AppUser verifier = users.findByUsernameIgnoreCase("verifier").orElseThrow();
        EvaluationProject project = projects.save(new EvaluationProject(null, organizationId, site.id(), versionId,
                EvaluationProject.EvaluationType.SURVEILLANCE, "锦绣花园物业服务认证 2025 年度监督评价",
                "Jinxiu Garden property service certification: 2025 surveillance evaluation", lead.id(), 730, null));
        team(project, lead, auditor);
        Instant closes = now.minus(Duration.ofDays(351));
        String seed = CallBackSampler.newSeed(new SecureRandom());
        SurveyCampaign campaign = campaigns.save(new SurveyCampaign(null, project.id(), "锦绣花园物业服务顾客满意度调查（2025）",
                "Jinxiu Garden property service satisfaction survey (2025)", null, null, closes.minus(Duration.ofDays(21)),
                closes, true, SurveyCampaign.PhoneMode.OPTIONAL, false, true, seed, CallBackSampler.commitment(seed),
                CallBackSampler.DEFAULT_RATE, new BigDecimal("70"), null));
        List<SurveyQuestion> qs = questions(campaign, versionId);
        List<SurveyPoint> pts = points(campaign, site);
        evidence.record(Subject.campaign(campaign.id()), "campaign.created", lead.id(),
                Campaigns.creationDetail(campaign, qs.size(), pts.size()));
        fill(campaign, qs, pts, new Random(2025), closes.minus(Duration.ofHours(1)), Duration.ofDays(20), 160, 40, lead, auditor);

        callBacks.draw(campaign.id(), new CallBackDtos.DrawInput(null, null, null, null), caller(lead));
        List<CallBackDtos.ItemView> items = callBacks.overview(campaign.id(), caller(lead)).items();
        for (CallBackDtos.ItemView item : items) {
            callBacks.assign(item.id(), verifier.id(), caller(lead));
        }
        Caller caller = caller(verifier);
        CallBackRecords.Outcome[] script = {CallBackRecords.Outcome.CONFIRMED, CallBackRecords.Outcome.CONFIRMED,
                CallBackRecords.Outcome.DIFFERS, CallBackRecords.Outcome.UNREACHABLE, CallBackRecords.Outcome.CONFIRMED,
                CallBackRecords.Outcome.DENIED, CallBackRecords.Outcome.CONFIRMED};
        for (int i = 0; i < script.length && i < items.size(); i++) {
            CallBackRecords.Outcome o = script[i];
            int tries = o == CallBackRecords.Outcome.UNREACHABLE ? CallBackPolicy.DEFAULTS.attemptsBeforeUnreachable() : 1;
            // A verifier shows the number (logged) before calling, as the server requires.
            callBacks.reveal(items.get(i).id(), caller);
            for (int t = 0; t < tries; t++) {
                callBacks.record(items.get(i).id(), new CallBackDtos.AttemptInput(o,
                        o == CallBackRecords.Outcome.DIFFERS ? qs.get(2).id() : null,
                        o == CallBackRecords.Outcome.DIFFERS ? "记得选的是“一般”" : null, null), caller);
            }
        }
    }

    private List<SurveyQuestion> questions(SurveyCampaign campaign, long versionId) {
        List<SurveyQuestion> qs = new ArrayList<>();
        int position = 0;
        for (var item : Campaigns.surveyItems(schemes.published(versionId, "schemeVersionId"))) {
            qs.add(questions.save(new SurveyQuestion(null, campaign.id(), ++position, item.name(), item.textZh(),
                    item.textEn(), false, item.notApplicableAllowed())));
        }
        return qs;
    }

    private List<SurveyPoint> points(SurveyCampaign campaign, Site site) {
        List<SurveyPoint> pts = new ArrayList<>();
        for (Location l : locations.listBySite(site.id())) {
            if (l.kind() == Location.LocationKind.STAIRWELL) {
                pts.add(points.save(new SurveyPoint(null, campaign.id(), l.id(), demoToken(l.code()), null, null)));
            }
        }
        return pts;
    }

    /** Plausible answers submitted during {@code span} before {@code end}: online (some with a phone) and face to face. */
    private void fill(SurveyCampaign campaign, List<SurveyQuestion> qs, List<SurveyPoint> pts, Random random, Instant end,
                      Duration span, int onlineCount, int offlineCount, AppUser lead, AppUser auditor) {
        Instant now = end;
        int spanMinutes = (int) span.toMinutes();
        FraudSignals fraud = new FraudSignals(FraudRules.DEFAULTS);
        List<FraudSignals.RecentResponse> history = new ArrayList<>();
        for (int i = 0; i < onlineCount + offlineCount; i++) {
            boolean online = i < onlineCount;
            SurveyPoint point = pts.get(random.nextInt(pts.size()));
            Instant submitted = now.minus(Duration.ofMinutes(60 + random.nextInt(spanMinutes - 120)));
            boolean hurried = online && random.nextInt(40) == 0;
            Instant started = submitted.minusSeconds(hurried ? 6 : 45 + random.nextInt(300));
            Map<Long, Integer> answers = new LinkedHashMap<>();
            boolean straight = online && random.nextInt(25) == 0;
            int straightValue = 4 + random.nextInt(2);
            Map<String, LikertAnswer> forSignals = new LinkedHashMap<>();
            for (int q = 0; q < qs.size(); q++) {
                Integer v = straight ? Integer.valueOf(straightValue) : answer(random, CENTRE[q % CENTRE.length], q == 5);
                answers.put(qs.get(q).id(), v);
                forSignals.put(String.valueOf(qs.get(q).id()), v == null ? LikertAnswer.DONT_KNOW : LikertAnswer.likert(v));
            }
            String submissionId = "demo-" + campaign.id() + "-" + i;
            String browser = online ? "demo-browser-" + (random.nextInt(12) == 0 ? 7 : i) : null;
            String ip = "10.20." + random.nextInt(4) + "." + (1 + random.nextInt(250));
            String phone = online && random.nextInt(10) < 6 ? "13" + (800000000L + random.nextInt(199999999)) : null;
            List<FraudSignals.Flag> flags = online ? fraud.check(new FraudSignals.SubmittedResponse(campaign.id(),
                    point.id(), submissionId, browser, ip, "Demo", started, submitted, forSignals), qs.size(), history)
                    : List.of();
            if (online) {
                history.add(new FraudSignals.RecentResponse(submissionId, browser, ip, point.id(), submitted));
            }
            store.store(new SurveyResponse(null, campaign.id(), point.id(),
                    online ? SurveyResponse.Channel.ONLINE : SurveyResponse.Channel.OFFLINE, submissionId, browser,
                    online ? ip : null, online ? "Mozilla/5.0 (Linux; Android 10) MicroMessenger/8.0" : null,
                    online ? started : null, submitted, online && random.nextInt(8) == 0 ? "en" : "zh-CN",
                    phone == null ? null : cipher.encrypt(phone), phone == null ? null : phoneHash.of(phone), null,
                    random.nextInt(9) == 0 ? COMMENTS[random.nextInt(COMMENTS.length)] : null,
                    online ? null : auditor.id(), online ? null : lead.id(), !online, false, null, null, null),
                    answers, flags);
        }
    }

    private static final String[] COMMENTS = {"地下车库墙面有脱落，希望尽快修补。", "保安很负责，晚上巡逻很到位。",
            "垃圾桶旁边经常有散落的垃圾。", "电梯有时候停运没有提前通知。", "物业客服态度很好。", "楼道应急灯有几盏不亮了。"};

    /** A plausible Likert answer around {@code centre}; special services are often "don't know" (null). */
    private static Integer answer(Random random, double centre, boolean oftenUnknown) {
        if (random.nextInt(oftenUnknown ? 4 : 30) == 0) {
            return null;
        }
        long v = Math.round(centre + random.nextGaussian() * 0.85);
        return (int) Math.max(1, Math.min(5, v));
    }

    /** Demo tokens are still unguessable (random), prefixed so a tester sees which stairwell they belong to. */
    private static String demoToken(String code) {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + code.replace("-", "");
    }
}
