// `schemagate check`: discover the repository's migrations, lint what the change touched with
// each layout's transaction rule, and add the history rules.
#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/check_delivery.h"
#include "cli/comment_post.h"
#include "cli/output.h"
#include "cli/trusted_setup.h"
#include "db/roundtrip.h"
#include "db/track_roundtrip.h"
#include "lint/config.h"
#include "lint/fail_on.h"
#include "lint/finding_sink.h"
#include "lint/lint_files.h"
#include "repo/base_ref.h"
#include "repo/discover.h"
#include "repo/history.h"
#include "util/sha256.h"
#include "repo/tracks.h"

namespace sg {
namespace {

namespace fs = std::filesystem;


// A migration's risk: the highest of its files' risk (what the statements do, and their
// findings: src/lint/risk.*) and of the history and round-trip findings that name it.
Risk migration_risk(const Migration& m, const nlohmann::json& file_entries,
                    const std::vector<Finding>& findings) {
  Risk risk = Risk::kLow;
  for (const auto& entry : file_entries) {
    std::string file = entry.value("file", "");
    if (m.up && file == m.up->path) {
      risk = std::max(risk, parse_risk(entry.value("risk", "LOW")).value_or(Risk::kLow));
    }
  }
  for (const auto& f : findings) {
    if (!f.suppressed && f.severity != Severity::kOff) risk = std::max(risk, f.risk);
  }
  return risk;
}

// --dir is relative to --repo, which may be a subdirectory of the checkout.
std::vector<std::string> repo_relative_dirs(const CheckArgs& args, const GitRepository& repo) {
  std::error_code ec;
  // workdir() ends in '/': its parent_path() is the directory itself.
  fs::path root = fs::weakly_canonical(fs::path(repo.workdir()).parent_path(), ec);
  fs::path from = fs::weakly_canonical(args.repo, ec);
  fs::path prefix = from.lexically_relative(root);
  std::vector<std::string> out;
  for (const auto& dir : args.dirs) {
    std::string rel = (prefix / dir).lexically_normal().generic_string();
    while (!rel.empty() && rel.back() == '/') rel.pop_back();
    out.push_back(rel == "." ? "" : rel);
  }
  return out;
}

// A file that does not parse fails its round trip at the same spot: the parser's syntax-error
// already says so, with the rule's help, so the server's migration-failed would repeat it.
void drop_repeated_syntax_errors(std::vector<Finding>& roundtrip,
                                 const std::vector<Finding>& linted) {
  auto repeats = [&linted](const Finding& f) {
    if (f.rule_id != "migration-failed") return false;
    return std::any_of(linted.begin(), linted.end(), [&f](const Finding& g) {
      return g.rule_id == "syntax-error" && g.file == f.file && g.line == f.line;
    });
  };
  roundtrip.erase(std::remove_if(roundtrip.begin(), roundtrip.end(), repeats), roundtrip.end());
}

bool mentions(const Finding& f, const Migration& m) {
  return (m.up && f.file == m.up->path) || (m.down && f.file == m.down->path);
}

// Lints the scripts of `m` into `report`; returns the findings that belong to it.
std::vector<Finding> lint_migration(const Migration& m, const Config& config, int pg_version,
                                    Report& report) {
  Report own;
  for (const Script* script : {m.up ? &*m.up : nullptr, m.down ? &*m.down : nullptr}) {
    if (script == nullptr) continue;
    LintOptions options;
    options.pg_version = pg_version;
    options.transaction_mode = script->transaction_mode;
    options.direction = m.down && script == &*m.down ? Direction::kDown : Direction::kUp;
    lint_into_report(SourceFile(script->path, script->text), config.rules, options, own,
                     config.risk);
  }
  // A down script's job is to undo, so its drops say nothing about the migration's risk: the
  // risk and approvals of a migration are those of its up script.
  for (const auto& entry : own.sections.value("files", nlohmann::json::array())) {
    if (!(m.down && entry.value("file", "") == m.down->path)) {
      report.sections["files"].push_back(entry);
    }
  }
  for (auto& f : own.files) {
    if (std::find(report.files.begin(), report.files.end(), f) == report.files.end()) {
      report.files.push_back(f);
    }
  }
  report.notes.insert(report.notes.end(), own.notes.begin(), own.notes.end());
  report.findings.insert(report.findings.end(), own.findings.begin(), own.findings.end());
  return own.findings;
}

std::string change_summary(const MigrationSet& set, size_t linted) {
  size_t counts[5] = {0, 0, 0, 0, 0};
  for (const auto& m : set.migrations) ++counts[static_cast<int>(m.change)];
  std::string dirs;
  for (const auto& d : set.directories) dirs += (dirs.empty() ? "" : ", ") + (d.empty() ? "." : d);
  std::string s = dirs + " (" + set.layout + "): " + std::to_string(set.migrations.size()) +
                  (set.migrations.size() == 1 ? " migration" : " migrations");
  for (ChangeKind k :
       {ChangeKind::kAdded, ChangeKind::kModified, ChangeKind::kRenamed, ChangeKind::kDeleted}) {
    size_t n = counts[static_cast<int>(k)];
    if (n > 0) s += ", " + std::to_string(n) + " " + std::string(to_string(k));
  }
  s += "; linted " + std::to_string(linted);
  if (!set.base_commit.empty()) s += " against merge base " + set.base_commit.substr(0, 12);
  return s;
}

// change_summary() of one track's migrations.
std::string track_summary(const MigrationSet& set, const TrackConfig& track) {
  MigrationSet own = set;
  own.migrations.clear();
  own.directories = {track.path};
  own.layout.clear();
  size_t linted = 0;
  for (const auto& m : set.migrations) {
    if (m.track != track.name) continue;
    if (under_review(set, m)) ++linted;
    if (own.layout.find(m.layout) == std::string::npos) {
      own.layout += (own.layout.empty() ? "" : ",") + m.layout;
    }
    own.migrations.push_back(m);
  }
  if (own.layout.empty()) own.layout = track.layout;
  return "track " + track.name + ": " + change_summary(own, linted);
}

// fnmatch without FNM_PATHNAME lets `*` cross `/`, so `db/**/*.sql` and `legacy/*` both read
// the way users write them in [paths].
bool matches_any(const std::vector<std::string>& globs, const std::string& path) {
  for (const auto& glob : globs) {
    if (fnmatch(glob.c_str(), path.c_str(), 0) == 0) return true;
  }
  return false;
}

// The config's [paths] include / exclude, applied to each migration's up (or down) path.
void apply_path_globs(const Config& config, MigrationSet& set) {
  if (config.include.empty() && config.exclude.empty()) return;
  auto& list = set.migrations;
  list.erase(std::remove_if(list.begin(), list.end(),
                            [&](const Migration& m) {
                              const Script* s = m.up ? &*m.up : m.down ? &*m.down : nullptr;
                              if (s == nullptr) return false;
                              if (!config.include.empty() && !matches_any(config.include, s->path))
                                return true;
                              return matches_any(config.exclude, s->path);
                            }),
             list.end());
}

// What the round trip treats as new: the change's migrations, or with --all every one (the
// round trip applies unchanged migrations as history and proves up/down/up on the others).
MigrationSet round_trip_set(const MigrationSet& set) {
  if (!set.review_all) return set;
  MigrationSet copy = set;
  for (auto& m : copy.migrations) {
    if (m.change == ChangeKind::kUnchanged) m.change = ChangeKind::kModified;
  }
  return copy;
}

int run_check(CheckArgs args) {
  auto fail = [](const std::string& message) {
    std::cerr << "error: " << message << "\n";
    return kExitError;
  };
  // The config file is looked up from the repository directory, not the caller's.
  std::string config_path = args.config_path;
  if (config_path.empty()) {
    if (auto found = find_config(fs::absolute(args.repo).lexically_normal())) config_path = found->string();
  }
  ConfigResult loaded = resolve_config(config_path);
  for (const auto& error : loaded.errors) std::cerr << "error: " << error << "\n";
  if (!loaded.config) return kExitError;
  const Config& config = *loaded.config;
  std::string fail_on_text = args.fail_on.value_or(config.fail_on);
  auto fail_on = parse_fail_on(fail_on_text);
  if (!fail_on) {
    return fail("--fail-on: expected error, warning, none or risk:LEVEL, got '" + fail_on_text +
                "'");
  }
  int pg_version = args.pg_version.value_or(config.pg_version);
  args.roundtrip.rehearse_rows = args.rehearse_rows.value_or(config.rehearse_rows);
  auto repo = GitRepository::open(args.repo);
  if (!repo) return fail(repo.error);
  auto head = repo.value->resolve_commit(args.head);
  if (!head) return fail("--head " + args.head + ": " + head.error);

  Report report;
  DiscoverOptions options;
  options.dirs = repo_relative_dirs(args, *repo.value);
  options.layout = args.layout;
  options.head_commit = *head.value;
  options.all = args.all;
  auto base = resolve_base_ref(*repo.value, base_ref_sources_from_env(args.base));
  if (base) {
    auto merge_base = repo.value->merge_base(base.value->commit, *head.value);
    if (!merge_base) return fail(merge_base.error);
    options.base_commit = *merge_base.value;
  } else if (args.all && args.base.empty()) {
    report.notes.push_back(base.error + "; --all checks every migration without change history");
  } else {
    return fail(base.error);
  }
  if (!config.tracks.empty() && (!args.dirs.empty() || args.layout != "auto")) {
    return fail("--dir and --layout cannot be combined with the [[tracks]] of " + config.source +
                ": each track names its path and layout");
  }
  TrustedSetupInput trusted{&*repo.value, &config, config_path, options.base_commit, *head.value};
  auto setup = trusted_setup(trusted, report.notes);
  if (!setup) return fail(setup.error);
  args.roundtrip.setup = std::move(*setup.value);
  auto set = config.tracks.empty() ? discover(*repo.value, options)
                                   : discover_tracks(*repo.value, config.tracks, options);
  if (!set) return fail(set.error);
  apply_path_globs(config, *set.value);

  const RuleSet& rules = config.rules;
  report.sections["files"] = nlohmann::json::array();
  std::vector<Finding> history = run_history_rules(*set.value, rules);
  size_t linted = 0;
  std::vector<std::vector<Finding>> own_findings(set.value->migrations.size());
  for (size_t i = 0; i < set.value->migrations.size(); ++i) {
    const Migration& m = set.value->migrations[i];
    if (under_review(*set.value, m)) {
      own_findings[i] = lint_migration(m, config, pg_version, report);
      ++linted;
    }
  }
  // The round trip proves what lint can only guess; it needs the whole ordered set (history
  // first), so it runs once for every migration under review.
  bool any_new = false;
  for (const auto& m : round_trip_set(*set.value).migrations) {
    any_new = any_new || (m.change != ChangeKind::kUnchanged && m.change != ChangeKind::kDeleted);
  }
  std::optional<TrackedRoundTrip> roundtrip;
  if (!args.no_db && any_new) {
    roundtrip = run_track_roundtrips(round_trip_set(*set.value), config.tracks, args.roundtrip);
    const RoundTripReport& merged = roundtrip->merged;
    if (!merged.error.empty()) report.errors.push_back(merged.error);
    std::vector<Finding> from_roundtrip = with_configured_severity(merged.findings, rules);
    drop_repeated_syntax_errors(from_roundtrip, report.findings);
    history.insert(history.end(), from_roundtrip.begin(), from_roundtrip.end());
    report.sections["roundtrip"] = to_json(*roundtrip);
    report.sections["containment"] = to_json(merged.containment);
    auto contained = containment_notes(merged.containment);
    report.notes.insert(report.notes.end(), contained.begin(), contained.end());
    if (merged.rehearsal) {
      auto notes = rehearsal_notes(*merged.rehearsal);
      report.notes.insert(report.notes.end(), notes.begin(), notes.end());
    }
  }
  nlohmann::json migrations = nlohmann::json::array();
  for (size_t i = 0; i < set.value->migrations.size(); ++i) {
    const Migration& m = set.value->migrations[i];
    std::vector<Finding> own = own_findings[i];
    for (const auto& f : history) {
      if (mentions(f, m)) own.push_back(f);
    }
    nlohmann::json entry = to_json(m);
    entry["risk"] = to_string(migration_risk(m, report.sections["files"], own));
    // The release gate finds this check's round trip again by content (gate/roundtrip_record.h).
    entry["up_sha256"] = m.up ? nlohmann::json(sha256_hex(m.up->text)) : nlohmann::json(nullptr);
    entry["down_sha256"] =
        m.down ? nlohmann::json(sha256_hex(m.down->text)) : nlohmann::json(nullptr);
    migrations.push_back(std::move(entry));
  }
  report.findings.insert(report.findings.end(), history.begin(), history.end());
  std::stable_sort(report.findings.begin(), report.findings.end(), finding_order);
  report.sections["migrations"] = std::move(migrations);

  if (set.value->migrations.empty() && set.value->orphan_rollbacks.empty() &&
      set.value->unrecognized_files.empty()) {
    report.notes.push_back(
        "no migrations found in " + repo.value->workdir() +
        (args.dirs.empty() ? " (auto-detect looks for plain, golang-migrate, Flyway, Prisma, "
                             "dbmate, goose, sqitch and Liquibase layouts; name one with --dir "
                             "and --layout)"
                           : " under --dir") +
        "; nothing to check");
  } else if (config.tracks.empty()) {
    report.notes.push_back(change_summary(*set.value, linted));
  } else {
    for (const auto& t : config.tracks) report.notes.push_back(track_summary(*set.value, t));
  }
  if (set.value->migrations.empty()) {
    // Nothing to say about a round trip of nothing.
  } else if (args.no_db) {
    report.notes.push_back("--no-db: skipped the database round trip; ran static checks only");
  } else if (!any_new) {
    report.notes.push_back("no new or edited migration: nothing to round-trip");
  }
  if (roundtrip && args.format == "text" && args.output.empty()) {
    write_track_roundtrips_text(*roundtrip, std::cout);
  }
  if (!deliver(report, args, *set.value)) return kExitError;
  if (args.comment) {
    int posted = post_comment(to_json(report), args.comment_request);
    if (posted != kExitClean) return posted;
  }
  if (!report.errors.empty()) return kExitError;
  std::vector<Risk> risks = file_risks(report.sections.value("files", nlohmann::json::array()));
  return fails(*fail_on, report.findings, risks) ? kExitFindings : kExitClean;
}

}  // namespace

void add_check_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* cmd = app.add_subcommand(
      "check", "Check a repository's migrations: what the change adds or edits, and its history");
  cmd->add_option("--repo", args->repo, "Directory inside the git checkout (default: .)");
  cmd->add_option("--dir", args->dirs,
                  "Migration directory, relative to --repo (repeatable; "
                  "default: auto-detect)");
  std::vector<std::string> layouts{"auto"};
  for (const auto& l : all_layouts()) layouts.emplace_back(l.name);
  cmd->add_option("--layout", args->layout, "Migration tool layout")->check(CLI::IsMember(layouts));
  cmd->add_option(
      "--base", args->base,
      "Base ref (default: GITHUB_BASE_REF, the pull request's base, origin/main, main)");
  cmd->add_option("--head", args->head, "Head ref (default: HEAD)");
  cmd->add_flag("--all", args->all, "Lint every migration, not only the added and modified ones");
  cmd->add_flag("--no-db", args->no_db, "Skip the database round trip");
  cmd->add_option("--database-url", args->roundtrip.database_url,
                  "Round-trip on this server (in a scratch database, dropped afterwards) instead "
                  "of an embedded one");
  cmd->add_option("--postgres-bin", args->roundtrip.postgres_bin,
                  "Directory with initdb and postgres for the embedded server");
  cmd->add_option("--timeout-ms", args->roundtrip.statement_timeout_ms,
                  "lock_timeout and statement_timeout for the round trip (default 60000)")
      ->check(CLI::Range(1, 86400000));
  cmd->add_option("--rehearse-rows", args->rehearse_rows,
                  "Fill every table the history creates with N synthetic rows before the new "
                  "migrations run (default: [roundtrip] rehearse_rows, 0: off)")
      ->check(CLI::Range(0, 100000000));
  cmd->add_option("--config", args->config_path,
                  "Configuration file (default: .schemagate.toml up to the git root)");
  cmd->add_option("--pg-version", args->pg_version, "PostgreSQL major version of the target")
      ->check(CLI::Range(9, 18));
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember(output_formats()));
  cmd->add_option("--output", args->output, "Write the report to this file instead of stdout");
  cmd->add_option("--report-json", args->report_json,
                  "Also save the JSON report to this file (for `schemagate comment`)");
  cmd->add_option("--audit-log", args->audit_log,
                  "Append one JSON line per checked migration (seed 004's audit record) to FILE");
  cmd->add_option("--audit-database-url", args->audit_database_url,
                  "Also record the run in this PostgreSQL database (schemagate applies its own "
                  "migrations there first)");
  cmd->add_flag("--comment", args->comment,
                "Post or update the pull request's sticky comment (needs GITHUB_TOKEN)");
  cmd->add_option("--fail-on", args->fail_on,
                  "Exit 1 on findings at or above: error, warning, none, risk:LEVEL");
  cmd->callback([args, &exit_code] {
    args->roundtrip.lock_timeout_ms = args->roundtrip.statement_timeout_ms;
    exit_code = run_check(*args);
  });
}

}  // namespace sg
