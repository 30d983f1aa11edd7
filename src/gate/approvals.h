// Which approvals a pending migration needs (its risk level -> roles, config [risk.approvals])
// and which are recorded: in the approvals file named by [gate] approvals_file, and as approving
// reviews of the merged pull request that added the migration (GitHub REST API, reviewers
// mapped to roles by [gate.approvers]). The GitHub token stays inside RestClient.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "config/approvals_file.h"
#include "core/result.h"
#include "core/finding.h"
#include "github/rest_client.h"
#include "assess/file_risk.h"

namespace sg {



// The approving reviews of the merged pull request(s) that contain `commit` in `repository`
// ("owner/name"): GET /repos/{o}/{r}/commits/{sha}/pulls, then each merged one's reviews (every
// page). Only each reviewer's latest deciding review counts (APPROVED, CHANGES_REQUESTED,
// DISMISSED; COMMENTED changes nothing, as on GitHub). Approvers become one Approval per role
// that lists their login in `approvers` (role -> logins, case-insensitive); mapped reviewers whose
// latest decision is CHANGES_REQUESTED go to `blocking` the same way (one per role).
// The error is the API's message (no token in it).
struct ReviewDecisions {
  std::vector<Approval> approved;
  std::vector<Approval> blocking;
};
Result<ReviewDecisions> github_approvals(
    RestClient& client, const std::string& repository, const std::string& commit,
    const std::map<std::string, std::vector<std::string>>& approvers);

struct PendingMigration {
  std::string file;    // up path
  Risk risk = Risk::kLow;
  std::string commit;  // the commit that added it (for the pull-request lookup); "" skips GitHub
};

struct ApprovalSources {
  const ApprovalsFile* file = nullptr;  // nullptr: no approvals file configured
  RestClient* github = nullptr;         // nullptr: no GitHub lookup
  std::string repository;               // "owner/name"
  std::map<std::string, std::vector<std::string>> approvers;  // [gate.approvers]
};

struct ApprovalCheck {
  std::string file;
  Risk risk = Risk::kLow;
  std::vector<std::string> required;  // roles, in policy order
  std::vector<Approval> recorded;     // every approval found for a required role
  std::vector<std::string> missing;   // required roles with no approval
  // One line per missing role, what the gate prints:
  //   "migrations/004_drop_x.sql (HIGH) needs approval by CTO: not recorded"
  // with " (carol requested changes on pull request #42)" appended when a mapped reviewer blocks.
  std::vector<std::string> reasons;
};

// One entry per pending migration, in order. Fails when GitHub cannot be asked (a runtime
// error, exit code 2: an unanswered question is no approval and no rejection).
Result<std::vector<ApprovalCheck>> check_approvals(const std::vector<PendingMigration>& pending,
                                                   const RiskPolicy& policy,
                                                   const ApprovalSources& sources);

}  // namespace sg
