/**
 * The table aggregate of schemasync in plain Java (no framework): a table's events, the rules that
 * decide new events from a command, portable column types, per-dialect naming rules and limits.
 */
package io.hybridlicense.schemasync.domain;
