/**
 * Who is calling and what they may reach: {@code Role}, and (next) the one {@code Caller} and object-access check every loader uses.
 */
package com.tanfang.access;
