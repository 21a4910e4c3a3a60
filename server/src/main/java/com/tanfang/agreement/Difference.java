package com.tanfang.agreement;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * An item on which the two raters' answers differ: for the list of every difference (the sheet shows all of
 * them, the lead reconciles the flagged ones).
 *
 * @param distance |first - second| in the scale's units, exact; empty when one of them said N/A
 * @param flagged  beyond the tolerance, or N/A against a value: needs reconciliation
 */
public record Difference(String item, Answer first, Answer second, Optional<BigDecimal> distance, boolean flagged) {
}
