package com.tanfang.demo;

import com.tanfang.access.Caller;
import com.tanfang.account.AppUser;
import com.tanfang.account.AppUserRepository;
import com.tanfang.evaluation.EvaluationDtos;
import com.tanfang.evaluation.Evaluations;
import com.tanfang.evaluation.signoff.SheetSnapshots;
import com.tanfang.evaluation.signoff.SignOffs;
import com.tanfang.project.EvaluationProject;
import com.tanfang.project.ProjectRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The demo's last step (issue 12): the lead signs off and releases the 2025 surveillance project of Jinxiu Garden,
 * so that {@code client} reads last year's result. Called LAST in the demo load, after the other parts of the
 * evaluation (visits, management audit, reconciliation, findings) are in. While the 2025 sheet is still provisional
 * (until those parts load their demo data) it signs nothing and logs why.
 */
@Singleton
public class DemoSignOff {
    private static final Logger LOG = LoggerFactory.getLogger(DemoSignOff.class);
    /** The 2025 project's English title, as DemoSurvey writes it. */
    static final String PROJECT_2025_EN = "Jinxiu Garden property service certification: 2025 surveillance evaluation";

    /** Last year's demo project of the organisation, which the sign-off, findings, reports and certificate use. */
    static Optional<EvaluationProject> project2025(ProjectRepository projects, long organizationId) {
        return projects.listByOrganization(organizationId).stream()
                .filter(p -> PROJECT_2025_EN.equals(p.titleEn())).findFirst();
    }

    private final ProjectRepository projects;
    private final AppUserRepository users;
    private final Evaluations evaluations;
    private final SheetSnapshots snapshots;
    private final SignOffs signOffs;

    public DemoSignOff(ProjectRepository projects, AppUserRepository users, Evaluations evaluations,
                       SheetSnapshots snapshots, SignOffs signOffs) {
        this.projects = projects;
        this.users = users;
        this.evaluations = evaluations;
        this.snapshots = snapshots;
        this.signOffs = signOffs;
    }

    /** Signs off and releases the 2025 project when its sheet is final; returns whether it did. */
    @Transactional
    public boolean load(long organizationId) {
        Optional<EvaluationProject> project = project2025(projects, organizationId);
        if (project.isEmpty()) {
            LOG.info("Demo sign-off: no 2025 project, nothing signed");
            return false;
        }
        AppUser leadUser = users.findById(project.get().leadUserId()).orElseThrow();
        Caller lead = new Caller(leadUser.id(), leadUser.username(), leadUser.roleSet(), leadUser.organizationId());
        long id = project.get().id();
        EvaluationDtos.Sheet sheet = evaluations.sheetForRecord(id, lead);
        if (sheet.provisional()) {
            LOG.info("Demo sign-off: the 2025 sheet is provisional ({}, {} item(s) without evidence): not signed off",
                    sheet.provisionalReasons(), sheet.missingCount());
            return false;
        }
        signOffs.signOff(id, SheetSnapshots.sha256(snapshots.canonical(sheet)), lead);
        signOffs.release(id, lead);
        return true;
    }
}
