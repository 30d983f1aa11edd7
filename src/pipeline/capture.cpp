#include "pipeline/capture.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <memory>

#include "db/node_runner.h"
#include "db/scratch_server.h"

namespace sg {
namespace {

// As the round trip will take it (round_trip_set: with --all every migration is new).
bool round_trips(const MigrationSet& set, const Migration& m) {
  return set.review_all || is_new(m);
}

// A failure that is not an SQL error (the file does not load, up() throws, never settles) is
// replayed as a statement that fails at its line with its message, so the round trip reports
// it as it reports an SQL failure: migration-failed, rollback-failed or history-failed.
//
// An SQL failure is replayed too. Usually the replay's own copy of the failing statement fails
// the same way first and the script stops there; this statement only runs when it does not:
// Sequelize ran the statement on a connection of its own (not passed `{ transaction }`), where it
// waited for a lock the migration's open transaction held, while one connection replays it
// without waiting. The migration failed when it ran, so the verdict must say so.
std::string failing_statement(const RunnerFailure& f) {
  std::string message = f.kind == "load"    ? "cannot load the migration: " + f.message
                        : f.kind == "shape" ? "the migration " + f.message
                        : f.kind == "sql"   ? f.message +
                                                " (when the migration ran, on the connection "
                                                "Sequelize gave this query; replayed on one "
                                                "connection it did not fail)"
                                            : f.message;
  if (message.find("Cannot find module") != std::string::npos) {
    message += " (schemagate runs each migration file from git, with the shipped sequelize and pg "
               "or the project's node_modules: a project module it requires must load from there)";
  }
  std::string tag = "$sg_failure$";
  while (message.find(tag) != std::string::npos) tag.insert(tag.size() - 1, "x");
  bool sqlstate = f.kind == "sql" && f.sqlstate.size() == 5 &&
                  std::all_of(f.sqlstate.begin(), f.sqlstate.end(),
                              [](unsigned char c) { return std::isupper(c) || std::isdigit(c); });
  return "DO $sg_do$ BEGIN RAISE EXCEPTION USING ERRCODE = '" +
         (sqlstate ? f.sqlstate : std::string("P0001")) + "', MESSAGE = " + tag + message + tag +
         "; END $sg_do$";
}

using ColumnTypes = std::map<std::string, SourceMap::ColumnType>;

// The parser's modifiers of a column type from its atttypmod: varchar(n) and char(n) store n + 4,
// numeric(p, s) ((p << 16) | s) + 4, time and timestamp precisions and bit lengths themselves.
std::vector<long> type_mods(const std::string& type, long typmod) {
  if (typmod < 0) return {};
  if (type == "varchar" || type == "bpchar") return {typmod - 4};
  if (type == "numeric") return {((typmod - 4) >> 16) & 0xffff, (typmod - 4) & 0xffff};
  return {typmod};
}

// The user tables' columns as the database has them now (one catalog query).
ColumnTypes column_types(Session& session) {
  std::vector<Row> rows;
  ColumnTypes out;
  if (session.query(
          "SELECT n.nspname, c.relname, a.attname, t.typname, a.atttypmod FROM pg_attribute a "
          "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
          "JOIN pg_type t ON t.oid = a.atttypid WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 "
          "AND NOT a.attisdropped AND t.typcategory <> 'A' AND n.nspname <> 'information_schema' "
          "AND n.nspname NOT LIKE 'pg\\_%'",
          rows)) {
    return out;  // no types known: the rule says "unless the old type is binary-coercible"
  }
  for (const auto& row : rows) {
    std::string type = row[3].value_or("");
    SourceMap::ColumnType column{type, type_mods(type, std::stol(row[4].value_or("-1")))};
    std::string table_column = row[1].value_or("") + "." + row[2].value_or("");
    out[table_column] = column;
    out[row[0].value_or("") + "." + table_column] = column;
  }
  return out;
}

// The captured SQL as a script: one span per query, each mapped to its call, with what the run
// did besides SQL for lint to report (lint/run_observations.h).
Script captured_script(const Script& js, const ScriptCapture& capture,
                       const std::string& environment, ColumnTypes columns = {},
                       bool ran = true) {
  Script out = js;
  auto map = std::make_shared<SourceMap>();
  map->original = js.text;
  map->environment = environment;
  map->ran = ran;
  map->failed = capture.failure.has_value();
  map->columns_before = std::move(columns);
  for (const auto& r : capture.env_reads) map->env_reads.push_back({r.what, r.at});
  for (const auto& c : capture.commands) map->commands.push_back({c.what, c.at});
  out.text.clear();
  out.statement_spans.clear();
  auto add = [&](const std::string& sql, const Position& at,
                 std::optional<Position> outside = std::nullopt) {
    size_t begin = out.text.size();
    out.text += sql;
    // Sequelize sends some queries without a final ';': the text must still split as they ran.
    size_t last = out.text.find_last_not_of(" \t\r\n");
    if (last != std::string::npos && last >= begin && out.text[last] != ';') out.text += ";";
    out.statement_spans.emplace_back(begin, out.text.size());
    out.text += "\n";
    map->spans.push_back(SourceMap::Span{begin, at, outside});
  };
  for (const auto& s : capture.statements) add(s.sql, s.at, s.outside_transaction);
  if (capture.failure) {
    // A run that never settled, or a runner that died, has no line of its own: the function's.
    bool placed = capture.failure->kind != "timeout" && capture.failure->kind != "runner";
    add(failing_statement(*capture.failure),
        placed ? capture.failure->at : Position{js.line, 1});
  }
  if (map->spans.empty()) map->spans.push_back(SourceMap::Span{0, Position{js.line, 1}, {}});
  out.source_map = std::move(map);
  return out;
}

class Capture {
 public:
  Capture(MigrationSet& set, const RoundTripOptions& options, std::string workdir)
      : set_(set), options_(options), workdir_(std::move(workdir)) {}

  // "" when every runner script was captured, else why none was.
  std::string run(CaptureResult& result) {
    ScratchOptions scratch = scratch_options(options_);
    if (auto opened = scratch_.open(scratch); !opened) return opened.error;
    std::string db = scratch_.name("capture");
    if (auto e = scratch_.create(db, "template0")) {
      return scratch_.what() + ": cannot create the capture database: " + e->message;
    }
    auto setup = run_setup(scratch_, db, options_.setup, options_.statement_timeout_ms);
    if (!setup) return setup.error;
    auto session = scratch_.connect(db, options_.lock_timeout_ms, options_.statement_timeout_ms);
    if (!session) return session.error;
    session_ = std::move(*session.value);
    if (auto e = create_tool_tables(*session_, set_)) return "capture: " + *e;
    NodeRunnerOptions node;
    node.database_url = scratch_.url_of(db);
    node.isolate_network = scratch_.embedded();
    node.lock_timeout_ms = options_.lock_timeout_ms;
    node.statement_timeout_ms = options_.statement_timeout_ms;
    node.run_timeout_s = options_.deadline_s;
    // Node resolves from the migrations' folder up to the checkout's root: the nearest
    // node_modules, as sequelize-cli run there would.
    for (const auto& m : set_.migrations) {
      if (m.up && !m.up->runner.empty()) {
        node.module_paths.push_back(workdir_ + "/" + m.scope);
        break;
      }
    }
    auto runner = NodeRunner::start(node);
    if (!runner) return runner.error;
    runner_ = std::move(*runner.value);
    result.ran = true;
    result.notes.push_back("ran the Sequelize migrations with sequelize " +
                           runner_->sequelize_version() + " (" + runner_->sequelize_path() +
                           ") on Node.js, NODE_ENV=" + node.node_env +
                           ", and checked the SQL they sent");
    for (auto& m : set_.migrations) {
      if (m.change == ChangeKind::kDeleted || !m.up || m.up->runner.empty()) continue;
      capture_one(m, "NODE_ENV=" + node.node_env);
    }
    return "";
  }

 private:
  void capture_one(Migration& m, const std::string& environment) {
    Script js = *m.up;
    // Only what is reviewed is linted, so only its scripts need the columns they found.
    ColumnTypes before_up = round_trips(set_, m) ? column_types(*session_) : ColumnTypes{};
    ScriptCapture up = runner_->run(js.path, js.text, Direction::kUp);
    m.up = captured_script(js, up, environment, std::move(before_up));
    if (!m.down) return;
    if (!round_trips(set_, m) || up.failure) {
      // History goes up only, and a failed up is never rolled back: its down sends nothing.
      m.down = captured_script(*m.down, ScriptCapture{}, environment, {}, false);
      return;
    }
    ColumnTypes before_down = column_types(*session_);
    ScriptCapture down = runner_->run(js.path, js.text, Direction::kDown);
    m.down = captured_script(*m.down, down, environment, std::move(before_down));
    if (down.failure) return;
    // Up again, as the round trip does, so the next migration finds the schema it will.
    runner_->run(js.path, js.text, Direction::kUp);
  }

  MigrationSet& set_;
  const RoundTripOptions& options_;
  std::string workdir_;
  ScratchServer scratch_;
  std::unique_ptr<Session> session_;  // on the capture database, for its catalog
  std::unique_ptr<NodeRunner> runner_;
};

}  // namespace

bool has_uncaptured(const MigrationSet& set) {
  for (const auto& m : set.migrations) {
    if (m.change == ChangeKind::kDeleted) continue;
    if ((m.up && uncaptured(*m.up)) || (m.down && uncaptured(*m.down))) return true;
  }
  return false;
}

CaptureResult capture_javascript(MigrationSet& set, const RoundTripOptions& options, bool no_db,
                                 const std::string& workdir) {
  CaptureResult result;
  if (!has_uncaptured(set)) return result;
  if (no_db) {
    set.not_run_because = "--no-db";
    return result;
  }
  Capture capture(set, options, workdir);
  std::string error = capture.run(result);
  if (!error.empty()) {
    set.not_run_because = error;
    result.ran = false;
  }
  return result;
}

}  // namespace sg
