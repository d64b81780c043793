package io.hybridlicense.license.api;

import java.util.UUID;

/** Signed offline license files, for other modules' pages (the console's download per machine). */
public interface LicenseFiles {

    /**
     * The owner's license file for one machine, unencrypted, valid for the default 30 days (or until the
     * license expires), as {@code POST /api/v1/licenses/{id}/checkout} answers it: 404 if the license is
     * not the owner's, 409 if it is not active, 503 when the server has no license file keys.
     */
    String fileFor(UUID licenseId, UUID ownerId);
}
