// `schemagate roundtrip`: up, down, up for explicit files on an embedded or given PostgreSQL,
// usable before (and without) repository discovery.
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/cache_dir_option.h"
#include "cli/database_url_option.h"
#include "cli/output.h"
#include "db/roundtrip.h"
#include "assess/fail_on.h"
#include "rules/database_rules.h"
#include "repo/snapshot.h"
#include "sql/source_file.h"

namespace sg {
namespace {

struct RoundTripArgs {
  std::vector<std::string> ups;
  std::vector<std::string> downs;
  std::vector<std::string> history;
  std::string transaction_mode = "psql";
  std::string format = "text";
  std::string fail_on = "error";
  RoundTripOptions options;
  std::string database_url_file;
};

TransactionMode mode_of(const std::string& name) {
  if (name == "whole-file") return TransactionMode::kWholeFileImplicit;
  if (name == "wrapped") return TransactionMode::kWrappedByTool;
  return TransactionMode::kStatementByStatement;
}

bool load(const std::string& path, TransactionMode mode, std::optional<Script>& out,
          std::vector<std::string>& errors) {
  auto read = read_source_file(path, path);
  if (!read) {
    errors.push_back(read.error);
    return false;
  }
  out = make_script(path, read.value->text(), mode);
  return true;
}

int run(const RoundTripArgs& args) {
  auto fail_on = parse_fail_on(args.fail_on);
  if (!fail_on) {
    std::cerr << "error: --fail-on: expected error, warning, none or risk:LEVEL, got '"
              << args.fail_on << "'\n";
    return kExitError;
  }
  TransactionMode mode = mode_of(args.transaction_mode);
  Report report;
  MigrationSet set;
  for (const auto& path : args.history) {
    Migration m;
    m.id = std::filesystem::path(path).stem().string();
    if (load(path, mode, m.up, report.errors)) set.migrations.push_back(std::move(m));
  }
  if (!args.downs.empty() && args.downs.size() != args.ups.size()) {
    std::cerr << "error: --down: give one per --up (or none), in the same order\n";
    return kExitError;
  }
  for (size_t i = 0; i < args.ups.size(); ++i) {
    Migration change;
    change.id = std::filesystem::path(args.ups[i]).stem().string();
    change.change = ChangeKind::kAdded;
    load(args.ups[i], mode, change.up, report.errors);
    if (!args.downs.empty()) load(args.downs[i], mode, change.down, report.errors);
    set.migrations.push_back(std::move(change));
  }
  if (!report.errors.empty()) {
    emit_report(report, args.format, "");
    return kExitError;
  }
  RoundTripReport result = run_roundtrip(set, args.options);
  // `roundtrip` takes no .schemagate.toml: each database rule at its default severity.
  report.findings = run_database_rules(result.facts, RuleSet::defaults());
  for (const auto& m : set.migrations) {
    report.files.push_back(m.up->path);
    if (m.down) report.files.push_back(m.down->path);
  }
  report.roundtrip = results_of(result);
  if (result.rehearsal) {
    auto notes = rehearsal_notes(*result.rehearsal);
    report.notes.insert(report.notes.end(), notes.begin(), notes.end());
  }
  if (!result.error.empty()) report.errors.push_back(result.error);
  if (args.format == "text") write_roundtrip_text(result, std::cout);
  if (!emit_report(report, args.format, "")) return kExitError;
  if (!report.errors.empty()) return kExitError;
  return fails(*fail_on, report.findings) ? kExitFindings : kExitClean;
}

}  // namespace

void add_roundtrip_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<RoundTripArgs>();
  CLI::App* cmd = app.add_subcommand(
      "roundtrip", "Apply a migration, its rollback and the migration again on PostgreSQL");
  cmd->add_option("--up", args->ups, "A new migration (up) script; repeat for several, in order")
      ->required();
  cmd->add_option("--down", args->downs, "Its rollback (down) script; one per --up, same order");
  cmd->add_option("--history", args->history, "Migrations applied first, in order");
  add_database_url_option(cmd, args->options.database_url, args->database_url_file,
                          "Use this server (scratch databases are created and dropped) instead "
                          "of an embedded one");
  cmd->add_option("--deadline", args->options.deadline_s,
                  "Stop after this many seconds, failing the statement then running "
                  "(default 600)")
      ->check(CLI::Range(1, 86400));
  cmd->add_option("--postgres-bin", args->options.postgres_bin,
                  "Directory with initdb and postgres for the embedded server");
  add_cache_dir_option(cmd, args->options.cache_dir);
  cmd->add_option("--transaction-mode", args->transaction_mode,
                  "How the tool sends each file: psql (statement by statement), whole-file "
                  "(one call, as golang-migrate), wrapped (BEGIN ... COMMIT)")
      ->check(CLI::IsMember({"psql", "whole-file", "wrapped"}));
  cmd->add_option("--timeout-ms", args->options.statement_timeout_ms,
                  "lock_timeout and statement_timeout for every statement (default 60000)")
      ->check(CLI::Range(1, 86400000));
  cmd->add_option("--rehearse-rows", args->options.rehearse_rows,
                  "Fill every history table with N synthetic rows before the first --up "
                  "(default 0: off)")
      ->check(CLI::Range(0, 100000000));
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--fail-on", args->fail_on,
                  "Exit 1 on findings at or above: error, warning, none, risk:LEVEL");
  cmd->callback([args, &exit_code] {
    args->options.lock_timeout_ms = args->options.statement_timeout_ms;
    if (!take_database_url(args->options.database_url, args->database_url_file)) {
      exit_code = kExitError;
      return;
    }
    exit_code = run(*args);
  });
}

}  // namespace sg
