-- The per-license secret that encrypted license files are derived from (docs/license-files.md): returned
-- once in the activation answer, kept here sealed with AES-256-GCM under hl.license-file.secrets-key
-- (nonce || ciphertext || tag, the license id as associated data). Licenses activated before this table
-- existed have no row, and no encrypted checkout (409 no-file-secret) until they are activated anew.
CREATE TABLE license.file_secrets (
    license_id uuid        PRIMARY KEY REFERENCES license.licenses (id),
    sealed     bytea       NOT NULL,
    created_at timestamptz NOT NULL
);
