/**
 * The lead's review of a submitted visit: item by item beside photos, notes, times, position and flags; approve,
 * return with per-item comments (from the project's comment library or new), reject with a reason, withdraw an
 * approval with a reason; every earlier version of an answer stays readable.
 */
package com.tanfang.visit.review;
