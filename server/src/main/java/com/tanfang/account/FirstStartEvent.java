package com.tanfang.account;

import java.util.List;

/**
 * Published synchronously at every start, after the first admin exists. Listeners do their own first-start work
 * (the demo data) and append what the operator must read to {@code notices}, printed once in one console banner.
 */
public record FirstStartEvent(List<String> notices) {
}
