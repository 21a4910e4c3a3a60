/**
 * Survey results: per question, point and channel, mean with Student-t interval, satisfaction with Wilson interval, and the score through the scheme's Likert mapping; online and offline groups merge by pooling.
 */
package com.tanfang.survey.results;
