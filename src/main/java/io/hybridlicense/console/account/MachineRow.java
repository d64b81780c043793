package io.hybridlicense.console.account;

import io.hybridlicense.console.api.Notice;
import io.hybridlicense.license.api.LicenseView;

/** One machine (license) on a user's own page; {@code notice} is the outcome of the last action on it. */
record MachineRow(LicenseView license, Notice notice) {

    public boolean live() {
        return license.status().isLive();
    }
}
