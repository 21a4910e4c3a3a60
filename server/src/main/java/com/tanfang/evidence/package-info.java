/**
 * The evidence log (证据日志): one append-only, hash-chained audit trail of everything an auditor may be asked
 * about. {@link com.tanfang.evidence.EvidenceLog#record} appends inside the caller's transaction;
 * {@link com.tanfang.evidence.EvidenceChain} holds the chain's SQL (append under a lock, verify page by page);
 * {@link com.tanfang.evidence.ChainFormat} and {@link com.tanfang.evidence.CanonicalJson} define the bytes each
 * hash covers (docs/evidence-log.md); {@link com.tanfang.evidence.VerifyLogCommand} is {@code java -jar
 * tanfang.jar verify-log}.
 */
package com.tanfang.evidence;
