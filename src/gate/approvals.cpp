#include "gate/approvals.h"

#include <algorithm>
#include <cctype>

#include "core/json_read.h"
#include "util/lower.h"

namespace sg {
namespace {

// Each reviewer's last review that decides (GitHub's own rule: a comment changes nothing).
std::map<std::string, nlohmann::json> latest_decisions(nlohmann::json reviews) {
  std::stable_sort(reviews.begin(), reviews.end(),
                   [](const nlohmann::json& a, const nlohmann::json& b) {
                     return json_string(a, "submitted_at") < json_string(b, "submitted_at");
                   });
  std::map<std::string, nlohmann::json> latest;
  for (const auto& review : reviews) {
    std::string state = json_string(review, "state");
    std::string login = lower(login_of(review));
    if (login.empty()) continue;
    if (state == "APPROVED" || state == "CHANGES_REQUESTED" || state == "DISMISSED") {
      latest[login] = review;
    }
  }
  return latest;
}

using Approvers = std::map<std::string, std::vector<std::string>>;

std::vector<std::string> roles_of(const std::string& login, const Approvers& approvers) {
  std::vector<std::string> roles;
  for (const auto& [role, logins] : approvers) {
    for (const auto& l : logins) {
      if (lower(l) == login) roles.push_back(role);
    }
  }
  return roles;
}

}  // namespace

Result<ReviewDecisions> github_approvals(
    RestClient& client, const std::string& repository, const std::string& commit,
    const std::map<std::string, std::vector<std::string>>& approvers) {
  ReviewDecisions out;
  ApiResult pulls = client.call("GET", "/repos/" + repository + "/commits/" + commit + "/pulls");
  if (!pulls.ok()) return Result<ReviewDecisions>::fail(pulls.error);
  if (!pulls.body.is_array()) return {out, {}};
  for (const auto& pull : pulls.body) {
    // Only a merged pull request brought the migration in; an open one proves nothing yet.
    if (!pull.is_object() || !pull.contains("merged_at") || !pull["merged_at"].is_string() ||
        !pull.contains("number") || !pull["number"].is_number_integer()) {
      continue;
    }
    std::string number = std::to_string(pull["number"].get<long long>());
    ApiResult reviews = client.get_all_pages("/repos/" + repository + "/pulls/" + number +
                                             "/reviews?per_page=100");
    if (!reviews.ok()) return Result<ReviewDecisions>::fail(reviews.error);
    std::string source = "pull request #" + number;
    for (const auto& [login, review] : latest_decisions(reviews.body)) {
      std::vector<std::string> roles = roles_of(login, approvers);
      if (roles.empty()) continue;
      std::string state = json_string(review, "state");
      if (state != "APPROVED" && state != "CHANGES_REQUESTED") continue;
      for (const auto& role : roles) {
        (state == "APPROVED" ? out.approved : out.blocking)
            .push_back({role, login_of(review), json_string(review, "submitted_at").substr(0, 10),
                        source});
      }
    }
  }
  return {out, {}};
}

Result<std::vector<ApprovalCheck>> check_approvals(const std::vector<PendingMigration>& pending,
                                                   const RiskPolicy& policy,
                                                   const ApprovalSources& sources) {
  std::vector<ApprovalCheck> out;
  for (const auto& p : pending) {
    ApprovalCheck check{p.file, p.risk, policy.approvals[static_cast<size_t>(p.risk)], {}, {}, {}};
    std::vector<Approval> found;
    std::vector<Approval> blocking;
    if (sources.file != nullptr) {
      auto it = sources.file->by_file.find(p.file);
      if (it != sources.file->by_file.end()) found = it->second;
    }
    if (sources.github != nullptr && !p.commit.empty() && !check.required.empty()) {
      auto reviews =
          github_approvals(*sources.github, sources.repository, p.commit, sources.approvers);
      if (!reviews) return Result<std::vector<ApprovalCheck>>::fail(p.file + ": " + reviews.error);
      found.insert(found.end(), reviews.value->approved.begin(), reviews.value->approved.end());
      blocking = std::move(reviews.value->blocking);
    }
    for (const auto& role : check.required) {
      auto match = [&role](const Approval& a) { return a.role == role; };
      bool any = false;
      for (const auto& a : found) {
        if (match(a)) {
          check.recorded.push_back(a);
          any = true;
        }
      }
      if (any) continue;
      check.missing.push_back(role);
      std::string reason = p.file + " (" + std::string(to_string(p.risk)) +
                           ") needs approval by " + role + ": not recorded";
      std::string who;
      for (const auto& b : blocking) {
        if (!match(b)) continue;
        who += (who.empty() ? "" : "; ") + b.name + " requested changes on " + b.source;
      }
      if (!who.empty()) reason += " (" + who + ")";
      check.reasons.push_back(reason);
    }
    out.push_back(std::move(check));
  }
  return {std::move(out), ""};
}

}  // namespace sg
