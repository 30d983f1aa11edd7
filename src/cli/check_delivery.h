// `schemagate check`'s options, and delivering its report everywhere the user asked.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/comment_post.h"
#include "pipeline/check.h"
#include "report/report.h"
#include "core/migration.h"

namespace sg {

struct CheckArgs {
  CheckInput input;  // what the pipeline needs
  std::string format = "text";
  std::string output;
  std::string report_json;  // also save the JSON report here (for `comment`, artifacts)
  std::string report_markdown;  // also the markdown (a GitLab merge-request note, an artifact)
  std::string audit_log;
  std::string audit_database_url;
  std::string database_url_file;  // --database-url-file
  bool comment = false;
  CommentRequest comment_request;
};

// Writes the report in every place the user asked for (--format/--output, --report-json,
// --report-markdown,
// --audit-log, --audit-database-url); false, after saying why, when one could not be written.
bool deliver(const Report& report, const CheckArgs& args, const MigrationSet& set);

}  // namespace sg
