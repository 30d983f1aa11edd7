#include "pipeline/check.h"

#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "assess/assessment.h"
#include "config/config.h"
#include "pipeline/capture.h"
#include "pipeline/policy.h"
#include "report/lint_report.h"
#include "db/trusted_setup.h"
#include "repo/base_ref.h"
#include "layouts/discover.h"
#include "layouts/layout.h"
#include "lint/created_objects.h"
#include "rules/database_rules.h"
#include "rules/lock_evidence.h"
#include "rules/history.h"
#include "layouts/tracks.h"
#include "util/sha256.h"
#include "util/join.h"

namespace sg {
namespace {

namespace fs = std::filesystem;

// --dir is relative to --repo, which may be a subdirectory of the checkout. A --dir that does
// not exist, lies outside the repository or holds no file of the head commit is a usage error:
// a typo must not become "no migrations found" and a pass.
Result<std::vector<std::string>> repo_relative_dirs(const CheckInput& args,
                                                    const GitRepository& repo,
                                                    const std::string& head_commit) {
  using Out = Result<std::vector<std::string>>;
  std::error_code ec;
  fs::path from = fs::weakly_canonical(args.repo, ec);
  std::string root = fs::path(repo.workdir()).parent_path().string();
  std::vector<std::string> out;
  for (const auto& dir : args.dirs) {
    fs::path at = fs::weakly_canonical(from / dir, ec);
    std::optional<std::string> rel = repo.repo_path(at);
    if (!rel) {
      return Out::fail("--dir " + dir + ": " + at.string() + " is outside the repository " + root);
    }
    if (!fs::is_directory(at, ec)) {
      return Out::fail("--dir " + dir + ": no such directory " + at.string());
    }
    auto committed = repo.has_directory(head_commit, *rel);
    if (!committed) return Out::fail(committed.error);
    if (!*committed.value) {
      return Out::fail("--dir " + dir + ": " + *rel + " holds no committed file at " +
                       head_commit.substr(0, 12) + " (check reads migrations from git)");
    }
    out.push_back(*rel);
  }
  return {std::move(out), ""};
}

// A failure lint predicted at the same line is that finding's problem, not a second one: a file
// that does not parse fails its round trip at the same spot (syntax-error already says so), and
// a CONCURRENTLY statement in the tool's transaction fails as lint said
// (ban-concurrent-index-creation-in-transaction notes that the round trip confirmed it).
void drop_predicted_failures(std::vector<Finding>& roundtrip, std::vector<Finding>& linted) {
  auto predicted = [&linted](const Finding& f) {
    if (f.rule_id != "migration-failed") return false;
    for (auto& g : linted) {
      if (g.file != f.file || g.line != f.line) continue;
      if (g.rule_id == "syntax-error") return true;
      if (g.rule_id == "ban-concurrent-index-creation-in-transaction") {
        g.message += "; the round trip failed here as the deploy would";
        return true;
      }
    }
    return false;
  };
  roundtrip.erase(std::remove_if(roundtrip.begin(), roundtrip.end(), predicted), roundtrip.end());
}

// `known` and what `script` creates: its tables, and its indexes on tables new in either
// (nothing more when it does not parse: its syntax-error says why).
CreatedObjects created_by(const Script& script, CreatedObjects known) {
  if (uncaptured(script)) return known;
  SourceFile source(script);
  if (source.problem()) return known;
  ParsedFile parsed = parse_sql(source);
  if (parsed.syntax_error) return known;
  for (const auto& stmt : parsed.statements) known.record(stmt);
  return known;
}

// Lints the scripts of `m` into `report`. Its down sees what its up, and the change's earlier
// ups of the same track (`change_created`), created as new objects. Returns those objects.
CreatedObjects lint_migration(const Migration& m, const Config& config, int pg_version,
                              const CreatedObjects& change_created, Report& report) {
  Report own;
  CreatedObjects created = m.up ? created_by(*m.up, change_created) : change_created;
  for (const Script* script : {m.up ? &*m.up : nullptr, m.down ? &*m.down : nullptr}) {
    if (script == nullptr || uncaptured(*script)) continue;  // migration-not-run says why
    if (script->source_map && !script->source_map->ran) continue;  // its up's failure says why
    LintOptions options;
    options.pg_version = pg_version;
    options.transaction_mode = script->transaction_mode;
    options.direction = m.down && script == &*m.down ? Direction::kDown : Direction::kUp;
    size_t up_risks = own.file_risks.size();
    if (options.direction == Direction::kDown) options.created_before = created;
    lint_into_report(SourceFile(*script), config.rules, options, own,
                     config.risk);
    // A down script's job is to undo, so its drops say nothing about the migration's risk: the
    // risk and approvals of a migration are those of its up script. (By direction, not path:
    // dbmate's up and down share one file.)
    if (options.direction == Direction::kDown) own.file_risks.resize(up_risks);
  }
  for (auto& risk : own.file_risks) report.file_risks.push_back(std::move(risk));
  for (auto& f : own.files) {
    if (std::find(report.files.begin(), report.files.end(), f) == report.files.end()) {
      report.files.push_back(f);
    }
  }
  report.notes.insert(report.notes.end(), own.notes.begin(), own.notes.end());
  report.findings.insert(report.findings.end(), own.findings.begin(), own.findings.end());
  return created;
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

// Whether [paths] include / exclude leave `path` out.
bool left_out_by_paths(const Config& config, const std::string& path) {
  if (!config.include.empty() && !matches_any(config.include, path)) return true;
  return matches_any(config.exclude, path);
}

// The config's [paths] include / exclude, applied to each migration's up (or down) path and to
// the change's unclaimed .sql files (less the [roundtrip] setup scripts).
void apply_path_globs(const Config& config, MigrationSet& set) {
  auto& list = set.migrations;
  list.erase(std::remove_if(list.begin(), list.end(),
                            [&](const Migration& m) {
                              const Script* s = m.up ? &*m.up : m.down ? &*m.down : nullptr;
                              return s != nullptr && left_out_by_paths(config, s->path);
                            }),
             list.end());
  // [roundtrip] setup scripts are declared, not unclaimed: the merge base's version runs, and
  // the trusted-setup note says so when the change edits one.
  auto& unclaimed = set.unclaimed_changes;
  unclaimed.erase(std::remove_if(unclaimed.begin(), unclaimed.end(),
                                 [&](const std::string& path) {
                                   return left_out_by_paths(config, path) ||
                                          std::find(config.setup.begin(), config.setup.end(),
                                                    path) != config.setup.end();
                                 }),
                  unclaimed.end());
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

// The change: head, and the merge base with the base ref (none with --all and no base).
Result<DiscoverOptions> resolve_change(const CheckInput& in, const GitRepository& repo,
                                       std::vector<std::string>& notes) {
  using Out = Result<DiscoverOptions>;
  auto head = repo.resolve_commit(in.head);
  if (!head) return Out::fail("--head " + in.head + ": " + head.error);
  DiscoverOptions options;
  auto dirs = repo_relative_dirs(in, repo, *head.value);
  if (!dirs) return Out::fail(dirs.error);
  options.dirs = std::move(*dirs.value);
  options.layout = in.layout;
  options.head_commit = *head.value;
  options.all = in.all;
  auto base = resolve_base_ref(repo, base_ref_sources_from_env(in.base));
  if (base) {
    auto merge_base = repo.merge_base(base.value->commit, *head.value);
    if (!merge_base) return Out::fail(merge_base.error);
    options.base_commit = *merge_base.value;
  } else if (in.all && in.base.empty()) {
    notes.push_back(base.error + "; --all checks every migration without change history");
  } else {
    return Out::fail(base.error);
  }
  return {std::move(options), ""};
}

Result<MigrationSet> discover_stage(const CheckInput& in, const Config& config,
                                    const GitRepository& repo, const DiscoverOptions& options) {
  if (!config.tracks.empty() && (!in.dirs.empty() || in.layout != "auto")) {
    return Result<MigrationSet>::fail("--dir and --layout cannot be combined with the [[tracks]] "
                                      "of " + config.source +
                                      ": each track names its path and layout");
  }
  auto set = config.tracks.empty() ? discover(repo, options)
                                   : discover_tracks(repo, config.tracks, options);
  if (set) apply_path_globs(config, *set.value);
  return set;
}

// Lint: each migration under review with its layout's transaction rule. Returns how many.
size_t lint_stage(const MigrationSet& set, const Config& config, int pg_version, Report& report) {
  size_t linted = 0;
  std::map<std::string, CreatedObjects> change_created;  // per track, by the change's ups so far
  for (const auto& m : set.migrations) {
    if (!under_review(set, m)) continue;
    CreatedObjects& earlier = change_created[m.track];
    CreatedObjects created = lint_migration(m, config, pg_version, earlier, report);
    // Under --all an unchanged migration is reviewed alone: only a change's ups are new later.
    if (m.change != ChangeKind::kUnchanged) earlier = std::move(created);
    ++linted;
  }
  return linted;
}

// `trip`: round_trip_set() of the migration set.
bool has_new(const MigrationSet& trip) {
  for (const auto& m : trip.migrations) {
    if (m.change != ChangeKind::kUnchanged && m.change != ChangeKind::kDeleted) return true;
  }
  return false;
}

// The round trip proves what lint can only guess; it needs the whole ordered set (history
// first), so it runs once for every migration under review. Its findings follow the configured
// rule set and join `findings`.
std::optional<TrackedRoundTrip> roundtrip_stage(const MigrationSet& trip, const Config& config,
                                                const RoundTripOptions& options, Report& report,
                                                std::vector<Finding>& findings) {
  auto roundtrip = run_track_roundtrips(trip, config.tracks, options);
  const RoundTripReport& merged = roundtrip.merged;
  if (!merged.error.empty()) report.errors.push_back(merged.error);
  std::vector<Finding> found = run_database_rules(merged.facts, config.rules);
  drop_predicted_failures(found, report.findings);
  fold_lock_evidence(merged.facts, report.findings, found);
  findings.insert(findings.end(), found.begin(), found.end());
  report.roundtrip = results_of(roundtrip);
  report.history = Report::History{merged.history_count, merged.history_ms};
  report.containment = merged.containment;
  auto contained = containment_notes(merged.containment);
  report.notes.insert(report.notes.end(), contained.begin(), contained.end());
  if (merged.rehearsal) {
    auto notes = rehearsal_notes(*merged.rehearsal);
    report.notes.insert(report.notes.end(), notes.begin(), notes.end());
  }
  return roundtrip;
}

// An up file's risk, raised by what the history rules and the round trip found about its
// migration (on its up or down: migration-failed, rollback-incomplete), so the text line, the
// JSON and the comment name the same level and approvals.
void raise_risks_by_findings(const MigrationSet& set, const std::vector<Finding>& found,
                              const RiskPolicy& policy, Report& report) {
  for (auto& risk : report.file_risks) {
    auto m = std::find_if(set.migrations.begin(), set.migrations.end(), [&](const Migration& x) {
      return x.up && x.up->path == risk.file;
    });
    if (m == set.migrations.end()) continue;
    std::vector<const Finding*> own;
    for (const auto& f : found) {
      if (f.file == risk.file || (m->down && f.file == m->down->path)) own.push_back(&f);
    }
    if (!own.empty()) raise_file_risk(risk, own, policy);
  }
}

// The report's migrations, with the content hashes the release gate finds this check's round
// trip by (gate/roundtrip_record.h), and every finding in report order. Their risk is assessed
// from the report (assess()), where every renderer reads it.
void report_stage(const MigrationSet& set, const std::vector<Finding>& findings, Report& report) {
  report.lists_migrations = true;
  report.review_all = set.review_all;
  for (const auto& m : set.migrations) {
    ReportedMigration entry = reported(m);
    if (m.up) entry.up_sha256 = sha256_hex(written_text(*m.up));
    if (m.down) entry.down_sha256 = sha256_hex(written_text(*m.down));
    report.migrations.push_back(std::move(entry));
  }
  report.findings.insert(report.findings.end(), findings.begin(), findings.end());
  std::stable_sort(report.findings.begin(), report.findings.end(), finding_order);
}

// "sqitch, prisma, ... and plain": every registered layout (layouts/layouts.def).
std::string layout_names() {
  std::vector<std::string> names;
  for (const auto& layout : all_layouts()) names.emplace_back(layout.name);
  return join_prose(names);
}

// What was looked at, for the notes.
void summary_notes(const CheckInput& in, const Config& config, const MigrationSet& set,
                   const std::string& workdir, size_t linted, bool any_new, Report& report) {
  if (set.migrations.empty() && set.orphan_rollbacks.empty() && set.unrecognized_files.empty()) {
    report.notes.push_back(
        "no migrations found in " + workdir +
        (in.dirs.empty() ? " (auto-detect looks for " + layout_names() +
                               " layouts; name one with --dir and --layout)"
                         : " under --dir") +
        (set.unclaimed_changes.empty() ? "; nothing to check"
                                       : "; the change's .sql files were not checked "
                                         "(unchecked-sql-file)"));
  } else if (config.tracks.empty()) {
    report.notes.push_back(change_summary(set, linted));
  } else {
    for (const auto& t : config.tracks) report.notes.push_back(track_summary(set, t));
  }
  for (const auto& other : set.skipped_directories) {
    report.notes.push_back(
        "skipped " + other.dir + ": not PostgreSQL (" + other.why + ")" +
        (other.changed_files > 0 ? "; the change's " + std::to_string(other.changed_files) +
                                       (other.changed_files == 1 ? " file" : " files") +
                                       " there were not checked"
                                 : "") +
        "; name it with --dir to check it anyway");
  }
  if (set.migrations.empty()) {
    // Nothing to say about a round trip of nothing.
  } else if (in.no_db) {
    report.notes.push_back("--no-db: skipped the database round trip; ran static checks only");
  } else if (!any_new) {
    report.notes.push_back("no new or edited migration: nothing to round-trip");
  }
}

}  // namespace

bool CheckResult::fails() const { return sg::fails(fail_on, report.findings, report.file_risks); }

Result<CheckResult> check(CheckInput in) {
  using Out = Result<CheckResult>;
  auto repo = GitRepository::open(in.repo);
  if (!repo) return Out::fail(repo.error);
  CheckResult out;
  Report& report = out.report;
  auto options = resolve_change(in, *repo.value, report.notes);
  if (!options) return Out::fail(options.error);
  auto policy = load_policy({in.repo, in.config_path, in.fail_on}, *repo.value,
                            options.value->base_commit);
  if (!policy) return Out::fail(policy.error);
  const Config& config = policy.value->config;
  out.fail_on = policy.value->fail_on;
  options.value->policy_files = policy.value->files;
  int pg_version = in.pg_version.value_or(config.pg_version);
  in.roundtrip.rehearse_rows = in.rehearse_rows.value_or(config.rehearse_rows);
  TrustedSetupInput trusted{&*repo.value, &config, options.value->base_commit,
                            options.value->head_commit};
  auto setup = trusted_setup(trusted, report.notes);
  if (!setup) return Out::fail(setup.error);
  in.roundtrip.setup = std::move(*setup.value);
  auto set = discover_stage(in, config, *repo.value, *options.value);
  if (!set) return Out::fail(set.error);
  out.set = std::move(*set.value);

  CaptureResult captured = capture_javascript(out.set, in.roundtrip, in.no_db, repo.value->workdir());
  report.notes.insert(report.notes.end(), captured.notes.begin(), captured.notes.end());
  std::vector<Finding> findings = run_history_rules(out.set, config.rules);
  size_t linted = lint_stage(out.set, config, pg_version, report);
  MigrationSet trip = round_trip_set(out.set);
  bool any_new = has_new(trip);
  if (!in.no_db && any_new && !has_uncaptured(trip)) {
    out.roundtrip = roundtrip_stage(trip, config, in.roundtrip, report, findings);
  }
  raise_risks_by_findings(out.set, findings, config.risk, report);
  report_stage(out.set, findings, report);
  summary_notes(in, config, out.set, repo.value->workdir(), linted, any_new, report);
  return {std::move(out), ""};
}

}  // namespace sg
