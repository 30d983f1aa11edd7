// The Node runner (runner/sequelize/runner.cjs, compiled into the binary): one `node` process per
// run that loads each Sequelize migration and calls its up() or down() with a real
// QueryInterface on a scratch database, capturing every SQL statement in order with the call
// that sent it. The JavaScript is a pull request's: node runs contained like the server (the
// unprivileged account, a scrubbed environment with NODE_ENV, no network when the server is
// embedded), and a run that does not settle by the deadline is killed.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/position.h"
#include "core/result.h"
#include "core/transaction_mode.h"
#include "db/runner_lock_watch.h"

namespace sg {

// The runner's own source, as embedded at build time.
const char* sequelize_runner_source();

struct CapturedStatement {
  std::string sql;
  Position at;              // the queryInterface / sequelize call in the .js file
  std::string transaction;  // "" on a pooled connection outside any transaction
  // Set when it ran outside a transaction the migration had open: where that one started.
  std::optional<Position> outside_transaction;
};

struct RunnerFailure {
  std::string kind;  // "load" | "shape" | "sql" | "throw" | "timeout" | "runner"
  std::string message;
  std::string sqlstate;  // kind "sql"
  Position at;
};

struct UseOfHost {
  std::string what;  // "process.env.DATABASE_URL", "execSync ls -l"
  Position at;
};

struct ScriptCapture {
  std::vector<CapturedStatement> statements;
  std::optional<RunnerFailure> failure;
  std::vector<UseOfHost> env_reads;
  std::vector<UseOfHost> commands;
  double ms = 0;
};

struct NodeRunnerOptions {
  std::string database_url;  // libpq URL of the capture database
  bool isolate_network = false;
  std::vector<std::string> module_paths;  // where sequelize and pg are looked for, in order
  std::string node_env = "test";
  int lock_timeout_ms = 60000;
  int statement_timeout_ms = 60000;
  int run_timeout_s = 600;  // one up() or down() that never settles
};

class NodeRunner {
 public:
  // Writes the runner into a temp dir of its own, starts node and connects it. The error names
  // what is missing ("node: not found on PATH", "cannot load sequelize: ...").
  static Result<std::unique_ptr<NodeRunner>> start(const NodeRunnerOptions& options);
  ~NodeRunner();
  NodeRunner(const NodeRunner&) = delete;
  NodeRunner& operator=(const NodeRunner&) = delete;

  // `text`: the migration file's content, written under the runner's dir at `path`.
  ScriptCapture run(const std::string& path, const std::string& text, Direction direction);
  const std::string& sequelize_version() const { return sequelize_version_; }
  const std::string& sequelize_path() const { return sequelize_path_; }
  const std::string& node_version() const { return node_version_; }

 private:
  NodeRunner() = default;
  std::optional<std::string> request(const std::string& line, int timeout_s, std::string& reply);
  void stop();
  void start_dir_reaper();

  int pid_ = -1;
  int to_node_ = -1;
  int from_node_ = -1;
  std::string dir_;
  std::string buffered_;
  std::string sequelize_version_;
  std::string sequelize_path_;
  std::string node_version_;
  int run_timeout_s_ = 600;
  int reaper_fd_ = -1;
  int reaper_pid_ = -1;
  std::unique_ptr<RunnerLockWatch> lock_watch_;  // null when it could not connect
};

// Where the shipped sequelize and pg are: $SG_NODE_MODULES, /usr/local/lib/schemagate/
// node_modules, or the source tree's runner/sequelize/node_modules; those that exist.
std::vector<std::string> shipped_node_modules();

}  // namespace sg
