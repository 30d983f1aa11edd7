// One schemagate comment per pull request: found by marker AND author (a human quoting the
// marker must never be edited), updated in place, or created; re-running never duplicates.
#pragma once

#include <string>

#include "core/result.h"
#include "github/rest_client.h"

namespace sg {

enum class StickyMode { kUpsert, kRecreate, kDelete };

struct StickyTarget {
  std::string repo;  // "owner/name"
  long pr = 0;
  StickyMode mode = StickyMode::kUpsert;
  // Post only when there is something to say; an earlier comment is still kept up to date,
  // or it would go on showing findings that are fixed.
  bool only_if_findings = false;
  bool has_findings = true;
};

struct StickyResult {
  std::string action;  // "created" | "updated" | "unchanged" | "deleted" | "skipped"
  long long comment_id = 0;
  std::string url;
  std::string error;  // "" on success
};

// The login that owns our comments: GET /user, or github-actions[bot] for an installation token
// (ghs_..., the workflow's GITHUB_TOKEN), for which /user answers 403. Anything else that
// cannot prove its login is an error: a guessed author would post a second comment.
Result<std::string> comment_author(RestClient& client);

StickyResult sync_sticky_comment(RestClient& client, const StickyTarget& target,
                                 const std::string& body);

}  // namespace sg
