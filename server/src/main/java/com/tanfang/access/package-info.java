/**
 * Who is calling and what they may reach: {@code Role}, the one {@code Caller} bound to every controller, and
 * {@code Access}, the object-access check every loader uses (campaign -> project -> organisation).
 */
package com.tanfang.access;
