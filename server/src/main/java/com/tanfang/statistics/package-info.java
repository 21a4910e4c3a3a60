/**
 * Statistics shared by surveys and verification (plain Java): intervals and rates with their Wilson intervals.
 */
package com.tanfang.statistics;
