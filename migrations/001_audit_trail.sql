-- =====================================================
-- Migration: 001 - schemagate audit trail
-- Purpose: the store for schemagate's record of checks (seed 004's audit log format:
--          who, what, when, where, why, result), written by `--audit-database-url`.
-- =====================================================

BEGIN;

CREATE SCHEMA IF NOT EXISTS schemagate;

-- Seed 000's migration log: one row per applied migration.
CREATE TABLE schemagate.schema_metadata (
    version     text PRIMARY KEY,
    description text NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per schemagate run (check, gate): who ran it, on what, with what result.
CREATE TABLE schemagate.check_runs (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at       timestamptz NOT NULL,
    executor         text NOT NULL,
    command          text NOT NULL,
    repository       text,
    commit_sha       text,
    base_ref         text,
    pull_request     bigint,
    environment      text,
    database_name    text,
    justification    text,
    tool_version     text NOT NULL,
    duration_seconds numeric(12, 3),
    status           text NOT NULL CHECK (status IN ('success', 'failure', 'error'))
);

-- One row per migration a run checked.
CREATE TABLE schemagate.migration_checks (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id              bigint NOT NULL REFERENCES schemagate.check_runs (id) ON DELETE CASCADE,
    migration           text NOT NULL,
    up_sha256           text,
    down_sha256         text,
    risk                text NOT NULL CHECK (risk IN ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL')),
    tables_affected     text[] NOT NULL DEFAULT '{}',
    status              text NOT NULL,
    verification_status text NOT NULL,
    rollback_tested     boolean NOT NULL DEFAULT false,
    findings            jsonb NOT NULL DEFAULT '[]'
);

CREATE INDEX migration_checks_run_id_idx ON schemagate.migration_checks (run_id);
CREATE INDEX migration_checks_up_sha256_idx ON schemagate.migration_checks (up_sha256);

INSERT INTO schemagate.schema_metadata (version, description, applied_at)
VALUES ('001', 'schemagate audit trail', now());

COMMIT;
