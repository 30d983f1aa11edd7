-- =====================================================
-- Rollback: 001 - schemagate audit trail
-- =====================================================

SET lock_timeout = '5s';

BEGIN;

-- schemagate-ignore: locking-multiple-tables -- these tables exist only for schemagate's audit trail; nothing else reads them, and the rollback must remove them together
DROP TABLE schemagate.migration_checks;
DROP TABLE schemagate.check_runs;
DROP TABLE schemagate.schema_metadata;
DROP SCHEMA schemagate;

COMMIT;
