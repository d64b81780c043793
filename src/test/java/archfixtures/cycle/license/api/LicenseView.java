package archfixtures.cycle.license.api;

import archfixtures.cycle.auth.api.UserView;

public record LicenseView(UserView owner) {
}
