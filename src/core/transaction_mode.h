// How a migration tool sends a file to the server (which decides what runs in a transaction),
// and which way a script goes.
#pragma once

namespace sg {

// How the migration tool sends a file to the server; decides what runs in a transaction.
enum class TransactionMode {
  kStatementByStatement,  // psql -f: autocommit, explicit BEGIN/COMMIT respected
  kWholeFileImplicit,     // golang-migrate: one call, so a multi-statement file is one transaction
  kWrappedByTool,         // Flyway, Prisma, dbmate, goose, Liquibase: tool runs BEGIN ... COMMIT
};

enum class Direction { kUp, kDown };

}  // namespace sg
