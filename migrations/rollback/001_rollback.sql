-- =====================================================
-- Rollback: 001 - schemagate audit trail
-- =====================================================

BEGIN;

DROP TABLE schemagate.migration_checks;
DROP TABLE schemagate.check_runs;
DROP TABLE schemagate.schema_metadata;
DROP SCHEMA schemagate;

COMMIT;
