#include <iostream>
#include <memory>
#include <optional>

#include "cli/commands.h"
#include "cli/output.h"
#include "config/config.h"
#include "assess/fail_on.h"
#include "report/lint_report.h"
#include "report/audit_record.h"

namespace sg {
namespace {

struct LintArgs {
  std::vector<std::string> files;
  std::string format = "text";
  std::string config_path;
  std::string output;
  std::string audit_log;
  std::optional<std::string> fail_on;  // unset: the config's (default "error")
  std::optional<int> pg_version;       // unset: the config's (default 15)
  bool assume_in_transaction = false;
};

int run_lint(const LintArgs& args) {
  ConfigResult loaded = resolve_config(args.config_path);
  for (const auto& error : loaded.errors) std::cerr << "error: " << error << "\n";
  if (!loaded.config) return kExitError;
  const Config& config = *loaded.config;
  // Command-line flags override the file.
  std::string fail_on_text = args.fail_on.value_or(config.fail_on);
  auto fail_on = parse_fail_on(fail_on_text);
  if (!fail_on) {
    std::cerr << "error: --fail-on: expected error, warning, none or risk:LEVEL, got '"
              << fail_on_text << "'\n";
    return kExitError;
  }
  LintOptions options;
  options.pg_version = args.pg_version.value_or(config.pg_version);
  options.assume_in_transaction = args.assume_in_transaction;
  Report report = lint_files(args.files, config.rules, options, std::cin, config.risk);
  if (!emit_report(report, args.format, args.output)) return kExitError;
  if (!args.audit_log.empty()) {
    // Without discovery each file is its own migration, clean ones included.
    Report checked = report;
    for (const auto& file : report.files) {
      ReportedMigration m;
      m.id = m.up = file;
      m.change.clear();
      checked.migrations.push_back(std::move(m));
    }
    std::string error =
        append_audit_log(args.audit_log, audit_records(checked, audit_context_from_environment()));
    if (!error.empty()) {
      std::cerr << "error: " << error << "\n";
      return kExitError;
    }
  }
  if (!report.errors.empty()) return kExitError;
  return fails(*fail_on, report.findings, report.file_risks) ? kExitFindings : kExitClean;
}

}  // namespace

void add_lint_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<LintArgs>();
  CLI::App* cmd = app.add_subcommand("lint", "Lint SQL files (static checks only)");
  cmd->add_option("files", args->files, "SQL files; - reads standard input")->required();
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember(output_formats()));
  cmd->add_option("--output", args->output, "Write the report to FILE instead of stdout");
  cmd->add_option("--audit-log", args->audit_log,
                  "Append one JSON line per file checked (seed 004's audit record) to FILE");
  cmd->add_option("--pg-version", args->pg_version, "PostgreSQL major version of the target")
      ->check(CLI::Range(9, 18));
  cmd->add_option("--config", args->config_path,
                  "Configuration file (default: .schemagate.toml up to the git root)");
  cmd->add_flag("--assume-in-transaction", args->assume_in_transaction,
                "Treat each file as one transaction (as migration tools that wrap it do)");
  cmd->add_option("--fail-on", args->fail_on,
                  "Exit 1 on findings at or above: error, warning, none, risk:LEVEL");
  cmd->callback([args, &exit_code] { exit_code = run_lint(*args); });
}

}  // namespace sg
