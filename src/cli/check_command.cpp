// `schemagate check`: options in, the pipeline (src/pipeline/check.h) runs, the report goes out
// everywhere the user asked, and the exit code says whether the change passes.
#include <iostream>
#include <memory>

#include "cli/check_delivery.h"
#include "cli/cache_dir_option.h"
#include "cli/database_url_option.h"
#include "cli/commands.h"
#include "cli/comment_post.h"
#include "cli/output.h"
#include "pipeline/check.h"
#include "layouts/layout.h"

namespace sg {
namespace {

int check_and_emit(const CheckArgs& args) {
  auto result = check(args.input);
  if (!result) {
    std::string error = result.error;
    for (size_t start = 0; start <= error.size();) {
      size_t end = error.find('\n', start);
      if (end == std::string::npos) end = error.size();
      std::cerr << "error: " << error.substr(start, end - start) << "\n";
      start = end + 1;
    }
    return kExitError;
  }
  const CheckResult& checked = *result.value;
  if (checked.roundtrip && args.format == "text" && args.output.empty()) {
    write_track_roundtrips_text(*checked.roundtrip, std::cout);
  }
  if (!deliver(checked.report, args, checked.set)) return kExitError;
  if (args.comment) {
    int posted = post_comment(checked.report, args.comment_request);
    if (posted != kExitClean) return posted;
  }
  if (!checked.report.errors.empty()) return kExitError;
  return checked.fails() ? kExitFindings : kExitClean;
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* cmd = app.add_subcommand(
      "check", "Check a repository's migrations: what the change adds or edits, and its history");
  cmd->add_option("--repo", args->input.repo, "Directory inside the git checkout (default: .)");
  cmd->add_option("--dir", args->input.dirs,
                  "Migration directory, relative to --repo (repeatable; "
                  "default: auto-detect)");
  std::vector<std::string> layouts{"auto"};
  for (const auto& l : all_layouts()) layouts.emplace_back(l.name);
  cmd->add_option("--layout", args->input.layout, "Migration tool layout")->check(CLI::IsMember(layouts));
  cmd->add_option(
      "--base", args->input.base,
      "Base ref (default: GITHUB_BASE_REF, the pull request's base, origin/main, main)");
  cmd->add_option("--head", args->input.head, "Head ref (default: HEAD)");
  cmd->add_flag("--all", args->input.all, "Lint every migration, not only the added and modified ones");
  cmd->add_flag("--no-db", args->input.no_db, "Skip the database round trip");
  add_database_url_option(cmd, args->input.roundtrip.database_url, args->database_url_file,
                          "Round-trip on this server (in scratch databases, dropped afterwards) "
                          "instead of an embedded one");
  cmd->add_option("--deadline", args->input.roundtrip.deadline_s,
                  "Stop the round trip after this many seconds, failing the statement then "
                  "running (default 600)")
      ->check(CLI::Range(1, 86400));
  cmd->add_option("--postgres-bin", args->input.roundtrip.postgres_bin,
                  "Directory with initdb and postgres for the embedded server");
  add_cache_dir_option(cmd, args->input.roundtrip.cache_dir);
  cmd->add_option("--timeout-ms", args->input.roundtrip.statement_timeout_ms,
                  "lock_timeout and statement_timeout for the round trip (default 60000)")
      ->check(CLI::Range(1, 86400000));
  cmd->add_option("--rehearse-rows", args->input.rehearse_rows,
                  "Fill every table the history creates with N synthetic rows before the new "
                  "migrations run (default: [roundtrip] rehearse_rows, 0: off)")
      ->check(CLI::Range(0, 100000000));
  cmd->add_option("--config", args->input.config_path,
                  "Configuration file (default: .schemagate.toml up to the git root)");
  cmd->add_option("--pg-version", args->input.pg_version, "PostgreSQL major version of the target")
      ->check(CLI::Range(9, 18));
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember(output_formats()));
  cmd->add_option("--output", args->output, "Write the report to this file instead of stdout");
  cmd->add_option("--report-json", args->report_json,
                  "Also save the JSON report to this file (for `schemagate comment`)");
  cmd->add_option("--report-markdown", args->report_markdown,
                  "Also save the markdown report (the pull-request comment's text) to this file");
  cmd->add_option("--audit-log", args->audit_log,
                  "Append one JSON line per checked migration (seed 004's audit record) to FILE");
  cmd->add_option("--audit-database-url", args->audit_database_url,
                  "Also record the run in this PostgreSQL database (schemagate applies its own "
                  "migrations there first)");
  cmd->add_flag("--comment", args->comment,
                "Post or update the pull request's sticky comment (needs GITHUB_TOKEN)");
  cmd->add_option("--fail-on", args->input.fail_on,
                  "Exit 1 on findings at or above: error, warning, none, risk:LEVEL");
  cmd->callback([args, &exit_code] {
    args->input.roundtrip.lock_timeout_ms = args->input.roundtrip.statement_timeout_ms;
    if (!take_database_url(args->input.roundtrip.database_url, args->database_url_file)) {
      exit_code = kExitError;
      return;
    }
    exit_code = check_and_emit(*args);
  });
}

}  // namespace sg
