/**
 * Hybrid License: a self-hosted licensing and schema-management backend, one Quarkus application.
 *
 * <p>Modules: {@link io.hybridlicense.auth auth}, {@link io.hybridlicense.license license},
 * {@link io.hybridlicense.admin admin}, {@link io.hybridlicense.schemasync schemasync} and
 * {@link io.hybridlicense.webhooks webhooks}. Each exposes
 * only its {@code api} package; the rest is internal. {@code shared} is a small kernel every module may
 * use; {@code platform} wires the application together (errors, headers, start-up checks) and is used
 * by no module. The rules are enforced by {@code ArchitectureTest}.
 */
package io.hybridlicense;
