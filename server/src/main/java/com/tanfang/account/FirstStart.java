package com.tanfang.account;

import com.tanfang.access.Role;

import com.tanfang.demo.DemoData;
import com.tanfang.platform.StartupProblem;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * On the first start (no ADMIN yet) creates the {@code admin} account and prints its password once; then,
 * unless TANFANG_DEMO=false, loads the demo estate and demo accounts.
 */
@Singleton
public class FirstStart {
    private static final Logger LOG = LoggerFactory.getLogger(FirstStart.class);
    private final AppUserRepository users;
    private final Accounts accounts;
    private final DemoData demo;
    private final String adminPassword;
    private final String demoPassword;
    private final boolean demoEnabled;

    public FirstStart(AppUserRepository users, Accounts accounts, DemoData demo,
                      @Nullable @Value("${tanfang.admin-password:}") String adminPassword,
                      @Nullable @Value("${tanfang.demo-password:}") String demoPassword,
                      @Value("${tanfang.demo:true}") boolean demoEnabled) {
        this.users = users;
        this.accounts = accounts;
        this.demo = demo;
        this.adminPassword = adminPassword;
        this.demoPassword = demoPassword;
        this.demoEnabled = demoEnabled;
    }

    @EventListener
    public void onStartup(StartupEvent event) {
        List<String> lines = new ArrayList<>();
        if (!users.anyAdmin()) {
            boolean given = adminPassword != null && !adminPassword.isBlank();
            if (given) {
                Passwords.weakness(adminPassword, "admin").ifPresent(w -> {
                    throw new StartupProblem("TANFANG_ADMIN_PASSWORD " + w + ": choose another.", null);
                });
            }
            AccountDtos.UserWithPassword admin = accounts.create(new AccountDtos.NewUser("admin", "Administrator",
                    EnumSet.of(Role.ADMIN), null, given ? adminPassword : null));
            lines.add("Administrator account created: username admin, password "
                    + (given ? "from TANFANG_ADMIN_PASSWORD" : admin.password() + "  (shown only now; change it at first login)"));
        }
        if (demoEnabled && !demo.loaded()) {
            if (demoPassword != null && !demoPassword.isBlank()) {
                Passwords.weakness(demoPassword, null).ifPresent(w -> {
                    throw new StartupProblem("TANFANG_DEMO_PASSWORD " + w + ": choose another.", null);
                });
            }
            String password = demo.load(demoPassword);
            lines.add("Demo data loaded: " + DemoData.ESTATE_NAME + " (15 buildings, 30 stairwells), an open resident survey"
                    + " with 300 answers, and last year's closed survey with a call-back sample for the verifier.");
            lines.add("Demo accounts " + String.join(", ", DemoData.DEMO_USERNAMES) + ": password " + password);
        }
        if (!lines.isEmpty()) {
            String bar = "=".repeat(78);
            StringBuilder sb = new StringBuilder("\n").append(bar).append('\n');
            lines.forEach(l -> sb.append("  ").append(l).append('\n'));
            sb.append(bar);
            System.out.println(sb);
            LOG.info("First-start setup done ({} notices printed to the console)", lines.size());
        }
    }
}
