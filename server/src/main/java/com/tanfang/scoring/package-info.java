/**
 * The scoring engine (004 §6.1), framework-free: {@link com.tanfang.scoring.ScoringEngine} turns
 * {@link com.tanfang.scoring.Rating}s, {@link com.tanfang.scoring.Deduction}s and a
 * {@link com.tanfang.scoring.Bonus} into a {@link com.tanfang.scoring.ScoreResult} with exact
 * {@link com.tanfang.scoring.Fraction}s and explanation lines; {@link com.tanfang.scoring.Display} is the only
 * place numbers are rounded (2 decimals, HALF_UP). The rules and product decisions (mean over raters, N/A
 * disagreements, missing items, deductions after pro-rating) are listed on {@link com.tanfang.scoring.ScoringEngine}.
 */
package com.tanfang.scoring;
