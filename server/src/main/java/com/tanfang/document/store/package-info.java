/**
 * The store of generated deliverables (table {@code generated_document}, V19): the PDF in the blob store under its
 * SHA-256, a row saying what it was generated from, and an evidence row, in one transaction.
 */
package com.tanfang.document.store;
