/**
 * Respondents' phone numbers: validation and masking, AES-256-GCM encryption at rest with key ids, and the keyed hash that finds repeats without decrypting.
 */
package com.tanfang.phone;
