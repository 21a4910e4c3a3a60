/**
 * Building blocks of every printed document (notices, audit reports, certificates): QR codes and line breaking of mixed Chinese and Latin text.
 */
package com.tanfang.document;
