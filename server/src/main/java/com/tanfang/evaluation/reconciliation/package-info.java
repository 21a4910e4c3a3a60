/**
 * Two raters reconciled (issue 12, server/docs/evaluation.md "Two raters, reconciled"): the pairs of ratings of
 * one item on the two copies of a two-rater plan, the tolerance test that flags them, the lead's confirmed rating
 * (V16, originals untouched), and the agreement statistics per project, part and rater pair (computed by
 * {@link com.tanfang.agreement}). The sheet ({@code com.tanfang.evaluation.Evaluations}) depends on this package,
 * never the other way round (ArchitectureTest: no cycles).
 */
package com.tanfang.evaluation.reconciliation;
