/**
 * The visit tables (V13) and their SQL, shared by {@code planning}, {@code capture} and {@code review} so that
 * none of them depends on another's storage.
 */
package com.tanfang.visit.store;
