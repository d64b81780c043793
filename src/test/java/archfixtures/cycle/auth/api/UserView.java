package archfixtures.cycle.auth.api;

import archfixtures.cycle.license.api.LicenseView;

/** With LicenseView, a cycle between auth and license. */
public record UserView(LicenseView license) {
}
