/**
 * Signed offline license files (docs/license-files.md): checkout ({@code POST /api/v1/licenses/{id}/checkout}),
 * the Ed25519 keys that sign them and their publication ({@code /.well-known/license-keys.json}), the
 * per-license secret of encrypted files, and the {@code verify-license-file} command, which checks a file
 * the way a vendor's client does, with no server.
 */
package io.hybridlicense.license.offline;
