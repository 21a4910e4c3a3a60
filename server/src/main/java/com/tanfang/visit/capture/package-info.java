/**
 * The rater's side of a visit: my visits (today, upcoming, open), the script to download, check-in and
 * check-out (server and device time, skew, position), idempotent per-item answer and photo uploads keyed by
 * client-generated ids, and submit. {@link com.tanfang.visit.capture.VisitDetails} builds the visit as a given
 * caller may see it (the blind two-rater rule), for the rater and the reviewer alike.
 */
package com.tanfang.visit.capture;
