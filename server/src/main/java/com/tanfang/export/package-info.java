/**
 * Exports (issue 13): the evaluation sheet, a campaign's survey responses, its call-back items and a project's
 * nonconformities and improvement items as CSV (UTF-8 with a BOM) or XLSX (fastexcel), streamed: rows are read with
 * a PostgreSQL cursor or from a bounded in-memory view and written straight to the response body as the client
 * reads it ({@link com.tanfang.export.ExportBody}). Cells that a spreadsheet would run as a formula are neutralised
 * ({@link com.tanfang.export.Cells}). server/docs/exports.md.
 */
package com.tanfang.export;
