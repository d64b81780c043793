/**
 * Application wiring that belongs to no module: configuration, error mapping to
 * {@code application/problem+json}, security headers, start-up checks. No module depends on it.
 */
package io.hybridlicense.platform;
