// The GitHub REST API: authentication, pagination, retries and errors a user can act on.
// The token goes into the Authorization header and nowhere else: never into a message.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sg {

struct GitHubSettings {
  std::string api_url = "https://api.github.com";
  std::string token;
  // One deadline for every call of a client, counted from its construction: connecting,
  // waiting, reading and retrying all stop there (SCHEMAGATE_GITHUB_TIMEOUT). A CI job must
  // not hang on a sick API.
  double max_total_seconds = 120;
  double first_backoff_seconds = 1;
};

struct ApiResult {
  long status = 0;  // the final answer's; 0 when there was none (gave up, transport error)
  nlohmann::json body;  // parsed JSON, null for an empty or non-JSON body
  std::string error;    // "" on a 2xx; otherwise what went wrong and what to do
  // A POST that failed without a final answer (a 5xx, a broken connection, the deadline):
  // GitHub may have done it anyway, so it is not retried blindly.
  bool maybe_applied = false;
  bool ok() const { return error.empty(); }
};

class RestClient {
 public:
  explicit RestClient(GitHubSettings settings);

  // `path` is relative to the API root ("/repos/o/r/issues/1/comments"). A 2xx whose body is
  // not JSON is an error: nothing is taken as empty. GET, PATCH and DELETE are retried on 5xx
  // and transport errors; POST only on rate limits (GitHub did not act on it).
  ApiResult call(const std::string& method, const std::string& path,
                 const nlohmann::json& body = nullptr);
  // Follows `Link: <...>; rel="next"` and concatenates the arrays of every page. A page that is
  // not an array, or a next link off the API root (the token would go with it), is an error.
  ApiResult get_all_pages(const std::string& path);
  // Whether the token is a GitHub App installation token (ghs_...), as the workflow's
  // GITHUB_TOKEN is: what it may prove about itself without GET /user.
  bool installation_token() const;

 private:
  ApiResult call_url(const std::string& method, const std::string& url, const nlohmann::json& body,
                     std::string* next_url);

  GitHubSettings settings_;
  std::chrono::steady_clock::time_point deadline_;
};

// The login of an item's author (a comment's or a review's `user.login`); "" when absent.
std::string login_of(const nlohmann::json& item);

// 'Link: <a>; rel="next", <b>; rel="last"' -> "a"; "" when there is no next page.
std::string next_link(const std::string& link_header);

}  // namespace sg
