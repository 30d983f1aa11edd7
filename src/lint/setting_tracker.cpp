#include "lint/setting_tracker.h"

#include <cctype>

#include "sql/tree.h"

namespace sg {
namespace {

// 0 disables lock_timeout and statement_timeout: `SET lock_timeout = 0` or '0s' sets nothing.
bool is_non_zero_value(const nlohmann::json& node) {
  const auto* args = tree::field(node, "args");
  if (args == nullptr || args->empty()) return false;
  const auto* constant = tree::as(args->at(0), "A_Const");
  if (constant == nullptr) return true;
  if (const auto* ival = tree::field(*constant, "ival")) return tree::number(*ival, "ival") != 0;
  if (const auto* sval = tree::field(*constant, "sval")) {
    std::string value = tree::text(*sval, "sval");
    size_t digits = value.find_first_not_of("0 ");
    return digits != std::string::npos && !std::isalpha(static_cast<unsigned char>(value[digits]));
  }
  return true;
}

}  // namespace

void SettingTracker::observe(const Statement& stmt, const LintContext& ctx) {
  if (stmt.kind != "VariableSetStmt" || stmt.in_function_body) return;
  const auto& node = *stmt.node;
  std::string kind = tree::text(node, "kind");
  if (kind == "VAR_RESET_ALL") {
    session_ = false;
    local_transaction_.reset();
    return;
  }
  if (tree::text(node, "name") != name_) return;
  bool on = kind == "VAR_SET_VALUE" && is_non_zero_value(node);
  if (tree::flag(node, "is_local")) {
    // Outside a transaction block SET LOCAL lasts for its own statement only.
    if (!ctx.in_transaction() && !stmt.from_plpgsql) return;
    if (on) {
      local_transaction_ = ctx.transaction_number();
    } else {
      local_transaction_.reset();
    }
  } else {
    session_ = on;
    if (!on) local_transaction_.reset();
  }
}

bool SettingTracker::active(const LintContext& ctx) const {
  return session_ || (local_transaction_ && *local_transaction_ == ctx.transaction_number());
}

}  // namespace sg
