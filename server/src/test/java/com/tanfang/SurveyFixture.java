package com.tanfang;

import com.tanfang.survey.campaign.CampaignDtos;
import com.tanfang.survey.campaign.SurveyQuestion;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Creates a project and campaign on the demo estate through the real API, for survey tests. */
public final class SurveyFixture {
    public final TestApi api;
    public final String lead;
    public final long projectId;
    public final long campaignId;
    public final List<SurveyQuestion> questions;
    public final List<CampaignDtos.PointView> points;
    public final Instant closesAt;

    private SurveyFixture(TestApi api, String lead, long projectId, CampaignDtos.CampaignView campaign) {
        this.api = api;
        this.lead = lead;
        this.projectId = projectId;
        this.campaignId = campaign.id();
        this.questions = campaign.questions();
        this.points = campaign.points();
        this.closesAt = campaign.closesAt();
    }

    /** A fresh project on the demo estate with one campaign open from {@code opensIn} for {@code length}. */
    public static SurveyFixture create(TestApi api, Duration opensIn, Duration length, Map<String, Object> extra) {
        return create(api, opensIn, length, extra, null);
    }

    /** As {@link #create(TestApi, Duration, Duration, Map)} on scheme version {@code schemeVersionId} (null: property management). */
    public static SurveyFixture create(TestApi api, Duration opensIn, Duration length, Map<String, Object> extra,
                                       Long schemeVersionId) {
        String lead = api.demo("lead");
        Map<String, Object> org = api.get("/api/v1/organizations", lead).list().stream()
                .filter(o -> "锦绣花园物业服务有限公司".equals(o.get("name"))).findFirst().orElseThrow();
        long orgId = ((Number) org.get("id")).longValue();
        long siteId = ((Number) api.get("/api/v1/organizations/" + orgId + "/sites", lead).list().get(0).get("id")).longValue();
        long versionId = schemeVersionId != null ? schemeVersionId : propertySchemeVersion(api, lead);
        TestApi.Res project = api.post("/api/v1/projects", lead, Map.of("organizationId", orgId, "siteId", siteId,
                "schemeVersionId", versionId, "evaluationType", "SURVEILLANCE", "title", "Test project " + System.nanoTime()));
        if (project.status() != 201) {
            throw new AssertionError(project.raw());
        }
        @SuppressWarnings("unchecked")
        long projectId = ((Number) ((Map<String, Object>) project.map().get("project")).get("id")).longValue();
        // The demo auditor and verifier work on the team; staff off a project's team cannot reach it.
        for (String member : List.of("auditor", "verifier")) {
            addMember(api, lead, projectId, api.demo(member));
        }
        Instant opens = Instant.now().plus(opensIn);
        Map<String, Object> body = new HashMap<>(Map.of("titleZh", "测试调查", "titleEn", "Test survey",
                "opensAt", opens.toString(), "closesAt", opens.plus(length).toString()));
        body.putAll(extra);
        CampaignDtos.CampaignView campaign = api.create("/api/v1/projects/" + projectId + "/campaigns", lead, body,
                CampaignDtos.CampaignView.class);
        return new SurveyFixture(api, lead, projectId, campaign);
    }

    /** Adds the user of {@code memberToken} to the project's team, as the project's lead (or an ADMIN). */
    public static void addMember(TestApi api, String managerToken, long projectId, String memberToken) {
        long userId = ((Number) api.get("/api/v1/me", memberToken).map().get("id")).longValue();
        TestApi.Res r = api.post("/api/v1/projects/" + projectId + "/members", managerToken, Map.of("userId", userId));
        if (r.status() != 200) {
            throw new AssertionError("add member " + userId + " -> " + r.status() + " " + r.raw());
        }
    }

    /** Adds the user of {@code memberToken} to this fixture's team. */
    public void addMember(String memberToken) {
        addMember(api, lead, projectId, memberToken);
    }

    /** A campaign that opened a minute ago and stays open for a day. */
    public static SurveyFixture openNow(TestApi api) {
        return create(api, Duration.ofMinutes(-1), Duration.ofDays(1), Map.of());
    }

    @SuppressWarnings("unchecked")
    public static long propertySchemeVersion(TestApi api, String token) {
        Map<String, Object> scheme = api.get("/api/v1/schemes", token).list().stream()
                .filter(s -> "property-management".equals(s.get("code"))).findFirst().orElseThrow();
        Map<String, Object> full = api.get("/api/v1/schemes/" + scheme.get("id"), token).map();
        List<Map<String, Object>> versions = (List<Map<String, Object>>) full.get("versions");
        return versions.stream().filter(v -> "PUBLISHED".equals(v.get("status")))
                .map(v -> ((Number) v.get("id")).longValue()).findFirst().orElseThrow();
    }

    public String token(int point) {
        String url = points.get(point).url();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    public long pointId(int point) {
        return points.get(point).id();
    }

    /** Every question answered with {@code value}. */
    public Map<String, Integer> answers(int value) {
        Map<String, Integer> out = new HashMap<>();
        for (SurveyQuestion q : questions) {
            out.put(String.valueOf(q.id()), value);
        }
        return out;
    }

    public String questionId(int index) {
        return String.valueOf(questions.get(index).id());
    }

    public Map<String, Object> results() {
        return api.get("/api/v1/campaigns/" + campaignId + "/results", lead).map();
    }

    public long online() {
        return ((Number) results().get("online")).longValue();
    }

    /** One online response answering every question with {@code value}, with a phone number when given; its id. */
    public long submitOnline(int point, int value, String phone) {
        Map<String, Object> b = new HashMap<>();
        b.put("submissionId", UUID.randomUUID().toString());
        b.put("answers", answers(value));
        if (phone != null) {
            b.put("phone", phone);
            b.put("phoneConsent", true);
        }
        TestApi.Res r = api.post("/api/v1/public/surveys/" + token(point) + "/responses", null, b);
        if (r.status() != 201) {
            throw new AssertionError(r.raw());
        }
        return ((Number) r.map().get("responseId")).longValue();
    }

    /** Moves the server's clock just past the campaign's closing time, so its call-backs can be drawn. */
    public void closeNow(MutableClock clock) {
        clock.advance(Duration.between(clock.instant(), closesAt).plusSeconds(1));
    }

    /** Moves the server's clock to {@code days} days after the campaign closed (e.g. beyond the phone retention). */
    public void closedDaysAgo(MutableClock clock, int days) {
        clock.advance(Duration.between(clock.instant(), closesAt.plus(Duration.ofDays(days))));
    }
}
