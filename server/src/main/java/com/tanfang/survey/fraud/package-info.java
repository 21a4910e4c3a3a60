/**
 * Fraud signals on online responses (plain Java): same browser, burst from one address, too fast, straight-lining. They flag, never drop.
 */
package com.tanfang.survey.fraud;
