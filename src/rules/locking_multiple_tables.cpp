// locking-multiple-tables: a transaction whose statements hold blocking locks on several tables
// blocks all of them at once, and two such migrations (or a migration and the application)
// taking them in different orders deadlock. One statement that locks two tables (a foreign key
// locks both ends) takes its locks together, as PostgreSQL must: that is not this problem.
#include <algorithm>
#include <map>
#include <set>

#include "sql/lock_level.h"
#include "lint/rule.h"

namespace sg {
namespace {

class LockingMultipleTables : public Rule {
 public:
  void check(const Statement& stmt, const LintContext& ctx, Emitter& out) override {
    if (stmt.in_function_body) return;
    if (ctx.transaction_number() != transaction_) {
      transaction_ = ctx.transaction_number();
      locked_.clear();
      by_statement_.clear();
      reported_ = false;
    }
    std::set<std::string> mine;
    for (const auto& lock : table_locks(stmt)) {
      if (!is_blocking(lock.mode) || ctx.created_earlier(lock.relname)) continue;
      mine.insert(lock.name);
      auto [it, added] = locked_.emplace(lock.name, lock.mode);
      if (!added) it->second = std::max(it->second, lock.mode);
    }
    if (!mine.empty()) by_statement_.push_back(std::move(mine));
    if (reported_ || locked_.size() < 2 || one_statement_holds_all()) return;
    reported_ = true;
    std::string tables;
    for (const auto& [name, mode] : locked_) {
      tables +=
          (tables.empty() ? "" : ", ") + name + " (" + std::string(lock_mode_name(mode)) + ")";
    }
    out.report(-1,
               "one transaction takes blocking locks on " + std::to_string(locked_.size()) +
                   " existing tables: " + tables +
                   "; all stay blocked until it commits, and a concurrent transaction locking "
                   "them in another order deadlocks",
               "change one table per transaction (separate migrations, or COMMIT between the "
               "steps), and set lock_timeout");
  }

 private:
  // Every table locked so far was locked by one statement (with or without the others).
  bool one_statement_holds_all() const {
    return std::any_of(by_statement_.begin(), by_statement_.end(),
                       [&](const std::set<std::string>& tables) {
                         return tables.size() == locked_.size();
                       });
  }

  int transaction_ = -1;
  std::vector<std::set<std::string>> by_statement_;  // the tables each statement locked
  std::map<std::string, LockMode> locked_;
  bool reported_ = false;
};

}  // namespace

std::unique_ptr<Rule> make_locking_multiple_tables() {
  return std::make_unique<LockingMultipleTables>();
}

}  // namespace sg
