/**
 * The one document pipeline: JTE templates (src/main/jte, precompiled, HTML auto-escaped) to HTML/CSS to PDF through
 * openhtmltopdf on PDFBox, with the embedded CJK font. Reports, certificates (and whatever prints next) render here.
 */
package com.tanfang.document.pdf;
