// How a statement relates to transactions, for running it traced without changing what the
// user's tool would do with it.
#pragma once

#include "sql/parser.h"

namespace sg {

enum class StatementClass {
  kPlain,           // runs in a transaction block or on its own
  kOpensBlock,      // BEGIN, START TRANSACTION
  kClosesBlock,     // COMMIT, ROLLBACK, END, ABORT, PREPARE TRANSACTION
  kBlockOnly,       // needs a block (LOCK, SAVEPOINT): never wrapped, so alone it fails
  kOutsideBlock,    // cannot run in a transaction block (CONCURRENTLY, VACUUM, CREATE DATABASE...)
};

StatementClass classify_statement(const Statement& stmt);

}  // namespace sg
