/**
 * Customer-survey campaigns (BRIEF §2.4): the questionnaire copied from the scheme, a survey point per stairwell or counter with its unguessable token, and the campaign's data shared by intake, review, results and verification.
 */
package com.tanfang.survey.campaign;
