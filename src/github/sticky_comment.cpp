#include "github/sticky_comment.h"

#include "report/formats.h"

namespace sg {

std::string comment_author(RestClient& client, std::string* error) {
  ApiResult me = client.call("GET", "/user");
  if (me.ok() && me.body.is_object() && me.body.value("login", nlohmann::json()).is_string()) {
    return me.body["login"].get<std::string>();
  }
  if (me.status == 403 || me.status == 404) return "github-actions[bot]";
  *error = me.error;
  return "";
}

StickyResult sync_sticky_comment(RestClient& client, const StickyTarget& target,
                                 const std::string& body) {
  StickyResult result;
  std::string author = comment_author(client, &result.error);
  if (author.empty()) return result;
  std::string issue = "/repos/" + target.repo + "/issues/";
  ApiResult list =
      client.get_all_pages(issue + std::to_string(target.pr) + "/comments?per_page=100");
  if (!list.ok()) {
    result.error = list.error;
    return result;
  }
  std::vector<nlohmann::json> ours;
  for (const auto& c : list.body) {
    std::string login = c.contains("user") && c["user"].is_object()
                            ? c["user"].value("login", std::string())
                            : std::string();
    std::string text = c.value("body", std::string());
    if (login == author && text.find(kStickyMarker) != std::string::npos) ours.push_back(c);
  }
  auto remove = [&](size_t from) {
    for (size_t i = from; i < ours.size(); ++i) {
      ApiResult r =
          client.call("DELETE", issue + "comments/" + std::to_string(ours[i].value("id", 0LL)));
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
    ApiResult created =
        client.call("POST", issue + std::to_string(target.pr) + "/comments", {{"body", body}});
    if (!created.ok()) {
      result.error = created.error;
      return result;
    }
    result.action = "created";
    result.comment_id = created.body.value("id", 0LL);
    result.url = created.body.value("html_url", std::string());
    return result;
  }
  // Duplicates from an older run (or a race between two runs) go; the oldest one stays.
  result.error = remove(1);
  if (!result.error.empty()) return result;
  const nlohmann::json& mine = ours.front();
  result.comment_id = mine.value("id", 0LL);
  result.url = mine.value("html_url", std::string());
  if (mine.value("body", std::string()) == body) {
    result.action = "unchanged";
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
