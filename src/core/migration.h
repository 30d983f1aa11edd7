// The discover stage's value: which migrations a repository has, how its tool runs them, and
// what the change under review did to each. Layouts (src/layouts/<tool>.cpp) produce it; lint,
// the round trip, reports and the release gate consume it.
#pragma once

#include <nlohmann/json.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "core/source_map.h"
#include "core/transaction_mode.h"

namespace sg {

enum class ChangeKind { kAdded, kModified, kDeleted, kRenamed, kUnchanged };
std::string_view to_string(ChangeKind c);  // "added" | "modified" | "deleted" | "renamed" | "unchanged"

// One runnable script: an up or a down. For layouts that keep both directions in one file
// (dbmate, goose, Liquibase), `text` is the whole file with every line outside this direction's
// section blanked (emptied, newlines kept), so line and column numbers match the file exactly.
struct Script {
  std::string path;  // repo-relative, '/'-separated
  std::string text;  // content at head (at base for deleted migrations)
  TransactionMode transaction_mode = TransactionMode::kStatementByStatement;
  // goose `-- +goose StatementBegin/End`: explicit statement boundaries, as byte spans of
  // `text`; empty means "split with the SQL parser".
  std::vector<std::pair<size_t, size_t>> statement_spans;
  int line = 1;  // where the script starts in its file (a section marker), for findings about it
  // "sequelize": the file is JavaScript that the Node runner runs (layouts/sequelize.cpp). Once
  // captured (pipeline/capture.h), `text` is the SQL it sent, one statement_spans entry per query
  // as Sequelize sent it, and `source_map` places each at its call; until then nothing may read
  // `text` as SQL.
  std::string runner;
  std::shared_ptr<const SourceMap> source_map;
};

// The file as its author wrote it (a captured script's JavaScript): what hashes and blob ids are of.
inline const std::string& written_text(const Script& s) {
  return s.source_map ? s.source_map->original : s.text;
}
// Where a finding about a whole script goes: its first line, or for JavaScript the line of its
// up() / down() function.
inline int script_line(const Script& s) { return s.runner.empty() ? 1 : s.line; }
// A runner's script whose SQL has not been captured: no SQL to lint or replay.
inline bool uncaptured(const Script& s) { return !s.runner.empty() && !s.source_map; }

struct Migration {
  std::string id;       // unique within the set, e.g. "001_initial_schema" or "V3__add_x"
  std::string version;  // what the tool orders by: "001", "20240101120000", "3.1"
  std::string name;     // description part of the name
  std::string layout;   // "plain", "golang-migrate", "flyway", "prisma", "dbmate", "goose", "sqitch", "liquibase"
  std::optional<Script> up;
  std::optional<Script> down;
  ChangeKind change = ChangeKind::kUnchanged;
  std::string previous_path;  // for kRenamed: the path at the merge base
  bool repeatable = false;    // Flyway R__ migrations: run after versioned ones when changed
  std::string up_blob_id;     // git blob ids (hex), for edited-applied-migration and audit hashes
  std::string down_blob_id;   // (of Script::text: the section's text for files holding both)
  std::string base_up_blob_id;  // the same at the merge base; empty when absent there
  std::string base_down_blob_id;
  // The migrations that share an order and a version space: a directory, a sqitch plan's
  // directory, or a Liquibase changelog file.
  std::string scope;
  std::string naming_problem;      // why the name is off the layout's convention; "" when fine
  // Where its layout keeps the rollback (a path, or the section to write), for messages.
  std::string expected_rollback = "a rollback script";
  bool expects_rollback = true;    // the layout keeps downs here (Flyway / Prisma: optional)
  bool rollback_waived = false;    // Liquibase `--rollback not required` / `--rollback empty`
  std::string track;               // its [[tracks]] name; "" without tracks
};

// A migration-shaped folder auto-detection left out: another database's SQL (layouts/dialect.h).
struct SkippedDirectory {
  std::string dir;
  std::string why;         // "folder name mysql", "3 of 4 .sql files do not parse as PostgreSQL ..."
  int changed_files = 0;   // .sql files the change touches there
};

struct MigrationSet {
  std::string layout;
  std::vector<std::string> directories;  // repo-relative roots that were scanned
  // In the tool's apply order; deleted migrations (scripts as at the merge base) come last.
  std::vector<Migration> migrations;
  std::vector<std::string> orphan_rollbacks;    // down files that pair with no migration
  std::vector<std::string> unrecognized_files;  // .sql files in a migration directory the tool
                                                // would never run (off its naming pattern)
  // .sql files the change added, modified or renamed that no scanned migration, rollback or
  // migration directory holds: nothing lints or round-trips them (unchecked-sql-file).
  std::vector<std::string> unclaimed_changes;
  std::vector<SkippedDirectory> skipped_directories;
  // The policy file (.schemagate.toml) when the change adds, edits, renames or deletes it:
  // the check runs with the merge base's policy, and this change waits for the merge.
  std::string changed_policy_file;
  // Why the Node runner did not run the set's JavaScript migrations (--no-db, no node, no
  // server): each one under review is then migration-not-run.
  std::string not_run_because;
  bool review_all = false;  // --all, or no base: every migration is under review
  std::vector<Finding> findings;         // history rules (missing-rollback, ...)
  std::string base_commit;               // merge base (hex), empty with --all and no base
  std::string head_commit;
};

// Added, modified and renamed: what the round trip takes up, down and up again (the rest is
// history, or deleted).
inline bool is_new(const Migration& m) {
  return m.change == ChangeKind::kAdded || m.change == ChangeKind::kModified ||
         m.change == ChangeKind::kRenamed;
}

// Added, modified and renamed migrations, or every one with review_all.
bool under_review(const MigrationSet& set, const Migration& m);

// {"id","version","name","layout","up","down","change","transactional"}, and "track" with tracks.
nlohmann::json to_json(const Migration& m);
nlohmann::json to_json(const MigrationSet& s);

// A migration as a report names it: paths instead of text, and the content hashes the release
// gate finds a check's round trip by (gate/roundtrip_record.h). What a saved report keeps.
struct ReportedMigration {
  std::string id;
  std::string version;
  std::string name;
  std::string layout;
  std::string up;    // path, "" when the migration has none
  std::string down;  // path, "" when none
  std::string change = "unchanged";
  bool transactional = false;
  std::string track;
  std::string up_sha256;  // "" when not hashed (or no up)
  std::string down_sha256;
};
ReportedMigration reported(const Migration& m);  // hashes left empty
// to_json(Migration)'s fields plus "up_sha256"/"down_sha256" (null when empty).
nlohmann::json to_json(const ReportedMigration& m);
ReportedMigration reported_migration_from_json(const nlohmann::json& j);

}  // namespace sg
