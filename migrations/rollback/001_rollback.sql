-- =====================================================
-- Rollback: 001 - schemagate audit trail
-- =====================================================

SET lock_timeout = '5s';

BEGIN;

DROP TABLE schemagate.migration_checks;
DROP TABLE schemagate.check_runs;
DROP TABLE schemagate.schema_metadata;
DROP SCHEMA schemagate;

COMMIT;
