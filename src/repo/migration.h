// The discover stage's value: which migrations a repository has, how its tool runs them, and
// what the change under review did to each. Layouts (src/repo/<layout>.cpp) produce it; lint,
// the round trip, reports and the release gate consume it.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "lint/context.h"
#include "lint/finding.h"

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
};

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
  std::string down_blob_id;
};

struct MigrationSet {
  std::string layout;
  std::vector<std::string> directories;  // repo-relative roots that were scanned
  std::vector<Migration> migrations;     // in the tool's apply order
  std::vector<Finding> findings;         // history rules (missing-rollback, ...)
  std::string base_commit;               // merge base (hex), empty with --all and no base
  std::string head_commit;
};

nlohmann::json to_json(const Migration& m);  // {"id","version","name","layout","up","down","change","transactional"}
nlohmann::json to_json(const MigrationSet& s);

}  // namespace sg
