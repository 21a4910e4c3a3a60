package com.tanfang.survey.campaign;

import com.tanfang.message.InvalidException;
import com.tanfang.message.NotFoundException;

import com.tanfang.evidence.EvidenceLog;
import com.tanfang.evidence.Subject;
import com.tanfang.project.EvaluationProject;
import com.tanfang.project.Projects;
import com.tanfang.scheme.AnswerType;
import com.tanfang.scheme.Item;
import com.tanfang.scheme.Method;
import com.tanfang.scheme.Scheme;
import com.tanfang.site.Location;
import com.tanfang.site.Sites;
import com.tanfang.sampling.CallBackSampler;
import com.tanfang.access.Access;
import com.tanfang.access.Caller;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Survey campaigns: the questionnaire from the scheme, a survey point per stairwell, and their tokens. */
@Singleton
public class Campaigns {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SurveyRepositories.Campaigns campaigns;
    private final SurveyRepositories.Questions questions;
    private final SurveyRepositories.Points points;
    private final EvidenceLog evidence;
    private final Projects projects;
    private final Sites sites;
    private final Access access;

    public Campaigns(SurveyRepositories.Campaigns campaigns, SurveyRepositories.Questions questions,
                     SurveyRepositories.Points points, EvidenceLog evidence, Projects projects, Sites sites,
                     Access access) {
        this.access = access;
        this.campaigns = campaigns;
        this.questions = questions;
        this.points = points;
        this.evidence = evidence;
        this.projects = projects;
        this.sites = sites;
    }

    /** The campaign if the caller may see its project (see {@link Access}); 404 otherwise. */
    public SurveyCampaign get(long id, Caller caller) {
        access.campaign(caller, id);
        return campaigns.findById(id).orElseThrow(() -> NotFoundException.of("not_found.campaign", id));
    }

    public List<SurveyCampaign> list(long projectId, Caller caller) {
        projects.get(projectId, caller);
        return campaigns.listByProject(projectId);
    }

    /** The scheme's customer-survey Likert items, in scheme order. */
    public static List<Item> surveyItems(Scheme scheme) {
        return scheme.items().filter(i -> i.methods().contains(Method.CUSTOMER_SURVEY)
                && i.answerType() == AnswerType.LIKERT_5).toList();
    }

    @Transactional
    public SurveyCampaign create(long projectId, CampaignDtos.CampaignInput in, Caller caller) {
        EvaluationProject project = projects.get(projectId, caller);
        if (!in.closesAt().isAfter(in.opensAt())) {
            throw InvalidException.field("closesAt", "campaign.closes_before_opens");
        }
        if (Duration.between(in.opensAt(), in.closesAt()).toDays() > 366) {
            throw InvalidException.field("closesAt", "campaign.too_long");
        }
        Scheme scheme = projects.scheme(project);
        List<Item> items = surveyItems(scheme);
        if (in.itemCodes() != null) {
            for (int i = 0; i < in.itemCodes().size(); i++) {
                String code = in.itemCodes().get(i);
                if (items.stream().noneMatch(it -> it.name().equals(code))) {
                    throw InvalidException.field("itemCodes[" + i + "]", "campaign.not_a_survey_item");
                }
            }
            items = items.stream().filter(it -> in.itemCodes().contains(it.name())).toList();
        }
        boolean overall = Boolean.TRUE.equals(in.overallQuestion());
        if (items.isEmpty() && !overall) {
            throw InvalidException.field("itemCodes", "campaign.questionnaire_empty");
        }
        List<Location> siteLocations = sites.locations(project.organizationId(), project.siteId(), caller);
        List<Location> chosen = chooseLocations(siteLocations, in.locationIds());
        String seed = CallBackSampler.newSeed(RANDOM);
        SurveyCampaign saved = campaigns.save(new SurveyCampaign(null, projectId, in.titleZh().trim(), trim(in.titleEn()),
                trim(in.introZh()), trim(in.introEn()), in.opensAt(), in.closesAt(), in.english() == null || in.english(),
                in.phoneMode() == null ? SurveyCampaign.PhoneMode.OPTIONAL : in.phoneMode(),
                overall, in.commentAllowed() == null || in.commentAllowed(), seed, CallBackSampler.commitment(seed),
                in.callbackRate() == null ? CallBackSampler.DEFAULT_RATE : in.callbackRate(),
                in.lowScoreThreshold() == null ? SurveyCampaign.DEFAULT_LOW_SCORE : in.lowScoreThreshold(), null));
        int position = 0;
        for (Item item : items) {
            questions.save(new SurveyQuestion(null, saved.id(), ++position, item.name(), item.textZh(), item.textEn(), false,
                    item.notApplicableAllowed()));
        }
        if (overall) {
            questions.save(new SurveyQuestion(null, saved.id(), ++position, null, "总体而言，您对本次服务的满意程度如何？",
                    "Overall, how satisfied are you with the service?", true));
        }
        for (Location l : chosen) {
            points.save(new SurveyPoint(null, saved.id(), l.id(), newToken(), null, null));
        }
        evidence.record(Subject.campaign(saved.id()), "campaign.created", caller.userId(),
                creationDetail(saved, position, chosen.size()));
        return saved;
    }

    /** What the evidence log keeps of a new campaign: above all the commitment to its call-back seed. */
    public static Map<String, Object> creationDetail(SurveyCampaign c, int questions, int points) {
        return Map.of("projectId", c.projectId(), "callbackSeedSha256", c.callbackSeedSha256(),
                "callbackRate", c.callbackRate().toPlainString(), "opensAt", c.opensAt(), "closesAt", c.closesAt(),
                "questions", questions, "points", points);
    }

    private static List<Location> chooseLocations(List<Location> siteLocations, List<Long> ids) {
        if (ids == null) {
            List<Location> defaults = siteLocations.stream().filter(l -> l.kind() == Location.LocationKind.STAIRWELL
                    || l.kind() == Location.LocationKind.COUNTER).toList();
            if (defaults.isEmpty()) {
                throw InvalidException.field("locationIds", "campaign.no_default_locations");
            }
            return defaults;
        }
        if (ids.isEmpty()) {
            throw InvalidException.field("locationIds", "campaign.locations_empty");
        }
        List<Location> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i);
            int index = i;
            out.add(siteLocations.stream().filter(l -> l.id() == id).findFirst().orElseThrow(() ->
                    InvalidException.field("locationIds[" + index + "]", "campaign.location_not_in_site")));
        }
        if (Set.copyOf(ids).size() != ids.size()) {
            throw InvalidException.field("locationIds", "campaign.locations_repeat");
        }
        return out;
    }

    /** Withdraws a point's token (a torn or photographed notice) and gives the point a new one. */
    @Transactional
    public SurveyPoint replaceToken(long campaignId, long pointId, Caller caller) {
        get(campaignId, caller);
        SurveyPoint old = points.findById(pointId).filter(p -> p.campaignId() == campaignId && p.revokedAt() == null)
                .orElseThrow(() -> NotFoundException.of("not_found.survey_point", pointId));
        points.revoke(old.id());
        SurveyPoint fresh = points.save(new SurveyPoint(null, campaignId, old.locationId(), newToken(), null, null));
        evidence.record(Subject.surveyPoint(old.id()), "point.token.replaced", caller.userId(), Map.of("campaignId", campaignId,
                "locationId", old.locationId(), "replacedBy", fresh.id()));
        return fresh;
    }

    public SurveyPoint activePoint(long campaignId, long pointId, Caller caller) {
        get(campaignId, caller);
        return points.findById(pointId).filter(p -> p.campaignId() == campaignId && p.revokedAt() == null)
                .orElseThrow(() -> NotFoundException.of("not_found.survey_point", pointId));
    }

    public List<SurveyRepositories.PointView> activePoints(long campaignId) {
        return points.activeViews(campaignId);
    }

    public List<SurveyQuestion> questions(long campaignId) {
        return questions.listByCampaign(campaignId);
    }

    /** 128 random bits, URL-safe: unguessable, and short enough to type from a notice. */
    static String newToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
