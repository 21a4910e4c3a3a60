/**
 * Agreement between two raters on the same items (issue 12, "two raters, reconciled"), plain Java: which
 * differences exceed the scheme's {@link com.tanfang.agreement.Tolerance} and go to reconciliation, percent
 * agreement, Cohen's kappa (unweighted, linear, quadratic), Gwet's AC1 and AC2 with standard errors and 95 %
 * intervals, and how often a rater's ratings were changed in reconciliation. Formulas, the variance used and
 * the degenerate cases: {@code server/docs/agreement.md}.
 */
package com.tanfang.agreement;
