/**
 * The certification body's library of schemes: versions (drafts and immutable published versions), storage, JSON and CSV import and export, the scheme API and the built-in schemes loaded at start.
 */
package com.tanfang.schemelibrary;
