#!/bin/sh
# Runs once, when the postgres container initialises an empty data volume (docker-entrypoint-initdb.d).
# Creates the application role the API and workers connect as: a login that owns nothing and cannot
# bypass row-level security. The RowLevelSecurity migration grants it row access.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_password="${INTAKE_APP_DB_PASSWORD:?INTAKE_APP_DB_PASSWORD is required}" <<'SQL'
SELECT 'CREATE ROLE intake_app' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'intake_app')\gexec
ALTER ROLE intake_app WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD :'app_password';
SQL
