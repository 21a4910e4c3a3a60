/**
 * Low-scoring survey items beside the on-site evaluation of the same item, with the lead's recorded decision
 * (enlarge the sample, check on site, accept): issue 12, 001:L401. server/docs/evaluation.md, "Survey review".
 */
package com.tanfang.evaluation.surveyreview;
