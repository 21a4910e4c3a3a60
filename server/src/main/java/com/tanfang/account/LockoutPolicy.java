package com.tanfang.account;

/**
 * How repeated failed logins are slowed: the first {@code freeFailures} failures inside the window cost
 * nothing; each one after that locks the account name for a doubling time, capped. Plain Java, tested alone.
 */
public record LockoutPolicy(int freeFailures, long windowSeconds, long firstLockSeconds, long maxLockSeconds) {

    public static final LockoutPolicy DEFAULT = new LockoutPolicy(5, 15 * 60, 30, 15 * 60);

    /** Seconds to lock after the given number of consecutive failures; 0 for none. */
    public long lockSecondsAfter(int failures) {
        if (failures < freeFailures) {
            return 0;
        }
        int doublings = Math.min(failures - freeFailures, 30);
        long seconds = firstLockSeconds << doublings;
        return Math.min(seconds, maxLockSeconds);
    }
}
