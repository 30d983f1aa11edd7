#include "github/sticky_comment.h"

#include "core/json_read.h"
#include "report/formats.h"

namespace sg {
namespace {

long long id_of(const nlohmann::json& comment) { return json_int(comment, "id"); }

// Our comments on the pull request, oldest first: the marker AND our author.
Result<std::vector<nlohmann::json>> our_comments(RestClient& client, const std::string& issue,
                                                 const StickyTarget& target,
                                                 const std::string& author) {
  ApiResult list =
      client.get_all_pages(issue + std::to_string(target.pr) + "/comments?per_page=100");
  if (!list.ok()) return Result<std::vector<nlohmann::json>>::fail(list.error);
  std::vector<nlohmann::json> ours;
  for (const auto& c : list.body) {
    if (login_of(c) == author && id_of(c) != 0 &&
        json_string(c, "body").find(kStickyMarker) != std::string::npos) {
      ours.push_back(c);
    }
  }
  return {std::move(ours), ""};
}

}  // namespace

Result<std::string> comment_author(RestClient& client) {
  using Out = Result<std::string>;
  ApiResult me = client.call("GET", "/user");
  if (me.ok()) {
    std::string login = json_string(me.body, "login");
    if (!login.empty()) return {login, ""};
    return Out::fail("GitHub API: GET /user: HTTP " + std::to_string(me.status) +
                     " but the answer names no login; cannot tell which comments are ours");
  }
  // An installation token (the workflow's GITHUB_TOKEN) may not read /user; its comments are
  // github-actions[bot]'s. Any other token that /user refuses proves nothing about itself.
  if ((me.status == 403 || me.status == 404) && client.installation_token()) {
    return {"github-actions[bot]", ""};
  }
  // 401 already says what to do: the token is wrong, not its kind.
  if (me.status == 401) return Out::fail(me.error);
  return Out::fail(me.error + "; cannot tell which comments are ours without GET /user");
}

StickyResult sync_sticky_comment(RestClient& client, const StickyTarget& target,
                                 const std::string& body) {
  StickyResult result;
  auto author = comment_author(client);
  if (!author) {
    result.error = author.error;
    return result;
  }
  std::string issue = "/repos/" + target.repo + "/issues/";
  auto listed = our_comments(client, issue, target, *author.value);
  if (!listed) {
    result.error = listed.error;
    return result;
  }
  std::vector<nlohmann::json> ours = std::move(*listed.value);
  auto remove = [&](size_t from) {
    for (size_t i = from; i < ours.size(); ++i) {
      ApiResult r = client.call("DELETE", issue + "comments/" + std::to_string(id_of(ours[i])));
      if (!r.ok()) return r.error;
    }
    return std::string();
  };
  if (target.mode != StickyMode::kUpsert || ours.empty()) {
    result.error = remove(0);
    if (!result.error.empty() || target.mode == StickyMode::kDelete) {
      result.action = ours.empty() ? "skipped" : "deleted";
      return result;
    }
    if (target.only_if_findings && !target.has_findings && ours.empty()) {
      result.action = "skipped";
      return result;
    }
    ours.clear();
    // A POST without a final answer may have created the comment: look before posting again,
    // so one run never leaves two sticky comments.
    for (int attempt = 1;; ++attempt) {
      ApiResult created =
          client.call("POST", issue + std::to_string(target.pr) + "/comments", {{"body", body}});
      if (created.ok()) {
        result.action = "created";
        result.comment_id = id_of(created.body);
        result.url = json_string(created.body, "html_url");
        if (result.comment_id == 0) {
          result.error = "GitHub API: POST " + issue + std::to_string(target.pr) +
                         "/comments: HTTP " + std::to_string(created.status) +
                         " but the answer names no comment id";
        }
        return result;
      }
      if (!created.maybe_applied || attempt == 3) {
        result.error = created.error;
        return result;
      }
      auto again = our_comments(client, issue, target, *author.value);
      if (!again) {
        result.error = created.error + "; then listing the comments failed: " + again.error;
        return result;
      }
      if (!again.value->empty()) {
        ours = std::move(*again.value);
        result.action = "created";
        break;  // it was created: bring it up to date like any earlier comment of ours
      }
    }
  }
  // Duplicates from an older run (or a race between two runs) go; the oldest one stays.
  result.error = remove(1);
  if (!result.error.empty()) return result;
  const nlohmann::json& mine = ours.front();
  result.comment_id = id_of(mine);
  result.url = json_string(mine, "html_url");
  if (json_string(mine, "body") == body) {
    result.action = result.action.empty() ? "unchanged" : result.action;
    return result;
  }
  ApiResult updated = client.call("PATCH", issue + "comments/" + std::to_string(result.comment_id),
                                  {{"body", body}});
  if (!updated.ok()) {
    result.error = updated.error;
    return result;
  }
  result.action = "updated";
  return result;
}

}  // namespace sg
