// require-lock-timeout: a statement waiting for a blocking lock makes every later query on
// the table wait behind it, so the wait must be bounded.
#include "sql/lock_level.h"
#include "lint/rule.h"
#include "lint/setting_tracker.h"

namespace sg {
namespace {

class RequireLockTimeout : public Rule {
 public:
  void check(const Statement& stmt, const LintContext& ctx, Emitter& out) override {
    lock_timeout_.observe(stmt, ctx);
    // Once per file: the fix is one SET at the top, not one per statement.
    if (reported_ || stmt.in_function_body || lock_timeout_.active(ctx)) return;
    for (const auto& lock : table_locks(stmt)) {
      if (!is_blocking(lock.mode) || ctx.created_earlier(lock.relname)) continue;
      std::string mode(lock_mode_name(lock.mode));
      std::string article = mode[0] == 'A' || mode[0] == 'E' ? "an " : "a ";
      out.report(-1,
                 "takes " + article + mode + " lock on existing table " + lock.name +
                     " with no SET lock_timeout before it: while it waits for a running query, "
                     "every new query on " +
                     lock.name + " queues behind it",
                 "start the migration with SET lock_timeout = '5s'; (SET LOCAL inside its "
                 "transaction) and retry the migration when it times out");
      reported_ = true;
      return;
    }
  }

 private:
  SettingTracker lock_timeout_{"lock_timeout"};
  bool reported_ = false;
};

}  // namespace

std::unique_ptr<Rule> make_require_lock_timeout() { return std::make_unique<RequireLockTimeout>(); }

}  // namespace sg
