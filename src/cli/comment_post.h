// Posting a report as the pull request's sticky comment: `comment` and `check --comment`.
#pragma once

#include <string>

#include "report/report.h"

namespace sg {

struct CommentRequest {
  std::string repo;  // owner/name; default GITHUB_REPOSITORY
  long pr = 0;       // default: from GITHUB_EVENT_PATH
  std::string mode = "upsert";
  bool only_on_findings = false;
};

// Renders `report` as markdown and creates, updates or deletes the sticky
// comment. Prints what it did, or why it could not; returns an exit code.
int post_comment(const Report& report, CommentRequest request);

}  // namespace sg
