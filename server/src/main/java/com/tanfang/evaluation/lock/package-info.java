/**
 * The sign-off lock: the one check every result-changing write to a project's evaluation makes. Its own package so
 * the writers (reconciliation, findings) and the sign-off can all use it without a package cycle (the sign-off
 * reads the sheet, the sheet reads the writers).
 */
package com.tanfang.evaluation.lock;
