#include "db/roundtrip.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <set>

#include "db/schema_diff.h"
#include "db/schema_snapshot.h"
#include "db/scratch_server.h"
#include "db/script_runner.h"
#include "db/session.h"
#include "db/statement_watchdog.h"
#include "db/unindexed_foreign_keys.h"
#include "layouts/layout.h"

namespace sg {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

StepResult step_of(const std::string& name, const Script& script, const ScriptRun& run) {
  StepResult step{name, !run.failure, run.ms, ""};
  if (run.failure) {
    step.error = script.path + ":" + std::to_string(run.failure->position.line) + ":" +
                 std::to_string(run.failure->position.column) + ": " + run.failure->message +
                 " (SQLSTATE " + run.failure->sqlstate + ")";
  }
  return step;
}

// The keys of `after` that `before` does not have: what a step created.
std::vector<std::string> made_between(const SchemaSnapshot& before, const SchemaSnapshot& after) {
  std::vector<std::string> made;
  for (const auto& entry : after.objects) {
    if (!before.objects.count(entry.first)) made.push_back(entry.first);
  }
  return made;
}

// Owns the scratch server and the session on the work database. `work` holds the schema as the
// migrations so far leave it; `pre` is its copy taken before each new migration, so a failed
// step resets with CREATE DATABASE ... TEMPLATE, no replay.
class Runner {
 public:
  Runner(const RoundTripOptions& options, RoundTripReport& report)
      : options_(options),
        report_(report),
        deadline_(Clock::now() + std::chrono::seconds(options.deadline_s)) {}
  ~Runner() { close(); }

  bool open() {
    if (auto opened = scratch_.open(scratch_options(options_)); !opened) {
      return fail(opened.error);
    }
    prefix_ = scratch_.name("roundtrip");
    auto dog = StatementWatchdog::start(scratch_.admin_base_url(), scratch_.tag().text,
                                        options_.statement_timeout_ms, deadline_);
    if (!dog) return fail(scratch_.what() + ": " + dog.error);
    watchdog_ = std::move(*dog.value);
    report_.server_start_ms = scratch_.startup_ms();
    report_.server_version = scratch_.server_version();
    report_.containment = containment_of(scratch_);
    if (auto e = scratch_.create(work_db(), "template0")) {
      return fail(scratch_.what() + ": cannot create the scratch database " + work_db() + ": " +
                  e->message);
    }
    auto ran = run_setup(scratch_, work_db(), options_.setup, options_.statement_timeout_ms);
    if (!ran) return fail(ran.error);
    report_.containment.setup = std::move(*ran.value);
    return connect_work();
  }

  void close() {
    work_.reset();
    watchdog_.reset();
    scratch_.close();
  }

  // Roles and databases on the server (not the run's own).
  Result<SchemaSnapshot> cluster() const { return scratch_.cluster_objects(); }
  // Drops what is in `now` but not in `before` (the migration made it), so the next step
  // starts from the server as the migration found it.
  void drop_made_since(const SchemaSnapshot& before, const SchemaSnapshot& now) {
    scratch_.drop_cluster_objects(made_between(before, now), work_db());
  }
  // What a migration made on the server goes with the run (a shared server keeps roles).
  void note_made(const SchemaSnapshot& before, const SchemaSnapshot& after) {
    scratch_.drop_on_close(made_between(before, after));
  }

  // run_script, with the watchdog's word on a statement it stopped.
  ScriptRun run(const Script& script, StatementObserver* observer = nullptr) {
    ScriptRun run = run_script(*work_, script, observer);
    Intervention done = watchdog_ ? watchdog_->take() : Intervention::kNone;
    if (run.failure && done == Intervention::kDeadline) {
      run.failure->message = "stopped by schemagate: the round trip reached its deadline (--deadline " +
                             std::to_string(options_.deadline_s) +
                             " s) while this statement was running";
      run.failure->stopped_by = ScriptFailure::StoppedBy::kDeadline;
    } else if (run.failure && done == Intervention::kStatementTimeout &&
               run.failure->sqlstate == "57014") {
      run.failure->message =
          "canceled by schemagate: the statement ran longer than the statement timeout of " +
          std::to_string(options_.statement_timeout_ms) +
          " ms (--timeout-ms; enforced from outside the session, so a migration's SET "
          "statement_timeout does not lift it)";
      run.failure->stopped_by = ScriptFailure::StoppedBy::kStatementTimeout;
    }
    return run;
  }

  // Whether the deadline passed: the run stops, with what it has.
  bool out_of_time() const { return watchdog_ && watchdog_->deadline_passed(); }

  Session& work() { return *work_; }
  std::string work_url() const { return scratch_.url_of(work_db()); }

  // work -> pre (a template needs no open session).
  bool save_pre() {
    work_.reset();
    scratch_.drop(pre_db());
    if (auto e = scratch_.create(pre_db(), work_db())) {
      return fail("round trip: cannot copy the database: " + e->message);
    }
    return connect_work();
  }

  // pre -> work, then `up` once: the state after the first up, whatever down or reapply left.
  bool restore_after(const Script& up) {
    work_.reset();
    if (auto e = scratch_.drop(work_db())) {
      return fail("round trip: cannot reset the database: " + e->message);
    }
    if (auto e = scratch_.create(work_db(), pre_db())) {
      return fail("round trip: cannot reset the database: " + e->message);
    }
    if (!connect_work()) return false;
    return !run(up).failure;
  }

  bool fail(const std::string& error) {
    if (report_.error.empty()) {
      report_.error = out_of_time() ? "round trip: stopped at the deadline (--deadline " +
                                          std::to_string(options_.deadline_s) +
                                          " s) before it finished (" + error + ")"
                                    : error;
    }
    return false;
  }

 private:
  std::string work_db() const { return prefix_ + "_work"; }
  std::string pre_db() const { return prefix_ + "_pre"; }

  bool connect_work() {
    auto work = scratch_.connect(work_db(), options_.lock_timeout_ms,
                                 options_.statement_timeout_ms);
    if (!work) return fail("round trip: " + work.error);
    work_ = std::move(*work.value);
    return true;
  }

  const RoundTripOptions& options_;
  RoundTripReport& report_;
  Clock::time_point deadline_;
  std::string prefix_;
  ScratchServer scratch_;
  std::unique_ptr<StatementWatchdog> watchdog_;
  std::unique_ptr<Session> work_;
};

// The facts of `m` as the round trip starts on it.
MigrationFacts facts_of(const Migration& m, bool history, const RoundTripReport& report) {
  MigrationFacts facts;
  facts.up = *m.up;
  if (!history && m.down) facts.down = *m.down;
  facts.history = history;
  if (report.rehearsal) facts.rehearsal_volume = rehearsal_volume(*report.rehearsal);
  return facts;
}

// One new migration. Returns false when the run cannot go on (up failed, or a runtime error).
bool round_trip(Runner& runner, const Migration& m, RoundTripReport& report) {
  MigrationRoundTrip result{m.id, "ok", {}, {}, report.server_version, {}, {}};
  MigrationFacts facts = facts_of(m, false, report);
  if (!runner.save_pre()) return false;  // it said why
  auto before = take_snapshot(runner.work());
  if (!before) return runner.fail(before.error);
  auto cluster_before = runner.cluster();
  if (!cluster_before) return runner.fail(cluster_before.error);
  auto started = LockTracer::start(runner.work(), runner.work_url());
  if (!started) return runner.fail(started.error);
  std::unique_ptr<LockTracer> tracer = std::move(*started.value);
  ScriptRun up = runner.run(*m.up, tracer.get());
  result.trace = tracer->take();
  tracer.reset();
  result.steps.push_back(step_of("up", *m.up, up));
  auto cluster_after_up = runner.cluster();
  if (!cluster_after_up) return runner.fail(cluster_after_up.error);
  runner.note_made(*cluster_before.value, *cluster_after_up.value);
  if (up.failure) {
    facts.up_failure = up.failure;
    report.facts.push_back(std::move(facts));
    result.status = "failed";
    report.migrations.push_back(result);
    return false;
  }
  auto after_up = take_snapshot(runner.work());
  if (!after_up) return runner.fail(after_up.error);
  auto keys = new_unindexed_foreign_keys(runner.work(), *before.value);
  if (!keys) return runner.fail(keys.error);
  facts.unindexed_foreign_keys = std::move(*keys.value);
  result.lock_disagreements = compare_with_lock_model(*m.up, result.trace);
  mark_unpredicted(result.lock_disagreements, result.trace);
  facts.trace = result.trace;
  bool reset = false;
  if (m.down && !runner.out_of_time()) {
    ScriptRun down = runner.run(*m.down);
    result.steps.push_back(step_of("down", *m.down, down));
    if (down.failure) {
      facts.down_failure = down.failure;
      reset = true;
    } else {
      auto after_down = take_snapshot(runner.work());
      if (!after_down) return runner.fail(after_down.error);
      auto cluster_after_down = runner.cluster();
      if (!cluster_after_down) return runner.fail(cluster_after_down.error);
      facts.rollback_differences =
          diff_snapshots(*before.value, *after_down.value, DiffMoment::kAfterRollback,
                         &facts.rollback_column_order);
      // Roles and databases are the server's, not the schema's: a role the down leaves behind
      // is a rollback difference too, and goes before the reapply so that only the up is judged.
      for (auto& line : diff_snapshots(*cluster_before.value, *cluster_after_down.value,
                                       DiffMoment::kAfterRollback)) {
        facts.rollback_differences.push_back(std::move(line));
      }
      runner.drop_made_since(*cluster_before.value, *cluster_after_down.value);
      result.schema_diff = facts.rollback_differences;
      ScriptRun reapply = runner.run(*m.up);
      result.steps.push_back(step_of("reapply", *m.up, reapply));
      if (reapply.failure) {
        facts.reapply_failure = reapply.failure;
        reset = true;
      } else {
        auto again = take_snapshot(runner.work());
        if (!again) return runner.fail(again.error);
        auto cluster_again = runner.cluster();
        if (!cluster_again) return runner.fail(cluster_again.error);
        facts.reapply_differences =
            diff_snapshots(*after_up.value, *again.value, DiffMoment::kAfterReapply);
        for (auto& line : diff_snapshots(*cluster_after_up.value, *cluster_again.value,
                                         DiffMoment::kAfterReapply)) {
          facts.reapply_differences.push_back(std::move(line));
        }
        runner.note_made(*cluster_before.value, *cluster_again.value);
        const auto& drift = facts.reapply_differences;
        result.schema_diff.insert(result.schema_diff.end(), drift.begin(), drift.end());
        reset = !drift.empty();
      }
    }
  }
  report.facts.push_back(std::move(facts));
  for (const auto& step : result.steps) {
    if (!step.ok) result.status = "failed";
  }
  if (!result.schema_diff.empty()) result.status = "failed";
  report.migrations.push_back(result);
  if (runner.out_of_time()) return false;
  // The next migration must start from what up alone leaves.
  if (reset) {
    if (auto now = runner.cluster()) runner.drop_made_since(*cluster_before.value, *now.value);
    if (!runner.restore_after(*m.up)) {
      return runner.fail("round trip: " + m.id + ": cannot rebuild the schema after its up");
    }
  }
  return true;
}

// What each layout's tool creates before the first migration (its tracking table), created the
// same way so that the history replays as it did in production.
bool create_tool_tables_or_fail(Runner& runner, const MigrationSet& set) {
  auto error = create_tool_tables(runner.work(), set);
  return !error || runner.fail("round trip: " + *error);
}

bool rehearse(Runner& runner, int rows, RoundTripReport& report) {
  auto filled = fill_tables(runner.work(), rows);
  if (!filled) return runner.fail(filled.error);
  report.rehearsal = std::move(*filled.value);
  return true;
}

}  // namespace

std::optional<std::string> create_tool_tables(Session& session, const MigrationSet& set) {
  std::set<std::string> done;
  for (const auto& m : set.migrations) {
    if (!done.insert(m.layout).second) continue;
    const Layout* layout = find_layout(m.layout);
    if (layout == nullptr || layout->tracking == nullptr) continue;
    std::string_view sql = layout->tracking->create_sql;
    if (sql.empty()) continue;
    if (auto e = session.exec(std::string(sql))) {
      return "cannot create " + m.layout + "'s tracking table " +
             std::string(layout->tracking->default_table) + ": " + e->message;
    }
  }
  return std::nullopt;
}

ScratchOptions scratch_options(const RoundTripOptions& options) {
  ScratchOptions out;
  out.database_url = options.database_url;
  out.postgres_bin = options.postgres_bin;
  out.cache_dir = options.cache_dir;
  out.migrations_as_superuser = options.setup.migrations_as_superuser;
  out.lifetime_s = options.deadline_s;
  return out;
}

// The recommended pattern adds a foreign key NOT VALID and its index CONCURRENTLY in a later
// migration of the same change (CONCURRENTLY cannot share the key's transaction): a key that
// is indexed once every migration of the change has applied is not reported.
bool keep_unindexed_at_end(Runner& runner, RoundTripReport& report) {
  bool any = std::any_of(report.facts.begin(), report.facts.end(), [](const MigrationFacts& f) {
    return !f.unindexed_foreign_keys.empty();
  });
  if (!any) return true;  // nothing to re-check: no catalog query on the common path
  auto still = new_unindexed_foreign_keys(runner.work(), SchemaSnapshot{});
  if (!still) return runner.fail(still.error);
  for (auto& facts : report.facts) {
    auto& keys = facts.unindexed_foreign_keys;
    keys.erase(std::remove_if(keys.begin(), keys.end(),
                              [&](const UnindexedForeignKey& key) {
                                return std::none_of(
                                    still.value->begin(), still.value->end(),
                                    [&](const UnindexedForeignKey& k) {
                                      return k.name == key.name && k.table == key.table;
                                    });
                              }),
               keys.end());
  }
  return true;
}

RoundTripReport run_roundtrip(const MigrationSet& set, const RoundTripOptions& options) {
  auto started = Clock::now();
  RoundTripReport report;
  {
    Runner runner(options, report);
    bool going = runner.open() && create_tool_tables_or_fail(runner, set);
    for (const auto& m : set.migrations) {
      if (m.change == ChangeKind::kDeleted || !m.up) continue;
      if (going && is_new(m) && options.rehearse_rows > 0 && !report.rehearsal) {
        going = rehearse(runner, options.rehearse_rows, report);
      }
      if (going && runner.out_of_time()) going = false;
      if (!going) {
        if (is_new(m))
          report.migrations.push_back({m.id, "skipped", {}, {}, report.server_version, {}, {}});
        continue;
      }
      if (is_new(m)) {
        going = round_trip(runner, m, report);
        continue;
      }
      auto history_started = Clock::now();
      ScriptRun run = runner.run(*m.up);
      report.history_ms += ms_since(history_started);
      ++report.history_count;
      if (run.failure) {
        MigrationFacts facts = facts_of(m, true, report);
        facts.up_failure = run.failure;
        report.facts.push_back(std::move(facts));
        going = false;
      }
    }
    if (going) going = keep_unindexed_at_end(runner, report);
  }
  report.total_ms = ms_since(started);
  return report;
}

}  // namespace sg
