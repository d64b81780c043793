package io.hybridlicense.auth.api;

import java.util.UUID;

/**
 * A request made with an API key was refused for a reason worth an audit entry; fired inside a
 * transaction of its own (the request itself changes nothing).
 *
 * @param reason    {@code REVOKED}: the key was revoked; {@code MISSING_SCOPE}: the operation needs
 *                  {@code scope}, which the key lacks; {@code NOT_FOR_KEYS}: the operation declares no scope
 * @param scope     the scope needed ({@code MISSING_SCOPE}), else {@code null}
 * @param operation the REST operation ({@code LicenseResource.changeStatus}), or {@code null} when refused
 *                  before one was chosen
 */
public record ApiKeyRefused(UUID keyId, UUID ownerId, String prefix, Reason reason, String scope, String operation) {

    public enum Reason { REVOKED, MISSING_SCOPE, NOT_FOR_KEYS }
}
