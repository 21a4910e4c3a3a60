/**
 * The printed survey notice: an A4 PDF per survey point with its QR code, in Chinese and optionally English.
 */
package com.tanfang.survey.notice;
