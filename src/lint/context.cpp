#include "lint/context.h"

#include "sql/tree.h"

namespace sg {

LintContext::LintContext(const ParsedFile& file, const LintOptions& options)
    : file_(file), options_(options), created_(options.created_before) {
  for (const auto& stmt : file.statements) {
    if (!stmt.from_plpgsql) ++top_level_count_;
  }
}

bool LintContext::tool_wraps_transaction() const {
  switch (options_.transaction_mode) {
    case TransactionMode::kWrappedByTool: return true;
    case TransactionMode::kWholeFileImplicit: return top_level_count_ > 1;
    case TransactionMode::kStatementByStatement: return options_.assume_in_transaction;
  }
  return false;
}

bool LintContext::in_transaction() const {
  return (explicit_depth_ > 0 || tool_wraps_transaction()) && !on_own_connection();
}

bool LintContext::on_own_connection() const {
  const SourceMap* map = file_.source->source_map();
  if (map == nullptr || index_ >= file_.statements.size()) return false;
  const SourceMap::Span* span = map->span_at(file_.statements[index_].begin);
  return span != nullptr && span->outside_transaction.has_value();
}

bool LintContext::created_earlier(const std::string& relname) const {
  return created_.tables.count(relname) > 0;
}

bool LintContext::index_of_new_table(const std::string& index_name) const {
  return created_.indexes.count(index_name) > 0;
}

bool LintContext::is_existing_table(const nlohmann::json& range_var) const {
  return !created_earlier(tree::text(range_var, "relname"));
}

void LintContext::advance(const Statement& stmt) {
  if (!stmt.from_plpgsql) advance_top_level(stmt);
  ++index_;
  // A new transaction starts after every autocommitted statement and after COMMIT/ROLLBACK,
  // once the statements nested in the last one have been checked in its transaction.
  bool next_nested = index_ < file_.statements.size() && file_.statements[index_].from_plpgsql;
  if (transaction_ends_ && !next_nested) {
    ++transaction_number_;
    transaction_ends_ = false;
  }
}

void LintContext::advance_top_level(const Statement& stmt) {
  const auto& node = *stmt.node;
  created_.record(stmt);
  if (stmt.kind == "TransactionStmt") {
    std::string kind = tree::text(node, "kind");
    if (kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START") {
      ++explicit_depth_;
    } else if (kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_ROLLBACK" ||
               kind == "TRANS_STMT_COMMIT_PREPARED" || kind == "TRANS_STMT_ROLLBACK_PREPARED" ||
               kind == "TRANS_STMT_PREPARE") {
      // PostgreSQL has no nested transactions: one COMMIT ends them all.
      explicit_depth_ = 0;
    }
  }
  transaction_ends_ = !in_transaction();
}

}  // namespace sg
