-- =====================================================
-- Rollback: 001 - schemagate audit trail
-- =====================================================

-- schemagate-ignore-file: locking-multiple-tables -- these tables hold only schemagate's own audit trail; nothing else locks them, and the rollback removes them together
SET lock_timeout = '5s';

BEGIN;

DROP TABLE schemagate.migration_checks;
DROP TABLE schemagate.check_runs;
DROP TABLE schemagate.schema_metadata;
DROP SCHEMA schemagate;

COMMIT;
