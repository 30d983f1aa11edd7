// What a rule knows besides the statement: per-file facts as they stand before it runs.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/transaction_mode.h"
#include "lint/created_objects.h"
#include "sql/parser.h"

namespace sg {

struct LintOptions {
  int pg_version = 15;
  bool assume_in_transaction = false;  // --assume-in-transaction
  TransactionMode transaction_mode = TransactionMode::kStatementByStatement;
  Direction direction = Direction::kUp;
  // For a down: what its migration's up (and the change's earlier ups) created, new objects
  // for every rule, as if created earlier in this file.
  CreatedObjects created_before;
};

class LintContext {
 public:
  LintContext(const ParsedFile& file, const LintOptions& options);

  const LintOptions& options() const { return options_; }
  int pg_version() const { return options_.pg_version; }
  Direction direction() const { return options_.direction; }
  const std::string& path() const { return file_.source->path(); }
  const SourceFile& source() const { return *file_.source; }
  const std::vector<Statement>& statements() const { return file_.statements; }
  size_t index() const { return index_; }  // of the statement being checked

  // True when the statement runs inside a transaction block: an explicit BEGIN, the tool's
  // own wrapping, --assume-in-transaction, or golang-migrate's implicit one; never for a
  // captured query that ran on a connection of its own (query-outside-transaction).
  bool in_transaction() const;
  bool in_explicit_transaction() const { return explicit_depth_ > 0; }
  // Nesting depth of explicit BEGINs (PostgreSQL warns on a nested BEGIN and ignores it).
  int explicit_depth() const { return explicit_depth_; }
  // The tool wraps the file in its own transaction (so an explicit BEGIN nests).
  bool tool_wraps_transaction() const;
  // Counts transactions: statements with the same number share one. In autocommit every
  // statement outside BEGIN ... COMMIT is its own transaction.
  int transaction_number() const { return transaction_number_; }

  // "Existing table" in RULES.md: not created earlier in this file. `range_var` is a RangeVar.
  bool is_existing_table(const nlohmann::json& range_var) const;
  bool created_earlier(const std::string& relname) const;
  // An index built on a table created earlier (here or in created_before).
  bool index_of_new_table(const std::string& index_name) const;

  // Advances past `stmt`: records created tables and transaction boundaries. Statements from
  // DO blocks and function bodies run inside their container's transaction and change neither;
  // a table they create does not count as created (it may be conditional or, in a function,
  // not run at all), so later statements still treat it as existing.
  void advance(const Statement& stmt);

 private:
  void advance_top_level(const Statement& stmt);
  // The current statement is a captured query that ran outside the transaction around it.
  bool on_own_connection() const;

  const ParsedFile& file_;
  LintOptions options_;
  size_t index_ = 0;
  int explicit_depth_ = 0;
  int transaction_number_ = 0;
  bool transaction_ends_ = false;  // the current transaction ends before the next top statement
  size_t top_level_count_ = 0;     // statements of the file itself, not of DO / function bodies
  CreatedObjects created_;
};

}  // namespace sg
