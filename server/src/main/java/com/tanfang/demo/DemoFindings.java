package com.tanfang.demo;

import com.tanfang.access.Caller;
import com.tanfang.account.AppUser;
import com.tanfang.account.AppUserRepository;
import com.tanfang.attachment.Blobs;
import com.tanfang.evaluation.finding.FindingDtos;
import com.tanfang.evaluation.finding.Findings;
import com.tanfang.project.EvaluationProject;
import com.tanfang.project.ProjectRepository;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * The findings of the 2025 surveillance evaluation of Jinxiu Garden (issue 12, "Demo"): one item N/A with its
 * justification, one deduction with its reason and a photo, a minor nonconformity raised from it, answered by the
 * client with a photo and closed by the lead, a major nonconformity issued and open (deadline ahead), and an
 * improvement item. Everything goes through {@link Findings} as the demo lead and client, so the evidence log holds
 * every step.
 */
@Singleton
public class DemoFindings {

    private final Findings findings;
    private final ProjectRepository projects;
    private final AppUserRepository users;
    private final Clock clock;

    public DemoFindings(Findings findings, ProjectRepository projects, AppUserRepository users, Clock clock) {
        this.findings = findings;
        this.projects = projects;
        this.users = users;
        this.clock = clock;
    }

    /** Called inside the demo's load transaction, after the projects exist. */
    public void load(long organizationId) {
        EvaluationProject project = DemoSignOff.project2025(projects, organizationId).orElseThrow();
        long id = project.id();
        Caller lead = caller(users.findByUsernameIgnoreCase("lead").orElseThrow());
        Caller client = caller(users.findByUsernameIgnoreCase("client").orElseThrow());
        LocalDate today = LocalDate.ofInstant(clock.instant(), Findings.BEIJING);

        findings.decideNotApplicable(id, new FindingDtos.NaInput("P17",
                "小区未提供特约服务（如接送儿童上学），该条目不涉及。/ The estate offers no special services (such as"
                        + " escorting children to school): the item does not apply."), lead);

        byte[] lane = DemoVisits.photo("demo-finding-fire-lane");
        FindingDtos.AttachmentView lanePhoto = findings.upload(id, lane, Blobs.sha256(lane), "5号楼消防通道.jpg", lead);
        FindingDtos.AdjustmentView deduction = findings.recordAdjustment(id, new FindingDtos.AdjustmentInput(
                FindingDtos.AdjustmentKind.DEDUCTION, "P10", "4.1", 1, null,
                "5 号楼消防通道停放电动车，堵塞疏散通道。/ Electric bikes parked in the fire lane of building 5 block the"
                        + " escape route.", List.of(), List.of(), List.of(lanePhoto.id()), null), lead);

        FindingDtos.FindingView minor = findings.raise(id, new FindingDtos.FindingInput(
                FindingDtos.FindingKind.NONCONFORMITY, FindingDtos.Severity.MINOR, "P10", deduction.id(), "4.1",
                "5 号楼消防通道被电动车占用，未保持畅通（扣 1 分）。/ The fire lane of building 5 is occupied by electric"
                        + " bikes and not kept clear (1 point deducted).", today.plusDays(14),
                "王经理 / Manager Wang", List.of(), List.of(lanePhoto.id())), lead);
        findings.issue(minor.id(), lead);
        byte[] cleared = DemoVisits.photo("demo-finding-fire-lane-cleared");
        FindingDtos.AttachmentView clearedPhoto = findings.upload(id, cleared, Blobs.sha256(cleared),
                "整改后.jpg", client);
        findings.answer(minor.id(), new FindingDtos.AnswerInput(
                "已清理电动车，在通道口设置禁停标识并安排保安每日巡查。/ The bikes were removed, no-parking signs put up"
                        + " at the lane and a daily guard patrol added.", List.of(clearedPhoto.id())), client);
        findings.accept(minor.id(), lead);

        byte[] pdf = ("%PDF-1.4\n% 消防设施检查记录（抽查）/ fire equipment inspection records (sample)\n"
                + "1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.UTF_8);
        FindingDtos.AttachmentView records = findings.upload(id, pdf, Blobs.sha256(pdf), "消防检查记录.pdf", lead);
        FindingDtos.FindingView major = findings.raise(id, new FindingDtos.FindingInput(
                FindingDtos.FindingKind.NONCONFORMITY, FindingDtos.Severity.MAJOR, "P12", null, "4.3",
                "消防设施检查记录缺失 3 个月（2025 年 4 月至 6 月）。/ Fire equipment inspection records are missing for"
                        + " three months (April to June 2025).", today.plusDays(30), "王经理 / Manager Wang",
                List.of(), List.of(records.id())), lead);
        findings.issue(major.id(), lead);

        FindingDtos.FindingView improvement = findings.raise(id, new FindingDtos.FindingInput(
                FindingDtos.FindingKind.IMPROVEMENT, null, "P1", null, "1.1",
                "建议在服务中心同时公示报修处理时限和投诉升级渠道。/ Suggest displaying repair time limits and the"
                        + " complaint escalation route at the service centre.", today.plusDays(60),
                "客服主管 / Customer service supervisor", List.of(), List.of()), lead);
        findings.issue(improvement.id(), lead);
    }

    private static Caller caller(AppUser user) {
        return new Caller(user.id(), user.username(), user.roleSet(), user.organizationId());
    }
}
