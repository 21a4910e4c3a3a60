package com.tanfang.demo;

import com.tanfang.access.Caller;
import com.tanfang.account.AppUser;
import com.tanfang.account.AppUserRepository;
import com.tanfang.evaluation.signoff.SignedRevisions;
import com.tanfang.message.Language;
import com.tanfang.project.EvaluationProject;
import com.tanfang.project.ProjectRepository;
import com.tanfang.report.survey.SurveyReports;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The demo's survey analysis report (issue 13): the zh report of the signed-off 2025 surveillance project of
 * Jinxiu Garden, generated and stored as its lead, so the reports page lists it. Called after DemoReports at the
 * end of the demo load; without a signed 2025 revision it stores nothing and logs why.
 */
@Singleton
public class DemoSurveyReport {
    private static final Logger LOG = LoggerFactory.getLogger(DemoSurveyReport.class);

    private final ProjectRepository projects;
    private final AppUserRepository users;
    private final SignedRevisions revisions;
    private final SurveyReports reports;

    public DemoSurveyReport(ProjectRepository projects, AppUserRepository users, SignedRevisions revisions,
                            SurveyReports reports) {
        this.projects = projects;
        this.users = users;
        this.revisions = revisions;
        this.reports = reports;
    }

    /** Stores the 2025 project's zh survey report; returns whether it did. */
    @Transactional
    public boolean load(long organizationId) {
        Optional<EvaluationProject> project = DemoSignOff.project2025(projects, organizationId);
        if (project.isEmpty() || revisions.latestSigned(project.get().id()).isEmpty()) {
            LOG.info("Demo survey report: no signed-off 2025 project, no report stored");
            return false;
        }
        AppUser leadUser = users.findById(project.get().leadUserId()).orElseThrow();
        Caller lead = new Caller(leadUser.id(), leadUser.username(), leadUser.roleSet(), leadUser.organizationId());
        long started = System.nanoTime();
        var stored = reports.generate(project.get().id(), Language.ZH_CN.tag(), lead);
        LOG.info("Demo survey report: 2025 project, revision {}, {} bytes, SHA-256 {}, rendered and stored in {} ms",
                stored.revision(), stored.size(), stored.sha256(), (System.nanoTime() - started) / 1_000_000);
        return true;
    }
}
