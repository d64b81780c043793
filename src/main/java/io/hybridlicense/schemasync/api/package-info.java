/**
 * The public face of the schemasync module: facade, immutable views ({@code TableView} with its
 * {@code ColumnView}s and {@code DriftView}s) and events. Nothing internal.
 */
package io.hybridlicense.schemasync.api;
