/**
 * The lead's side of visits: the project's rules and per-item choices (covert or open, guidance, evidence), the
 * plan (site, location, covert/open, window, raters, report due, scenario), assignment, the SHOPPER pool's
 * offers and claims (first claim wins; an unconfirmed claim falls back after the project's hold time) and the
 * project's library of review comments.
 */
package com.tanfang.visit.planning;
