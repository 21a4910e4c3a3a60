/**
 * The radar chart (雷达图) of an evaluation: one definition ({@link com.tanfang.chart.RadarChart}) drawn as PNG
 * (JFreeChart, for PDFs) and as SVG (for screens and the public certificate page).
 */
package com.tanfang.chart;
