package com.tanfang.account;

import com.tanfang.platform.StartupProblem;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * On the first start (no ADMIN yet) creates the {@code admin} account and prints its password once. Then it publishes
 * a {@link FirstStartEvent} so that other features (the demo data) can do their own first-start work and add their
 * notices to the same console banner, without this package depending on them.
 */
@Singleton
public class FirstStart {
    private static final Logger LOG = LoggerFactory.getLogger(FirstStart.class);
    private final AppUserRepository users;
    private final Accounts accounts;
    private final ApplicationEventPublisher<FirstStartEvent> events;
    private final String adminPassword;

    public FirstStart(AppUserRepository users, Accounts accounts, ApplicationEventPublisher<FirstStartEvent> events,
                      @Nullable @Value("${tanfang.admin-password:}") String adminPassword) {
        this.users = users;
        this.accounts = accounts;
        this.events = events;
        this.adminPassword = adminPassword;
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
            // Another instance starting at the same moment may have created it meanwhile: then nothing to say.
            accounts.createFirstAdmin(given ? adminPassword : null).ifPresent(admin -> lines.add(
                    "Administrator account created: username admin, password " + (given ? "from TANFANG_ADMIN_PASSWORD"
                            : admin.password() + "  (shown only now; change it at first login)")));
        }
        events.publishEvent(new FirstStartEvent(lines));
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
