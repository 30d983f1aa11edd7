// The approvals file ([gate] approvals_file): who approved which migration, recorded by hand.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/result.h"

namespace sg {

struct Approval {
  std::string role;    // "CTO"
  std::string name;    // a person's name, or a GitHub login
  std::string date;    // "2026-11-20"
  std::string source;  // "approvals.toml:12" or "pull request #42"
};

// Migration file (repo-relative up path, as the repository layout names it) -> its approvals.
struct ApprovalsFile {
  std::string path;
  std::map<std::string, std::vector<Approval>> by_file;
};

// Reads a TOML file of entries
//   [[approval]]
//   file = "migrations/004_drop_x.sql"
//   role = "CTO"
//   name = "Dana Smith"
//   date = 2026-11-20          # a TOML date, or a string
// Fails with every problem, one per line
// ("approvals.toml:7:8: approval.role: expected a string, got 3").
Result<ApprovalsFile> read_approvals_file(const std::string& path);

}  // namespace sg
