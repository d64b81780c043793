package archfixtures.direction.license;

import archfixtures.direction.admin.api.AdminApi;

/** Violates "no module depends on admin". */
public class LicenseAudit {
    AdminApi admin;
}
