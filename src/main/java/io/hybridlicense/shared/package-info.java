/**
 * The shared kernel: RFC 9457 problem details, the clock, the {@code PlainText} constraint for emails
 * and names, small persistence helpers (plain
 * JDBC, unique violations, enum columns), {@code SignInPages} (how pages with their own sign-in answer a
 * signed-out visitor, asked by the one 401 mapper), and {@code NoticeSubscriber}, through which a module hears the other
 * instances' PostgreSQL notices (platform's one listening connection delivers them). Nothing module-specific; every
 * module may use it, and it uses no module.
 */
package io.hybridlicense.shared;
