/**
 * Respondent intake: the server-rendered respondent page, idempotent online submissions with rate limits and fraud flags, face-to-face entry by two auditors, and the retention purge of phone numbers.
 */
package com.tanfang.survey.intake;
