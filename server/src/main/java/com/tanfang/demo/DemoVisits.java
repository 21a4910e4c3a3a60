package com.tanfang.demo;

import com.tanfang.access.Caller;
import com.tanfang.account.AppUser;
import com.tanfang.account.AppUserRepository;
import com.tanfang.project.EvaluationProject;
import com.tanfang.project.ProjectRepository;
import com.tanfang.scheme.BuiltInSchemes;
import com.tanfang.schemelibrary.SchemeRepository;
import com.tanfang.schemelibrary.SchemeVersionRepository;
import com.tanfang.site.Location;
import com.tanfang.site.LocationRepository;
import com.tanfang.site.Organization;
import com.tanfang.site.OrganizationRepository;
import com.tanfang.site.Site;
import com.tanfang.site.SiteRepository;
import com.tanfang.visit.EvidenceRequirement;
import com.tanfang.visit.Position;
import com.tanfang.visit.VisitMode;
import com.tanfang.visit.capture.CaptureDtos;
import com.tanfang.visit.capture.VisitCapture;
import com.tanfang.visit.planning.PlanningDtos;
import com.tanfang.visit.planning.VisitPlanning;
import com.tanfang.visit.review.ReviewDtos;
import com.tanfang.visit.review.VisitReview;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The demo visits (issue 10): on the estate's 2026 project a covert visit to the service centre waiting for the
 * demo shopper today, and open inspections of stairwells and grounds by two auditors in the later states
 * (submitted with photos, returned with comments, approved); on a small demo bus line a covert ride for the
 * shopper. Everything goes through the visit services as the demo lead and raters, so the evidence log holds
 * every step in the demo's transaction, exactly as if the team had done it by hand.
 */
@Singleton
public class DemoVisits {
    public static final String BUS_ORGANIZATION_NAME = "星城公交集团有限公司";
    public static final String BUS_LINE_NAME = "12 路公交线路";
    static final String SECOND_AUDITOR = "auditor2";
    // The estate's coordinates (DemoData), WGS-84: check-ins a few dozen metres away, like a real phone.
    private static final double LAT = 30.2741;
    private static final double LON = 120.1551;

    private final VisitPlanning planning;
    private final VisitCapture capture;
    private final VisitReview review;
    private final ProjectRepository projects;
    private final SchemeRepository schemeRecords;
    private final SchemeVersionRepository versions;
    private final OrganizationRepository organizations;
    private final SiteRepository sites;
    private final LocationRepository locations;
    private final AppUserRepository users;
    private final Clock clock;

    public DemoVisits(VisitPlanning planning, VisitCapture capture, VisitReview review, ProjectRepository projects,
                      SchemeRepository schemeRecords, SchemeVersionRepository versions,
                      OrganizationRepository organizations, SiteRepository sites, LocationRepository locations,
                      AppUserRepository users, Clock clock) {
        this.planning = planning;
        this.capture = capture;
        this.review = review;
        this.projects = projects;
        this.schemeRecords = schemeRecords;
        this.versions = versions;
        this.organizations = organizations;
        this.sites = sites;
        this.locations = locations;
        this.users = users;
        this.clock = clock;
    }

    /** Called by {@link DemoData#load} with the estate's current project, which DemoSurvey has just created. */
    @Transactional
    public void load(EvaluationProject project) {
        AppUser lead = users.findByUsernameIgnoreCase("lead").orElseThrow();
        AppUser auditor = users.findByUsernameIgnoreCase("auditor").orElseThrow();
        AppUser auditor2 = users.findByUsernameIgnoreCase(SECOND_AUDITOR).orElseThrow();
        AppUser shopper = users.findByUsernameIgnoreCase("shopper").orElseThrow();
        projects.addMember(project.id(), auditor2.id());
        Caller lc = caller(lead);
        LocalDate today = LocalDate.ofInstant(clock.instant(), VisitPlanning.BEIJING);

        // The on-site audit is announced three weeks ahead: the covert visits are all before it.
        planning.updateSettings(project.id(), new PlanningDtos.SettingsInput(today.plusDays(21), 7, 3, 24, 1000), lc);
        planning.chooseItems(project.id(), new PlanningDtos.ItemChoicesInput(List.of(
                choice("P2", VisitMode.COVERT, "以业主身份报修卫生间漏水，观察前台是否问候、是否登记单号并告知上门时间。",
                        "As a resident, report a leaking bathroom: is the desk courteous, is a ticket number logged and a"
                                + " visit time given?", EvidenceRequirement.NOTE_BELOW_BEST),
                choice("P11", VisitMode.COVERT, "从北门步行进入，看门岗是否询问来访事由并登记。",
                        "Walk in at the north gate: does the guard ask your business and register you?",
                        EvidenceRequirement.NOTE_BELOW_BEST),
                choice("P14", VisitMode.COVERT, "留意前台和门岗人员是否着装统一、佩戴工牌。",
                        "Note whether desk and gate staff wear uniforms and badges.", EvidenceRequirement.NONE),
                choice("P4", VisitMode.OPEN, "每栋抽一个单元，从顶层步行到一层；拍下最差的一处。",
                        "In each building take one stairwell from the top floor down; photograph the worst spot.",
                        EvidenceRequirement.PHOTO),
                choice("P5", VisitMode.OPEN, "检查各垃圾投放点的分类标识及周边地面。",
                        "Check the sorting signs and the ground around every bin station.",
                        EvidenceRequirement.NOTE_BELOW_BEST),
                choice("P9", VisitMode.OPEN, "试按楼道灯和单元门禁对讲。", "Try the stairwell lights and the door intercoms.",
                        EvidenceRequirement.NOTE_BELOW_BEST),
                choice("P10", VisitMode.OPEN, "拍下疏散指示、应急灯和消防通道。",
                        "Photograph evacuation signs, emergency lights and fire lanes.", EvidenceRequirement.PHOTO))), lc);
        long photoComment = planning.addCommentTemplate(project.id(),
                new PlanningDtos.CommentTemplateInput("请补拍能看清位置的照片（含楼号单元号）。/ Please add a photo that shows where it was taken (building and stairwell)."), lc).id();
        long noteComment = planning.addCommentTemplate(project.id(),
                new PlanningDtos.CommentTemplateInput("低于满分请写明具体问题和位置。/ Below the best rating: say what and where."), lc).id();
        planning.addCommentTemplate(project.id(),
                new PlanningDtos.CommentTemplateInput("评分与照片不一致，请核对。/ The rating does not match the photo: please check."), lc);

        // The covert visit to the service centre, waiting for the shopper today (Beijing time).
        Location serviceCentre = locations.listBySite(project.siteId()).stream()
                .filter(l -> l.kind() == Location.LocationKind.COUNTER).findFirst().orElseThrow();
        planning.plan(project.id(), new PlanningDtos.PlanInput(serviceCentre.id(), VisitMode.COVERT,
                at(today, 9, 0), at(today, 17, 30), "工作日上午 / weekday morning", 1, 24,
                "你是 3 号楼新入住的业主，卫生间漏水，到物业服务中心报修，并询问装修报备流程。/ You moved into building 3"
                        + " recently; report a leaking bathroom at the service centre and ask how to register a renovation.",
                List.of(shopper.id()), false), lc);

        // Open inspections of stairwells and grounds, two auditors scoring separately, one plan per state.
        // Windows eight days apart (the project's same-site interval is seven days) and ending today.
        Random random = new Random(2026_10);
        PlanningDtos.PlanView approved = openInspection(project, lc, today.minusDays(16), today, auditor, auditor2);
        rateBoth(approved, auditor, auditor2, random, "approved");
        review.approve(visitId(approved, 1), lc);
        review.approve(visitId(approved, 2), lc);

        PlanningDtos.PlanView returned = openInspection(project, lc, today.minusDays(8), today, auditor, auditor2);
        rateBoth(returned, auditor, auditor2, random, "returned");
        review.returnToRater(visitId(returned, 1), new ReviewDtos.ReturnInput(List.of(
                new ReviewDtos.CommentInput("P4", null, photoComment),
                new ReviewDtos.CommentInput("P5", null, noteComment),
                new ReviewDtos.CommentInput(null, "6 号楼 B 单元的消防通道照片请补充。/ Please add the fire-lane photo of"
                        + " building 6, stairwell B.", null))), lc);
        review.approve(visitId(returned, 2), lc);

        PlanningDtos.PlanView submitted = openInspection(project, lc, today, today, auditor, auditor2);
        rateBoth(submitted, auditor, auditor2, random, "submitted");

        busLine(lead, shopper, today);
    }

    /** A two-rater open inspection of the whole estate from {@code from} 08:00 to {@code to} 20:00 (Beijing). */
    private PlanningDtos.PlanView openInspection(EvaluationProject project, Caller lead, LocalDate from, LocalDate to, AppUser first,
                                AppUser second) {
        return planning.plan(project.id(), new PlanningDtos.PlanInput(null, VisitMode.OPEN, at(from, 8, 0),
                at(to, 20, 0), null, 2, 48, "公开测评：全部楼道与公共区域、绿化、垃圾投放点。/ Open inspection: every"
                        + " stairwell and the common areas, green areas and bin stations.",
                List.of(first.id(), second.id()), false), lead);
    }

    /** Both raters check in, answer every item of the script with its evidence, add photos and submit. */
    private void rateBoth(PlanningDtos.PlanView planId, AppUser first, AppUser second, Random random, String label) {
        rate(visitId(planId, 1), first, random, label + "-1");
        rate(visitId(planId, 2), second, random, label + "-2");
    }

    private void rate(long visitId, AppUser rater, Random random, String label) {
        Caller c = caller(rater);
        Instant now = clock.instant();
        CaptureDtos.VisitDetail d = capture.checkIn(visitId, new CaptureDtos.PositionInput(now, null,
                LAT + (random.nextDouble() - 0.5) * 0.0006, LON + (random.nextDouble() - 0.5) * 0.0006,
                10.0 + random.nextInt(30), Position.CoordinateSystem.WGS84), c);
        int version = d.visit().version();
        for (var touchpoint : d.touchpoints()) {
            for (var item : touchpoint.items()) {
                BigDecimal value = switch (item.answerType()) {
                    case YES_NO -> BigDecimal.valueOf(random.nextInt(5) == 0 ? 0 : 1);
                    case PERCENT -> BigDecimal.valueOf(80 + random.nextInt(21));
                    default -> BigDecimal.valueOf(Math.max(2, Math.min(5, 3 + random.nextInt(3))));
                };
                boolean best = item.answerType() == com.tanfang.scheme.AnswerType.YES_NO ? value.intValue() == 1
                        : value.intValue() >= 5;
                String note = item.evidence() == EvidenceRequirement.NOTE
                        || (item.evidence() == EvidenceRequirement.NOTE_BELOW_BEST && !best)
                        ? NOTES[random.nextInt(NOTES.length)] : null;
                version = capture.answer(visitId, new CaptureDtos.AnswerInput(UUID.randomUUID(), version, item.code(),
                        value, false, null, note, 20 + random.nextInt(200), now, null), c).visitVersion();
                if (item.evidence() == EvidenceRequirement.PHOTO) {
                    byte[] jpeg = photo(label + "-" + item.code());
                    version = capture.photo(visitId, UUID.randomUUID(), new VisitCapture.PhotoMeta(sha256(jpeg), version,
                            item.code(), now, LAT, LON, 15.0, "image/jpeg"), jpeg, c).visitVersion();
                }
            }
        }
        capture.checkOut(visitId, new CaptureDtos.PositionInput(now, null, LAT, LON, 20.0,
                Position.CoordinateSystem.WGS84), c);
        capture.submit(visitId, new CaptureDtos.SubmitInput(capture.script(visitId, c).visit().version()), c);
    }

    private static final String[] NOTES = {"3 号楼 A 单元 5 楼堆放纸箱 / cardboard boxes on floor 5, building 3 A",
            "北侧垃圾点厨余桶满溢 / the kitchen-waste bin at the north station overflows",
            "8 号楼 B 单元楼道灯两盏不亮 / two lights out in building 8 B", "门禁对讲无应答 / the intercom does not answer"};

    /**
     * A small demo bus line (organisation, line, project on the bus-line scheme) with a covert ride for the shopper
     * tomorrow morning, unless some project on that scheme exists already.
     */
    private void busLine(AppUser lead, AppUser shopper, LocalDate today) {
        long schemeVersion = versions.findLatestPublished(
                schemeRecords.findByCode(BuiltInSchemes.BUS_LINE).orElseThrow().id()).orElseThrow().id();
        if (projects.listAll().stream().anyMatch(p -> p.schemeVersionId() == schemeVersion)) {
            return;
        }
        Organization org = organizations.findByNameIgnoreCase(BUS_ORGANIZATION_NAME).orElseGet(() ->
                organizations.save(new Organization(null, BUS_ORGANIZATION_NAME, "Xingcheng Bus Group Co., Ltd.", null,
                        "刘主任 Director Liu", "0571-8777 1200", null)));
        Site line = sites.save(new Site(null, org.id(), BUS_LINE_NAME, "Bus line 12", Site.SiteKind.BUS_LINE,
                "武林广场—火车东站 / Wulin Square – East Railway Station", 30.2720, 120.1640, null));
        locations.save(new Location(null, line.id(), null, Location.LocationKind.STOP, "S01", "武林广场（首站）", null, 1, null));
        locations.save(new Location(null, line.id(), null, Location.LocationKind.STOP, "S14", "火车东站（末站）", null, 2, null));
        EvaluationProject project = projects.save(new EvaluationProject(null, org.id(), line.id(), schemeVersion,
                EvaluationProject.EvaluationType.SURVEILLANCE, "星城公交 12 路服务认证 2026 年度暗访",
                "Xingcheng Bus line 12 service certification: 2026 covert rides", lead.id(), 180, null));
        projects.addMember(project.id(), lead.id());
        projects.addMember(project.id(), shopper.id());
        Caller lc = caller(lead);
        planning.updateSettings(project.id(), new PlanningDtos.SettingsInput(today.plusDays(21), 7, 3, 24, 1000), lc);
        planning.chooseItems(project.id(), new PlanningDtos.ItemChoicesInput(List.of(
                choice("BUS1", VisitMode.COVERT, "在首站候车，看司机是否主动招呼乘客。",
                        "Wait at the first stop: does the driver welcome passengers?", EvidenceRequirement.NONE),
                choice("BUS8", VisitMode.COVERT, "记下未礼让的斑马线位置和时间。",
                        "Note where and when the bus did not give way at a zebra crossing.",
                        EvidenceRequirement.NOTE_BELOW_BEST))), lc);
        LocalDate tomorrow = today.plusDays(1);
        planning.plan(project.id(), new PlanningDtos.PlanInput(null, VisitMode.COVERT, at(tomorrow, 7, 0),
                at(tomorrow, 10, 0), "早高峰 / morning rush hour", 1, 24,
                "从武林广场首站上车，乘坐全程至火车东站，途中向司机问路一次。/ Board at Wulin Square and ride to the East"
                        + " Railway Station; ask the driver the way once.", List.of(shopper.id()), false), lc);
    }

    private static long visitId(PlanningDtos.PlanView plan, int slot) {
        return plan.visits().stream().filter(v -> v.slot() == slot).findFirst().orElseThrow().visitId();
    }

    private static PlanningDtos.ItemChoiceInput choice(String code, VisitMode mode, String zh, String en,
                                                       EvidenceRequirement evidence) {
        return new PlanningDtos.ItemChoiceInput(code, mode, zh, en, evidence);
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(LocalTime.of(hour, minute)).atZone(VisitPlanning.BEIJING).toInstant();
    }

    private static Caller caller(AppUser user) {
        return new Caller(user.id(), user.username(), user.roleSet(), user.organizationId());
    }

    /**
     * A real JPEG of a few KB, drawn from {@code seed}: stripes and blocks in seed-dependent colours, so every
     * photo has its own bytes and hash (the server flags the same bytes in two visits).
     */
    static byte[] photo(String seed) {
        Random r = new Random(seed.hashCode());
        BufferedImage image = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(150 + r.nextInt(100), 150 + r.nextInt(100), 150 + r.nextInt(100)));
            g.fillRect(0, 0, 160, 120);
            for (int i = 0; i < 12; i++) {
                g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
                g.fillRect(r.nextInt(150), r.nextInt(110), 10 + r.nextInt(60), 5 + r.nextInt(40));
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "jpg", out)) {
                throw new IllegalStateException("no JPEG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
