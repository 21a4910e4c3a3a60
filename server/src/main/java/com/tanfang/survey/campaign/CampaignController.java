package com.tanfang.survey.campaign;

import com.tanfang.message.NotFoundException;
import com.tanfang.document.QrCodes;
import com.tanfang.survey.notice.SurveyNotice;
import com.tanfang.survey.notice.SurveyNoticePdf;

import com.tanfang.access.Role;
import com.tanfang.project.EvaluationProject;
import com.tanfang.project.Projects;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import com.tanfang.access.Caller;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Survey campaigns for the audit team: create, points, QR codes and notices. */
@Controller("/api/v1")
@Tag(name = "surveys")
public class CampaignController {
    private static final ZoneId SITE_ZONE = ZoneId.of("Asia/Shanghai");
    private final Campaigns campaigns;
    private final Projects projects;
    private final PublicLinks links;
    private final String certificationBody;

    private final Clock clock;

    public CampaignController(Campaigns campaigns, Projects projects, PublicLinks links,
                              @Value("${tanfang.certification-body:探访认证评价中心 Tanfang Certification Centre}") String certificationBody, Clock clock) {
        this.clock = clock;
        this.campaigns = campaigns;
        this.projects = projects;
        this.links = links;
        this.certificationBody = certificationBody;
    }

    @Get("/projects/{projectId}/campaigns")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
    public List<CampaignDtos.CampaignView> list(long projectId, Caller caller, HttpRequest<?> request) {
        return campaigns.list(projectId, caller).stream().map(c -> view(c, request)).toList();
    }

    @Post("/projects/{projectId}/campaigns")
    @Secured({Role.ADMIN_, Role.LEAD_})
    public HttpResponse<CampaignDtos.CampaignView> create(long projectId, @Body @Valid CampaignDtos.CampaignInput in,
                                                          Caller caller, HttpRequest<?> request) {
        return HttpResponse.created(view(campaigns.create(projectId, in, caller), request));
    }

    @Get("/campaigns/{campaignId}")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
    public CampaignDtos.CampaignView get(long campaignId, Caller caller, HttpRequest<?> request) {
        return view(campaigns.get(campaignId, caller), request);
    }

    /** Withdraws the point's link and returns the point with its new one; the old notice stops working. */
    @Post("/campaigns/{campaignId}/points/{pointId}/token")
    @Secured({Role.ADMIN_, Role.LEAD_})
    public CampaignDtos.PointView replaceToken(long campaignId, long pointId, Caller caller, HttpRequest<?> request) {
        SurveyPoint fresh = campaigns.replaceToken(campaignId, pointId, caller);
        return points(campaignId, request).stream().filter(p -> p.id() == fresh.id()).findFirst().orElseThrow();
    }

    @Get(value = "/campaigns/{campaignId}/points/{pointId}/qr.png", produces = MediaType.IMAGE_PNG)
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
    public byte[] qrPng(long campaignId, long pointId, @Nullable @QueryValue @Min(120) @Max(2000) Integer size,
                        Caller caller, HttpRequest<?> request) {
        SurveyPoint p = campaigns.activePoint(campaignId, pointId, caller);
        return QrCodes.png(links.survey(request, p.token()), size == null ? 480 : size);
    }

    @Get(value = "/campaigns/{campaignId}/points/{pointId}/qr.svg", produces = "image/svg+xml")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
    public String qrSvg(long campaignId, long pointId, Caller caller, HttpRequest<?> request) {
        return QrCodes.svg(links.survey(request, campaigns.activePoint(campaignId, pointId, caller).token()));
    }

    @Get(value = "/campaigns/{campaignId}/points/{pointId}/notice.pdf", produces = "application/pdf")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
    public HttpResponse<byte[]> notice(long campaignId, long pointId, Caller caller, HttpRequest<?> request) {
        SurveyCampaign c = campaigns.get(campaignId, caller);
        CampaignDtos.PointView point = points(campaignId, request).stream().filter(p -> p.id() == pointId).findFirst()
                .orElseThrow(() -> NotFoundException.of("not_found.survey_point", pointId));
        return pdf(SurveyNoticePdf.render(notice(c, List.of(point))), "notice-" + point.locationCode() + ".pdf");
    }

    @Get(value = "/campaigns/{campaignId}/notices.pdf", produces = "application/pdf")
    @Secured({Role.ADMIN_, Role.LEAD_, Role.AUDITOR_})
    public HttpResponse<byte[]> notices(long campaignId, Caller caller, HttpRequest<?> request) {
        SurveyCampaign c = campaigns.get(campaignId, caller);
        return pdf(SurveyNoticePdf.render(notice(c, points(campaignId, request))), "notices-" + campaignId + ".pdf");
    }

    private CampaignDtos.CampaignView view(SurveyCampaign c, HttpRequest<?> request) {
        return new CampaignDtos.CampaignView(c.id(), c.projectId(), c.titleZh(), c.titleEn(), c.introZh(), c.introEn(),
                c.opensAt(), c.closesAt(), c.state(clock.instant()), c.english(), c.phoneMode(), c.commentAllowed(),
                c.callbackSeedSha256(), c.callbackRate(), c.lowScoreThreshold(), campaigns.questions(c.id()),
                points(c.id(), request));
    }

    private List<CampaignDtos.PointView> points(long campaignId, HttpRequest<?> request) {
        return campaigns.activePoints(campaignId).stream().map(p -> new CampaignDtos.PointView(p.id(), p.locationId(),
                p.locationCode(), p.locationName(), p.households(), links.survey(request, p.token()))).toList();
    }

    private SurveyNotice notice(SurveyCampaign c, List<CampaignDtos.PointView> points) {
        // "Anonymous" only when no phone number is asked: a survey that asks for one is not anonymous.
        boolean phoneAsked = c.phoneMode() != SurveyCampaign.PhoneMode.OFF;
        String bodyZh = c.introZh() != null ? c.introZh()
                : "为了解您对服务的真实感受，评价组诚邀您用手机扫描下方二维码，" + (phoneAsked ? "" : "匿名")
                + "填写一份简短问卷（约 2 分钟）。";
        String bodyEn = c.introEn() != null ? c.introEn()
                : "The evaluation team invites you to scan the QR code below and answer a short "
                + (phoneAsked ? "" : "anonymous ") + "survey (about 2 minutes).";
        return new SurveyNotice(c.titleZh(), c.titleEn() == null ? c.titleZh() : c.titleEn(), bodyZh, bodyEn,
                LocalDateTime.ofInstant(c.closesAt(), SITE_ZONE),
                c.english() && c.titleEn() != null ? SurveyNotice.Languages.ZH_EN : SurveyNotice.Languages.ZH,
                certificationBody, points.stream().map(p -> new SurveyNotice.Point(p.locationName(), p.url())).toList(),
                phoneAsked);
    }

    private static HttpResponse<byte[]> pdf(byte[] bytes, String name) {
        return HttpResponse.ok(bytes).contentType("application/pdf")
                .header("Content-Disposition", "inline; filename=\"" + name + "\"");
    }
}
