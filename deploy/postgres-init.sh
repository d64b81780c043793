#!/bin/bash
# Run once by the postgres image on an empty data directory: the two roles of README "Production"
# (the owner migrates, the runtime role serves requests), with the passwords GenerateSecrets.java made.
set -euo pipefail
secrets=${HL_SECRETS_DIR:-/secrets}
owner_secrets=${HL_OWNER_SECRETS_DIR:-/owner-secrets}
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     -v owner_password="$(cat "$owner_secrets/owner-password")" \
     -v app_password="$(cat "$secrets/app-password")" <<'SQL'
CREATE ROLE hl_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE hl_app LOGIN PASSWORD :'app_password';
CREATE DATABASE hybrid_license OWNER hl_owner;
SQL
