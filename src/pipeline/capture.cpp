#include "pipeline/capture.h"

#include <map>
#include <memory>

#include "db/node_runner.h"
#include "db/scratch_server.h"

namespace sg {
namespace {

// As the round trip will take it (round_trip_set: with --all every migration is new).
bool round_trips(const MigrationSet& set, const Migration& m) {
  return set.review_all || is_new(m);
}

std::string where(const Script& s, const Position& p) {
  return s.path + ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
}

// A failure that is not an SQL error (the file does not load, up() throws, never settles) is
// replayed as a statement that fails at its line with its message, so the round trip reports
// it as it reports an SQL failure: migration-failed, rollback-failed or history-failed.
std::string failing_statement(const RunnerFailure& f) {
  std::string message = f.kind == "load" ? "cannot load the migration: " + f.message
                        : f.kind == "shape" ? "the migration " + f.message
                                            : f.message;
  if (message.find("Cannot find module") != std::string::npos) {
    message += " (schemagate runs each migration file from git, with the shipped sequelize and pg "
               "or the project's node_modules: a project module it requires must load from there)";
  }
  std::string tag = "$sg_failure$";
  while (message.find(tag) != std::string::npos) tag.insert(tag.size() - 1, "x");
  return "DO $sg_do$ BEGIN RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = " + tag + message +
         tag + "; END $sg_do$";
}

// The captured SQL as a script: one span per query, each mapped to its call.
Script captured_script(const Script& js, const ScriptCapture& capture) {
  Script out = js;
  auto map = std::make_shared<SourceMap>();
  map->original = js.text;
  out.text.clear();
  out.statement_spans.clear();
  auto add = [&](const std::string& sql, const Position& at) {
    size_t begin = out.text.size();
    out.text += sql;
    // Sequelize sends some queries without a final ';': the text must still split as they ran.
    size_t last = out.text.find_last_not_of(" \t\r\n");
    if (last != std::string::npos && last >= begin && out.text[last] != ';') out.text += ";";
    out.statement_spans.emplace_back(begin, out.text.size());
    out.text += "\n";
    map->spans.push_back({begin, at});
  };
  for (const auto& s : capture.statements) add(s.sql, s.at);
  if (capture.failure && capture.failure->kind != "sql") {
    // A run that never settled, or a runner that died, has no line of its own: the function's.
    bool placed = capture.failure->kind != "timeout" && capture.failure->kind != "runner";
    add(failing_statement(*capture.failure),
        placed ? capture.failure->at : Position{js.line, 1});
  }
  if (map->spans.empty()) map->spans.push_back({0, Position{js.line, 1}});
  out.source_map = std::move(map);
  return out;
}

// Notes on what the JavaScript did besides sending SQL.
void note_host_use(const Script& js, const ScriptCapture& capture, const std::string& node_env,
                   std::vector<std::string>& notes) {
  for (const auto& r : capture.env_reads) {
    notes.push_back(where(js, r.at) + ": the migration reads " + r.what +
                    ": its SQL may differ in production (it ran here with NODE_ENV=" + node_env +
                    " and no other variable)");
  }
  for (const auto& c : capture.commands) {
    notes.push_back(where(js, c.at) + ": the migration runs a command (" + c.what +
                    "): schemagate ran it contained, without network or secrets; what it does "
                    "in production was not checked");
  }
  std::map<int, bool> said;
  for (const auto& s : capture.statements) {
    if (!s.outside_transaction || said[s.at.line]) continue;
    said[s.at.line] = true;
    notes.push_back(where(js, s.at) + ": this query runs outside the transaction opened at line " +
                    std::to_string(s.outside_transaction->line) +
                    " (it was not passed { transaction }): it commits on its own, a later "
                    "failure does not roll it back, and it waits for the transaction's locks");
  }
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
    if (auto e = create_tool_tables(**session.value, set_)) return "capture: " + *e;
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
      capture_one(m, result.notes, node.node_env);
    }
    return "";
  }

 private:
  void capture_one(Migration& m, std::vector<std::string>& notes, const std::string& node_env) {
    Script js = *m.up;
    ScriptCapture up = runner_->run(js.path, js.text, Direction::kUp);
    if (round_trips(set_, m)) note_host_use(js, up, node_env, notes);
    m.up = captured_script(js, up);
    if (!m.down) return;
    if (!round_trips(set_, m) || up.failure) {
      // History goes up only, and a failed up is never rolled back: its down sends nothing.
      m.down = captured_script(*m.down, ScriptCapture{});
      return;
    }
    ScriptCapture down = runner_->run(js.path, js.text, Direction::kDown);
    note_host_use(js, down, node_env, notes);
    m.down = captured_script(*m.down, down);
    if (down.failure) return;
    // Up again, as the round trip does, so the next migration finds the schema it will.
    runner_->run(js.path, js.text, Direction::kUp);
  }

  MigrationSet& set_;
  const RoundTripOptions& options_;
  std::string workdir_;
  ScratchServer scratch_;
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
