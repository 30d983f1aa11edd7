// `schemagate check`: discover the repository's migrations, lint what the change touched with
// each layout's transaction rule, and add the history rules.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/output.h"
#include "lint/fail_on.h"
#include "lint/lint_files.h"
#include "repo/base_ref.h"
#include "repo/discover.h"
#include "repo/history.h"

namespace sg {
namespace {

namespace fs = std::filesystem;

struct CheckArgs {
  std::string repo = ".";
  std::vector<std::string> dirs;
  std::string layout = "auto";
  std::string base;
  std::string head = "HEAD";
  bool all = false;
  bool no_db = false;
  std::string format = "text";
  std::string output;
  std::string fail_on = "error";
};

// A migration's risk: the highest among its findings, LOW without any. (RULES.md also asks
// for the risk of what the statements do; src/lint/risk.* will replace this function.)
Risk migration_risk(const std::vector<Finding>& findings) {
  Risk risk = Risk::kLow;
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

bool mentions(const Finding& f, const Migration& m) {
  return (m.up && f.file == m.up->path) || (m.down && f.file == m.down->path);
}

// Lints the scripts of `m` into `report`; returns the findings that belong to it.
std::vector<Finding> lint_migration(const Migration& m, const RuleSet& rules, Report& report) {
  Report own;
  for (const Script* script : {m.up ? &*m.up : nullptr, m.down ? &*m.down : nullptr}) {
    if (script == nullptr) continue;
    LintOptions options;
    options.transaction_mode = script->transaction_mode;
    options.direction = m.down && script == &*m.down ? Direction::kDown : Direction::kUp;
    lint_into_report(SourceFile(script->path, script->text), rules, options, own);
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

int run_check(const CheckArgs& args) {
  auto fail_on = parse_fail_on(args.fail_on);
  if (!fail_on) {
    std::cerr << "error: --fail-on: expected error, warning, none or risk:LEVEL, got '"
              << args.fail_on << "'\n";
    return kExitError;
  }
  auto fail = [](const std::string& message) {
    std::cerr << "error: " << message << "\n";
    return kExitError;
  };
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
  auto set = discover(*repo.value, options);
  if (!set) return fail(set.error);

  const RuleSet rules = RuleSet::defaults();
  std::vector<Finding> history = run_history_rules(*set.value, rules);
  nlohmann::json migrations = nlohmann::json::array();
  size_t linted = 0;
  for (const auto& m : set.value->migrations) {
    std::vector<Finding> own;
    if (under_review(*set.value, m)) {
      own = lint_migration(m, rules, report);
      ++linted;
    }
    for (const auto& f : history) {
      if (mentions(f, m)) own.push_back(f);
    }
    nlohmann::json entry = to_json(m);
    entry["risk"] = to_string(migration_risk(own));
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
  } else {
    report.notes.push_back(change_summary(*set.value, linted));
  }
  if (!args.no_db)
    report.notes.push_back("database round trip not available yet; ran static checks only");
  if (!emit_report(report, args.format, args.output)) return kExitError;
  if (!report.errors.empty()) return kExitError;
  return fails(*fail_on, report.findings) ? kExitFindings : kExitClean;
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
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--output", args->output, "Write the report to this file instead of stdout");
  cmd->add_option("--fail-on", args->fail_on,
                  "Exit 1 on findings at or above: error, warning, none, risk:LEVEL");
  cmd->callback([args, &exit_code] { exit_code = run_check(*args); });
}

}  // namespace sg
