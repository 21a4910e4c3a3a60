/**
 * The customer perception survey (BRIEF §2.4), framework-free: {@link com.tanfang.survey.FraudSignals} flags
 * suspicious online responses (never drops them) under {@link com.tanfang.survey.FraudRules};
 * {@link com.tanfang.survey.SurveyStatistics} turns an {@link com.tanfang.survey.AnswerTally} per question into
 * mean, Student-t interval, satisfaction {@link com.tanfang.survey.Rate} with its Wilson interval, and the score
 * through the scheme's {@link com.tanfang.scheme.LikertMapping}; online and offline groups merge by pooling.
 */
package com.tanfang.survey;
