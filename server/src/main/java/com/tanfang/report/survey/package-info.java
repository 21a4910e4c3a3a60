/**
 * The survey analysis report (调查分析报告, issue 13; BRIEF §2.4, 001:L401): the counted campaign of a signed-off
 * project, online and face-to-face merged, as a PDF stored with its SHA-256 (server/docs/survey-report.md).
 * Figures come from the packages that compute them (survey.results, verification, evaluation.surveyreview):
 * nothing is re-computed here, only checked against the signed snapshot and laid out.
 */
package com.tanfang.report.survey;
