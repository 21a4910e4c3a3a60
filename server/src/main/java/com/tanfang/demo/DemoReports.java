package com.tanfang.demo;

import com.tanfang.access.Caller;
import com.tanfang.account.AppUser;
import com.tanfang.account.AppUserRepository;
import com.tanfang.message.Language;
import com.tanfang.project.EvaluationProject;
import com.tanfang.project.ProjectRepository;
import com.tanfang.report.audit.AuditNarratives;
import com.tanfang.report.audit.AuditReports;
import com.tanfang.report.audit.NarrativeDtos;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The demo's audit report (issue 13): on the signed-off and released 2025 project, the lead writes the narrative of
 * revision 1 and generates the Chinese audit report, so that a newcomer finds it on the reports page (and the
 * certificate can name its SHA-256). Called after DemoSignOff; does nothing when 2025 is not signed off.
 */
@Singleton
public class DemoReports {
    private static final Logger LOG = LoggerFactory.getLogger(DemoReports.class);

    private final ProjectRepository projects;
    private final AppUserRepository users;
    private final AuditNarratives narratives;
    private final AuditReports reports;

    public DemoReports(ProjectRepository projects, AppUserRepository users, AuditNarratives narratives,
                       AuditReports reports) {
        this.projects = projects;
        this.users = users;
        this.narratives = narratives;
        this.reports = reports;
    }

    /** Writes the 2025 narrative and stores its zh audit report; returns whether it did. */
    @Transactional
    public boolean load(long organizationId) {
        Optional<EvaluationProject> project = DemoSignOff.project2025(projects, organizationId);
        if (project.isEmpty()) {
            LOG.info("Demo reports: no 2025 project, no audit report");
            return false;
        }
        AppUser leadUser = users.findById(project.get().leadUserId()).orElseThrow();
        Caller lead = new Caller(leadUser.id(), leadUser.username(), leadUser.roleSet(), leadUser.organizationId());
        long id = project.get().id();
        NarrativeDtos.NarrativeView current = narratives.view(id, null, lead);
        if (!current.signed()) {
            LOG.info("Demo reports: revision {} of the 2025 project is not signed off: no audit report", current.revision());
            return false;
        }
        narratives.save(id, new NarrativeDtos.NarrativeInput(current.revision(),
                EvaluationProject.EvaluationType.SURVEILLANCE, "", "",
                """
                        客户服务规范：服务中心公示服务内容、收费标准和投诉电话，两名审查员的公开测评均给出满分。
                        环境卫生与绿化保持良好，顾客感知调查的总体满意度与上一年度持平。""",
                """
                        消防通道管理需加强：5 号楼消防通道有电动车停放。
                        消防设施检查记录应按月完整保存；建议公示报修处理时限和投诉升级渠道。""",
                """
                        评价组依据认证方案对锦绣花园物业服务进行了 2025 年度监督评价。服务总体符合方案要求，\
                        特别扣分 1 项已整改关闭，严重不符合项 1 项须在期限内完成整改。""",
                true, leadUser.displayName(), "", null, null), lead);
        reports.generate(id, Language.ZH_CN, lead);
        return true;
    }
}
