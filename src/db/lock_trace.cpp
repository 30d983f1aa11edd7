#include "db/lock_trace.h"

#include <atomic>
#include <thread>

#include "db/lock_modes.h"

namespace sg {
namespace {

using Clock = std::chrono::steady_clock;

// TOAST tables and catalogs are PostgreSQL's business; composite types take no locks.
const char* const kExistingRelations = R"(
SELECT c.oid::text,
       (CASE WHEN n.nspname = 'public' THEN '' ELSE n.nspname || '.' END) || c.relname,
       c.relkind::text
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
   AND n.nspname NOT LIKE 'pg\_toast%'
   AND c.relkind IN ('r', 'p', 'i', 'I', 'S', 'v', 'm', 'f'))";

std::string kind_name(const std::string& relkind) {
  if (relkind == "r" || relkind == "p") return "table";
  if (relkind == "i" || relkind == "I") return "index";
  if (relkind == "S") return "sequence";
  if (relkind == "v") return "view";
  if (relkind == "m") return "materialized view";
  return "foreign table";
}

std::string locks_of(const std::string& pid) {
  return "SELECT relation::text, mode FROM pg_locks WHERE locktype = 'relation' AND granted "
         "AND pid = " + pid;
}

// Adds the rows of a locks_of() query to `out`, keeping the strongest mode per relation.
void merge(const std::vector<Row>& rows, std::map<std::string, LockMode>& out) {
  for (const auto& row : rows) {
    if (row.size() < 2 || !row[0] || !row[1]) continue;
    auto mode = lock_mode_from_pg(*row[1]);
    if (!mode) continue;
    auto [it, inserted] = out.emplace(*row[0], *mode);
    if (!inserted && *mode > it->second) it->second = *mode;
  }
}

double ms_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

}  // namespace

// Polls pg_locks for the work backend from the second connection until stopped. The watcher
// session belongs to the thread until join().
struct LockTracer::Poller {
  Poller(Session& watcher, std::string pid) {
    thread = std::thread([this, &watcher, query = locks_of(pid)] {
      std::vector<Row> rows;
      while (!stop.load()) {
        if (!watcher.query(query, rows)) merge(rows, seen);
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    });
  }
  ~Poller() {
    stop.store(true);
    if (thread.joinable()) thread.join();
  }
  std::atomic<bool> stop{false};
  std::map<std::string, LockMode> seen;
  std::thread thread;
};

LockTracer::LockTracer(Session& session, std::string conninfo)
    : session_(session), conninfo_(std::move(conninfo)) {}

LockTracer::~LockTracer() { stop_poller(); }

Result<std::unique_ptr<LockTracer>> LockTracer::start(Session& session, std::string conninfo) {
  std::unique_ptr<LockTracer> tracer(new LockTracer(session, std::move(conninfo)));
  std::vector<Row> rows;
  if (auto e = session.query(kExistingRelations, rows)) {
    return Result<std::unique_ptr<LockTracer>>::fail("lock trace: cannot list the relations: " +
                                                     e->message);
  }
  for (const auto& row : rows) {
    if (row.size() < 3 || !row[0] || !row[1] || !row[2]) continue;
    Relation relation{*row[1], kind_name(*row[2])};
    if (relation.kind == "table") tracer->trace_.existing_tables.insert(relation.name);
    tracer->existing_.emplace(*row[0], std::move(relation));
  }
  return {std::move(tracer), {}};
}

void LockTracer::before(const ObservedStatement& stmt) {
  statement_started_ = Clock::now();
  if (!stmt.own_transaction) return;
  std::vector<Row> rows;
  if (!watcher_) {
    auto watcher = Session::connect(conninfo_);
    if (watcher) {
      watcher_ = std::move(*watcher.value);
    } else {
      trace_.note = "lock trace: no second connection: " + watcher.error;
    }
  }
  if (!watcher_) return;
  if (auto e = session_.query("SELECT pg_backend_pid()", rows); e || rows.empty() || !rows[0][0]) {
    return;
  }
  poller_ = std::make_unique<Poller>(*watcher_, *rows[0][0]);
  statement_started_ = Clock::now();
}

void LockTracer::after(const ObservedStatement& stmt) {
  double ms = ms_between(statement_started_, Clock::now());
  bool concurrent = poller_ != nullptr;
  std::map<std::string, LockMode> by_oid = stop_poller();
  if (!concurrent) {
    std::vector<Row> rows;
    if (auto e = session_.query(locks_of("pg_backend_pid()"), rows)) {
      trace_.note = "lock trace: cannot read pg_locks: " + e->message;
    } else {
      merge(rows, by_oid);
    }
  }
  trace_.statements.push_back({stmt.position, ms, {}});
  record(stmt, by_oid, concurrent);
}

void LockTracer::record(const ObservedStatement& stmt,
                        const std::map<std::string, LockMode>& by_oid, bool concurrent) {
  StatementTrace& seen = trace_.statements.back();
  for (const auto& [oid, mode] : by_oid) {
    auto relation = existing_.find(oid);
    if (relation == existing_.end()) continue;  // created by this migration, or a catalog
    seen.held[relation->second.name] = mode;
    auto held = held_.find(oid);
    if (held != held_.end() && held->second >= mode) continue;
    held_[oid] = mode;
    trace_.locks.push_back({stmt.position, relation->second.name, relation->second.kind, mode, 0,
                            concurrent});
    open_.emplace_back(trace_.locks.size() - 1, statement_started_);
  }
}

void LockTracer::transaction_ended() {
  stop_poller();
  auto now = Clock::now();
  for (const auto& [index, since] : open_) trace_.locks[index].held_ms = ms_between(since, now);
  open_.clear();
  held_.clear();
}

std::map<std::string, LockMode> LockTracer::stop_poller() {
  if (!poller_) return {};
  poller_->stop.store(true);
  poller_->thread.join();
  std::map<std::string, LockMode> seen = std::move(poller_->seen);
  poller_.reset();
  return seen;
}

LockTrace LockTracer::take() {
  stop_poller();
  return std::move(trace_);
}

}  // namespace sg
