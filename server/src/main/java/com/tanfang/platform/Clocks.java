package com.tanfang.platform;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The one clock the server reads time from. Every decision that depends on "now" (is a campaign open, is a phone
 * number past its retention, which rate window a hit falls in, how long a lockout lasts) takes it from this bean,
 * so tests can move time (a replacing bean in test sources) instead of editing rows with SQL. Column defaults such
 * as {@code created_at default now()} still take the database's time: they record when a row was written, and
 * nothing is decided from them.
 */
@Factory
public class Clocks {
    @Singleton
    public Clock clock() {
        return Clock.systemUTC();
    }
}
