#include "cli/gate_options.h"

#include <iostream>

#include "cli/cache_dir_option.h"
#include "cli/database_url_option.h"

#include "layouts/layout.h"

namespace sg {

void add_target_options(CLI::App* cmd, TargetArgs& args) {
  add_database_url_option(cmd, args.target.database_url, args.database_url_file,
                          "The target database (libpq URL or key=value); read only");
  cmd->add_option("--repo", args.repo, "The checkout holding the migrations (default: .)");
  cmd->add_option("--dir", args.dirs,
                  "Migration directory, relative to --repo (default: auto-detect)");
  std::vector<std::string> layouts{"auto"};
  for (const auto& l : all_layouts()) layouts.emplace_back(l.name);
  cmd->add_option("--layout", args.layout, "Migration tool layout")->check(CLI::IsMember(layouts));
  cmd->add_option("--tracking-table", args.target.tracking_table,
                  "The tool's tracking table when renamed (default: config [target] "
                  "tracking_table, else the tool's own name)");
  cmd->add_option("--track", args.tracks,
                  "With [[tracks]]: only this track's pending migrations are deployed now "
                  "(repeatable; default: every track)");
  cmd->add_option("--timeout-ms", args.target.timeout_ms,
                  "statement_timeout and lock_timeout on the target (default 10000)")
      ->check(CLI::Range(1, 86400000));
  cmd->add_option("--config", args.config_path,
                  "Configuration file (default: .schemagate.toml up to the git root)");
}

bool resolve_target_url(TargetArgs& args, const std::string& command) {
  std::string error = resolve_database_url(args.target.database_url, args.database_url_file);
  if (error.empty() && args.target.database_url.empty()) {
    error = command + " needs the target database: --database-url, $" +
            kDatabaseUrlVariable + " or --database-url-file";
  }
  if (error.empty()) return true;
  std::cerr << "error: " << error << "\n";
  return false;
}

void add_evidence_options(CLI::App* cmd, EvidenceArgs& args) {
  cmd->add_flag("--no-drift", args.no_drift,
                "Skip the drift check (replaying the applied migrations and comparing with the "
                "target)");
  cmd->add_flag("--no-roundtrip-record", args.no_roundtrip_record,
                "Deploy without a passing round-trip record per pending migration (named in the "
                "audit record)");
  cmd->add_flag("--no-approvals", args.no_approvals,
                "Deploy without the approvals the pending migrations' risk levels need (named in "
                "the audit record)");
  cmd->add_option("--postgres-bin", args.postgres_bin,
                  "Directory of initdb and postgres for the drift replay");
  add_cache_dir_option(cmd, args.cache_dir);
  cmd->add_option("--check-report", args.check_reports,
                  "A saved `check --format json` report holding the pending migrations' round "
                  "trips (repeatable)");
  cmd->add_option("--check-audit-log", args.check_audit_logs,
                  "A check --audit-log file holding the pending migrations' round trips "
                  "(repeatable)");
  cmd->add_option("--approvals-file", args.approvals_file,
                  "Recorded approvals (overrides [gate] approvals_file)");
  cmd->add_option("--github-repo", args.github_repo,
                  "owner/name for approving reviews (default $GITHUB_REPOSITORY)");
  cmd->add_option("--commit", args.commit,
                  "Commit whose merged pull request's reviews count, for every pending "
                  "migration (default: each file's own commit in the git history, else "
                  "$GITHUB_SHA)");
}

}  // namespace sg
