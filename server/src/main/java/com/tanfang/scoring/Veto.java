package com.tanfang.scoring;

/**
 * A veto (一票否决) entered by the audit team, e.g. a serious safety incident found during the evaluation:
 * it fails the whole evaluation whatever the score, with its reason shown. (Veto items of the scheme are
 * triggered by their ratings instead, see {@link com.tanfang.scheme.Item.Veto}.)
 */
public record Veto(String reason) {
}
