/**
 * Attachments (photos now, documents later) behind one {@link com.tanfang.attachment.BlobStore} interface,
 * content-addressed by SHA-256. The default keeps the bytes in PostgreSQL ({@code blob} table, V13), so an
 * embedded installation needs nothing else and a database backup holds everything.
 */
package com.tanfang.attachment;
