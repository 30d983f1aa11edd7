// The GitHub REST API: authentication, pagination, retries and errors a user can act on.
// The token goes into the Authorization header and nowhere else: never into a message.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sg {

struct GitHubSettings {
  std::string api_url = "https://api.github.com";
  std::string token;
  // Retries stop once this much time has gone by: a CI job must not hang on a sick API.
  double max_total_seconds = 120;
  double first_backoff_seconds = 1;
};

struct ApiResult {
  long status = 0;
  nlohmann::json body;  // parsed JSON, null for an empty or non-JSON body
  std::string error;    // "" on a 2xx; otherwise what went wrong and what to do
  bool ok() const { return error.empty(); }
};

class RestClient {
 public:
  explicit RestClient(GitHubSettings settings) : settings_(std::move(settings)) {}

  // `path` is relative to the API root ("/repos/o/r/issues/1/comments").
  ApiResult call(const std::string& method, const std::string& path,
                 const nlohmann::json& body = nullptr);
  // Follows `Link: <...>; rel="next"` and concatenates the arrays of every page.
  ApiResult get_all_pages(const std::string& path);

 private:
  ApiResult call_url(const std::string& method, const std::string& url, const nlohmann::json& body,
                     std::string* next_url);

  GitHubSettings settings_;
};

// 'Link: <a>; rel="next", <b>; rel="last"' -> "a"; "" when there is no next page.
std::string next_link(const std::string& link_header);

}  // namespace sg
