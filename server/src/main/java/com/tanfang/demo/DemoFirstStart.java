package com.tanfang.demo;

import com.tanfang.account.FirstStartEvent;
import com.tanfang.account.Passwords;
import com.tanfang.platform.StartupProblem;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/** Loads the demo estate and accounts at the first start, unless TANFANG_DEMO=false, and says so in the banner. */
@Singleton
public class DemoFirstStart {
    private final DemoData demo;
    private final DemoCertificates certificates;
    private final String demoPassword;
    private final boolean demoEnabled;

    public DemoFirstStart(DemoData demo, DemoCertificates certificates, @Nullable @Value("${tanfang.demo-password:}") String demoPassword,
                          @Value("${tanfang.demo:true}") boolean demoEnabled) {
        this.demo = demo;
        this.certificates = certificates;
        this.demoPassword = demoPassword;
        this.demoEnabled = demoEnabled;
    }

    @EventListener
    public void onFirstStart(FirstStartEvent event) {
        if (!demoEnabled || demo.loaded()) {
            return;
        }
        if (demoPassword != null && !demoPassword.isBlank()) {
            Passwords.weakness(demoPassword, null).ifPresent(w -> {
                throw new StartupProblem("TANFANG_DEMO_PASSWORD " + w + ": choose another.", null);
            });
        }
        String password = demo.load(demoPassword);
        if (password == null) {
            return; // another instance starting at the same moment loaded it meanwhile
        }
        event.notices().add("Demo data loaded: " + DemoData.ESTATE_NAME + " (15 buildings, 30 stairwells), an open"
                + " resident survey with 300 answers, and last year's closed survey with a call-back sample for the"
                + " verifier; covert and open visits in every state (photos, comments) and a covert bus ride for the shopper;"
                + " last year's evaluation reconciled, with findings, signed off and released to the client.");
        if (certificates.publicUrl() != null) {
            event.notices().add("Demo certificate of last year's evaluation (its QR code opens this public check): "
                    + certificates.publicUrl());
        }
        event.notices().add("Demo accounts " + String.join(", ", DemoData.DEMO_USERNAMES) + ": password " + password);
    }
}
