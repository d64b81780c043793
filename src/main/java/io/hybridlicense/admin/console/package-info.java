/**
 * The admins' console pages under {@code /console/admin}: dashboard, users, a user's licenses and role,
 * and the audit log, over {@code reporting} and {@code audit} and the other modules' {@code api}. The
 * sign-in, session and layout they use are the {@code console} module's.
 */
package io.hybridlicense.admin.console;
