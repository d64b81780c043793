package io.hybridlicense.schemasync.domain;

/**
 * One way a user's database differs from the model of a table.
 *
 * @param kind     {@code missing-table}, {@code missing-column}, {@code extra-column}, {@code type},
 *                 {@code nullability}, {@code default} or {@code primary-key}
 * @param column   the column concerned, or {@code null} for the table itself
 * @param expected what the model says, or {@code null}
 * @param actual   what the database has, in its own words, or {@code null}
 */
public record Drift(String kind, String column, String expected, String actual) {
}
