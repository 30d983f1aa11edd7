// `schemagate check`'s options, and delivering its report everywhere the user asked.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/comment_post.h"
#include "db/roundtrip.h"
#include "report/report.h"
#include "repo/migration.h"

namespace sg {

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
  std::string report_json;  // also save the JSON report here (for `comment`, artifacts)
  std::string audit_log;
  std::string audit_database_url;
  std::string config_path;
  std::optional<std::string> fail_on;  // unset: the config's
  std::optional<int> pg_version;       // unset: the config's
  std::optional<int> rehearse_rows;    // unset: the config's
  bool comment = false;
  CommentRequest comment_request;
  RoundTripOptions roundtrip;
};

// Writes the report in every place the user asked for (--format/--output, --report-json,
// --audit-log, --audit-database-url); false, after saying why, when one could not be written.
bool deliver(const Report& report, const CheckArgs& args, const MigrationSet& set);

}  // namespace sg
