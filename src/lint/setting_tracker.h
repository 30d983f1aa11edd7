// Whether a setting such as lock_timeout is in force at a point of a migration, following
// SET / SET LOCAL / RESET through the file's transactions.
#pragma once

#include <optional>
#include <string>

#include "lint/context.h"
#include "sql/parser.h"

namespace sg {

class SettingTracker {
 public:
  explicit SettingTracker(std::string name) : name_(std::move(name)) {}

  // Call with every statement, before asking active() about it.
  void observe(const Statement& stmt, const LintContext& ctx);
  // True when a non-zero value is set for the statement being checked: a session SET earlier
  // in the file, or a SET LOCAL earlier in the same transaction.
  bool active(const LintContext& ctx) const;

 private:
  std::string name_;
  bool session_ = false;
  std::optional<int> local_transaction_;  // transaction_number() of a SET LOCAL
};

}  // namespace sg
