/**
 * Call-back verification of online survey responses (回访, BRIEF §2.4), framework-free:
 * {@link com.tanfang.verification.CallBackSampler} draws the committed, re-derivable, stratified sample and its
 * reserve; {@link com.tanfang.verification.ConfirmationStats} and {@link com.tanfang.verification.CallBackPolicy}
 * judge the outcome.
 */
package com.tanfang.verification;
