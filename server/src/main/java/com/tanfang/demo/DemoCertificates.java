package com.tanfang.demo;

import com.tanfang.access.Caller;
import com.tanfang.account.AppUser;
import com.tanfang.account.AppUserRepository;
import com.tanfang.certificate.CertificateDtos;
import com.tanfang.certificate.Certificates;
import com.tanfang.project.EvaluationProject;
import com.tanfang.project.ProjectRepository;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The demo's certificate (issue 13): the 2025 surveillance project of Jinxiu Garden, signed off and released by
 * DemoSignOff and given its audit report by DemoReports, gets its certificate issued by the demo lead (VALID, its
 * PDFs stored). Called at the very end of the demo load. When the audit report is not there (or the project is not
 * released) it issues nothing and logs why. The public address it prints uses TANFANG_PUBLIC_URL when set, else this
 * machine's port.
 */
@Singleton
public class DemoCertificates {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCertificates.class);

    private final ProjectRepository projects;
    private final AppUserRepository users;
    private final Certificates certificates;
    private final String publicBase;
    private volatile String publicUrl;

    public DemoCertificates(ProjectRepository projects, AppUserRepository users, Certificates certificates,
                            @Nullable @Value("${tanfang.public-url:}") String configured,
                            @Value("${micronaut.server.port:8080}") int port) {
        this.projects = projects;
        this.users = users;
        this.certificates = certificates;
        this.publicBase = configured != null && !configured.isBlank() ? configured.trim().replaceAll("/+$", "")
                : "http://localhost:" + (port > 0 ? port : 8080);
    }

    /** Issues the 2025 project's certificate; returns its public address, or empty when nothing was issued. */
    @Transactional
    public Optional<String> load(long organizationId) {
        Optional<EvaluationProject> project = DemoSignOff.project2025(projects, organizationId);
        if (project.isEmpty()) {
            LOG.info("Demo certificate: no 2025 project, nothing issued");
            return Optional.empty();
        }
        AppUser leadUser = users.findById(project.get().leadUserId()).orElseThrow();
        Caller lead = new Caller(leadUser.id(), leadUser.username(), leadUser.roleSet(), leadUser.organizationId());
        var blocked = certificates.blocker(project.get().id());
        if (blocked.isPresent()) {
            // e.g. the audit report is not generated: issue nothing rather than a certificate without its basis
            LOG.info("Demo certificate not issued: {}", blocked.get().detail());
            return Optional.empty();
        }
        CertificateDtos.CertificateView issued = certificates.issue(project.get().id(),
                new CertificateDtos.IssueInput(null, null, null), lead, publicBase);
        publicUrl = issued.publicUrl();
        return Optional.of(issued.publicUrl());
    }

    /** The public address of the certificate the last load issued (null when none was). */
    @Nullable
    public String publicUrl() {
        return publicUrl;
    }
}
