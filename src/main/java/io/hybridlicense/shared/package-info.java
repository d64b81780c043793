/**
 * The shared kernel: RFC 9457 problem details, the clock, the {@code PlainText} constraint for emails
 * and names, small persistence helpers (unique
 * violations, enum columns), and {@code NoticeSubscriber}, through which a module hears the other
 * instances' PostgreSQL notices (platform's one listening connection delivers them). Nothing module-specific; every
 * module may use it, and it uses no module.
 */
package io.hybridlicense.shared;
