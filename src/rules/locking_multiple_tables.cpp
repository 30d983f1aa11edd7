// locking-multiple-tables: a transaction that holds blocking locks on several tables blocks
// all of them at once, and two such migrations (or a migration and the application) taking
// them in different orders deadlock.
#include <map>

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
      reported_ = false;
    }
    for (const auto& lock : table_locks(stmt)) {
      if (!is_blocking(lock.mode) || ctx.created_earlier(lock.relname)) continue;
      auto [it, added] = locked_.emplace(lock.name, lock.mode);
      if (!added) it->second = std::max(it->second, lock.mode);
    }
    if (reported_ || locked_.size() < 2) return;
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
  int transaction_ = -1;
  std::map<std::string, LockMode> locked_;
  bool reported_ = false;
};

}  // namespace

std::unique_ptr<Rule> make_locking_multiple_tables() {
  return std::make_unique<LockingMultipleTables>();
}

}  // namespace sg
