/**
 * Covert and open visits, the rules only (plain Java, no framework): the visit state machine, the checklist a
 * scheme version and the project's per-item choices give, the answer and submission checks, the planning rules,
 * the blind two-rater rule and the check-in distance. The sub-packages {@code store}, {@code planning},
 * {@code capture} and {@code review} keep and serve visits; this package knows nothing of them.
 */
package com.tanfang.visit;
