/**
 * Application wiring that belongs to no module: configuration, error mapping to
 * {@code application/problem+json}, security headers, start-up checks, the one connection that listens
 * for other instances' notices (delivered to the modules' {@code shared.NoticeSubscriber}s). No module
 * depends on it.
 */
package io.hybridlicense.platform;
