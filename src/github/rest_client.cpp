#include "github/rest_client.h"

#include <chrono>
#include <cmath>
#include <ctime>
#include <thread>

#include "core/json_read.h"
#include "github/http_client.h"

namespace sg {
namespace {

using Clock = std::chrono::steady_clock;

std::string explain(long status, const std::string& what, const nlohmann::json& body) {
  std::string github_says;
  if (body.is_object() && body.contains("message") && body["message"].is_string()) {
    github_says = " (GitHub says: " + body["message"].get<std::string>() + ")";
  }
  std::string prefix = "GitHub API: " + what + ": HTTP " + std::to_string(status) + github_says;
  switch (status) {
    case 401:
      return prefix + ": the token is missing, expired or invalid; set GITHUB_TOKEN";
    case 403:
      return prefix +
             ": the token may not write pull-request comments; give the job "
             "`permissions: pull-requests: write` (pull requests from forks get a "
             "read-only token: post with `schemagate comment` from a workflow_run job)";
    case 404:
      return prefix +
             ": no such repository or pull request, or the token cannot see it; check "
             "--repo / GITHUB_REPOSITORY and --pr";
    case 422:
      return prefix + ": GitHub refused the request body";
    default:
      return prefix;
  }
}

// A broken connection or a 5xx: GitHub gave no final answer, and may have acted on the request.
bool no_final_answer(const HttpResponse& r) { return !r.error.empty() || r.status >= 500; }

// How long to wait before retrying, or a negative value when the response is final. A POST
// that may have been carried out (no final answer) is final here: the caller looks before it
// posts again.
double retry_delay(const HttpResponse& r, double backoff, bool idempotent) {
  if (no_final_answer(r)) return idempotent ? backoff : -1;
  bool limited =
      r.status == 429 || (r.status == 403 && (r.headers.count("retry-after") > 0 ||
                                              (r.headers.count("x-ratelimit-remaining") > 0 &&
                                               r.headers.at("x-ratelimit-remaining") == "0")));
  if (!limited) return -1;
  auto after = r.headers.find("retry-after");
  if (after != r.headers.end()) return std::max(0.0, std::atof(after->second.c_str()));
  auto reset = r.headers.find("x-ratelimit-reset");
  if (reset != r.headers.end()) {
    double wait = std::atof(reset->second.c_str()) - static_cast<double>(std::time(nullptr));
    return std::max(1.0, wait);
  }
  return std::max(backoff, 60.0);  // GitHub's advice for secondary limits without headers
}

// "https://api.github.com/repositories/1/issues/2/comments?page=3" is under `api_url`
// ("https://api.github.com", or GitHub Enterprise's "https://ghe.example/api/v3").
bool under_api_root(const std::string& url, const std::string& api_url) {
  return url.size() > api_url.size() && url.compare(0, api_url.size(), api_url) == 0 &&
         (url[api_url.size()] == '/' || url[api_url.size()] == '?');
}

}  // namespace

RestClient::RestClient(GitHubSettings settings)
    : settings_(std::move(settings)),
      deadline_(Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                   std::chrono::duration<double>(settings_.max_total_seconds))) {}

std::string login_of(const nlohmann::json& item) {
  return item.is_object() && item.contains("user") ? json_string(item["user"], "login") : "";
}

bool RestClient::installation_token() const { return settings_.token.rfind("ghs_", 0) == 0; }

std::string next_link(const std::string& link_header) {
  size_t pos = 0;
  while (pos < link_header.size()) {
    size_t open = link_header.find('<', pos);
    size_t close = link_header.find('>', open);
    if (open == std::string::npos || close == std::string::npos) return "";
    size_t end = link_header.find(",", close);
    std::string params = link_header.substr(
        close + 1, end == std::string::npos ? std::string::npos : end - close - 1);
    if (params.find("rel=\"next\"") != std::string::npos) {
      return link_header.substr(open + 1, close - open - 1);
    }
    if (end == std::string::npos) return "";
    pos = end + 1;
  }
  return "";
}

ApiResult RestClient::call(const std::string& method, const std::string& path,
                           const nlohmann::json& body) {
  return call_url(method, settings_.api_url + path, body, nullptr);
}

ApiResult RestClient::get_all_pages(const std::string& path) {
  std::string url = settings_.api_url + path;
  ApiResult all;
  all.body = nlohmann::json::array();
  for (int page = 0; !url.empty() && page < 1000; ++page) {
    std::string next;
    ApiResult r = call_url("GET", url, nullptr, &next);
    if (!r.ok()) return r;
    all.status = r.status;
    if (!r.body.is_array()) {
      r.error = "GitHub API: GET " + url + ": HTTP " + std::to_string(r.status) +
                " but the answer is not a JSON list; nothing was changed";
      return r;
    }
    for (auto& item : r.body) all.body.push_back(std::move(item));
    if (!next.empty() && !under_api_root(next, settings_.api_url)) {
      r.error = "GitHub API: GET " + url + ": the next page's link leaves " + settings_.api_url +
                " (" + next.substr(0, next.find('?')) +
                "); not followed, so the token is sent to the API only";
      return r;
    }
    url = next;
  }
  return all;
}

ApiResult RestClient::call_url(const std::string& method, const std::string& url,
                               const nlohmann::json& body, std::string* next_url) {
  HttpRequest request;
  request.method = method;
  request.url = url;
  request.headers = {"Accept: application/vnd.github+json", "X-GitHub-Api-Version: 2022-11-28"};
  if (!settings_.token.empty())
    request.headers.push_back("Authorization: Bearer " + settings_.token);
  if (!body.is_null()) {
    request.headers.push_back("Content-Type: application/json");
    request.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  // The URL may carry query parameters but never the token, so it is safe in messages.
  std::string what = method + " " + url;
  std::string limit = std::to_string(static_cast<int>(settings_.max_total_seconds)) +
                      " s limit (SCHEMAGATE_GITHUB_TIMEOUT)";
  bool idempotent = method != "POST";
  double backoff = settings_.first_backoff_seconds;
  for (int attempt = 1;; ++attempt) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
    ApiResult result;
    if (left.count() <= 0) {
      result.error = "GitHub API: " + what + ": not sent: the " + limit + " has passed";
      return result;
    }
    request.timeout_ms = static_cast<long>(left.count());
    HttpResponse response = http_perform(request);
    double wait = retry_delay(response, backoff, idempotent);
    result.status = response.status;
    result.body = nlohmann::json::parse(response.body, nullptr, false);
    bool unreadable = result.body.is_discarded();
    if (unreadable) result.body = nullptr;
    std::string why =
        response.error.empty() ? "HTTP " + std::to_string(response.status) : response.error;
    if (wait < 0) {
      if (no_final_answer(response)) {
        // Only a POST ends here on these: GitHub may have carried it out.
        result.error = "GitHub API: " + what + ": no final answer (" + why +
                       "); GitHub may have carried it out";
        result.maybe_applied = true;
      } else if (response.status < 200 || response.status >= 300) {
        result.error = explain(response.status, what, result.body);
      } else if (unreadable && !response.body.empty()) {
        result.error = "GitHub API: " + what + ": HTTP " + std::to_string(response.status) +
                       " but the answer is not JSON (" + std::to_string(response.body.size()) +
                       " bytes); nothing is taken from it";
      } else if (next_url != nullptr) {
        auto link = response.headers.find("link");
        *next_url = link == response.headers.end() ? "" : next_link(link->second);
      }
      return result;
    }
    auto resume = Clock::now() + std::chrono::duration<double>(wait);
    if (resume >= deadline_) {
      result.status = 0;  // a 429 or 5xx on the way is not GitHub's final answer
      result.error = "GitHub API: " + what + ": gave up after " + std::to_string(attempt) +
                     (attempt == 1 ? " attempt" : " attempts") + " (last: " + why +
                     "); the next retry would pass the " + limit;
      return result;
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(wait));
    backoff = std::min(backoff * 2, 30.0);
  }
}

}  // namespace sg
