/**
 * The admin reporting API ({@code /api/v1/admin/stats}, {@code /api/v1/admin/users}) over the read-only
 * reporting views of the other modules' schemas, and what every admin list shares: pages, keyset
 * cursors, query parameters, CSV cells.
 */
package io.hybridlicense.admin.reporting;
