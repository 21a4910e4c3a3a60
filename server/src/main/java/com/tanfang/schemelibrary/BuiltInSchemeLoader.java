package com.tanfang.schemelibrary;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stores the built-in schemes that are missing and publishes changed ones, on every start (idempotent, safe with several instances). */
@Singleton
public class BuiltInSchemeLoader {
    private static final Logger LOG = LoggerFactory.getLogger(BuiltInSchemeLoader.class);
    private final Schemes schemes;

    public BuiltInSchemeLoader(Schemes schemes) {
        this.schemes = schemes;
    }

    @EventListener
    public void onStartup(StartupEvent event) {
        int loaded = schemes.loadBuiltIns();
        if (loaded > 0) {
            LOG.info("Published {} built-in scheme version(s): new built-ins as version 1, changed ones as their next version", loaded);
        }
    }
}
