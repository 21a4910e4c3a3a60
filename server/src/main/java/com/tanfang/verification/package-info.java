/**
 * Call-back verification of online survey responses (回访, BRIEF §2.4). The rules are framework-free:
 * {@link com.tanfang.sampling.CallBackSampler} draws the committed, re-derivable, stratified sample and its
 * reserve; {@link com.tanfang.verification.ConfirmationStats} and {@link com.tanfang.verification.CallBackPolicy}
 * judge the outcome. {@link com.tanfang.verification.CallBacks} stores draws and outcomes
 * ({@link com.tanfang.verification.CallBackRecords}) and runs the verifiers' queue;
 * {@link com.tanfang.verification.CallBackController} is its API.
 */
package com.tanfang.verification;

import com.tanfang.sampling.CallBackSampler;
