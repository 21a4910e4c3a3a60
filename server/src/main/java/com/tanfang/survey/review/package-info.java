/**
 * The audit team's review of responses: the list with flags and masked phones, and exclusions with a reason.
 */
package com.tanfang.survey.review;
