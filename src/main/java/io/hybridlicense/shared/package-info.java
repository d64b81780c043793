/**
 * The shared kernel: RFC 9457 problem details, the clock, ids. Nothing module-specific; every
 * module may use it, and it uses no module.
 */
package io.hybridlicense.shared;
