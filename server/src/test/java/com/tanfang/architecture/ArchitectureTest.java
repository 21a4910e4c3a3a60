package com.tanfang.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.micronaut.data.repository.GenericRepository;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout is the architecture: domain rules stay plain Java, and no package depends on itself through others.
 * A failure here names the offending class and dependency.
 */
@AnalyzeClasses(packages = "com.tanfang", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The domain packages: rules an auditor can read and a unit test can run without a server. */
    static final String[] DOMAIN = {
            "com.tanfang.scheme..", "com.tanfang.scoring..", "com.tanfang.sampling..", "com.tanfang.survey.fraud..",
            "com.tanfang.statistics..", "com.tanfang.message..", "com.tanfang.agreement..",
            // the visit rules only: its sub-packages (store, planning, capture, review) are the feature
            "com.tanfang.visit"};

    @ArchTest
    static final ArchRule domainIsFrameworkFree = noClasses().that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.micronaut..", "jakarta..", "javax.sql..", "java.sql..", "org.postgresql..", "io.netty..")
            .because("domain rules (scheme model, scoring, sampling, fraud, statistics) are plain Java");

    @ArchTest
    static final ArchRule domainDependsOnlyOnDomain = noClasses().that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "com.tanfang.account..", "com.tanfang.access..", "com.tanfang.platform..", "com.tanfang.site..",
                    "com.tanfang.project..", "com.tanfang.schemelibrary..", "com.tanfang.survey.campaign..",
                    "com.tanfang.survey.intake..", "com.tanfang.survey.review..", "com.tanfang.survey.results..",
                    "com.tanfang.verification..", "com.tanfang.demo..", "com.tanfang.evidence..")
            .allowEmptyShould(true)
            .because("a domain rule must not reach into a feature's storage or API");

    /** Every package (sub-packages count on their own), including the parents of sub-packages. */
    @ArchTest
    static final ArchRule noCycles = slices().matching("com.tanfang.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule controllersDoNotTouchRepositories = noClasses()
            .that().haveSimpleNameEndingWith("Controller")
            .should().dependOnClassesThat().areAssignableTo(GenericRepository.class)
            .allowEmptyShould(true)
            .because("controllers are thin: services load and check objects");
}
