// A small GitHub REST API on 127.0.0.1 for the comment and approval tests: issue comments with
// pagination, /user, a commit's pull requests and their reviews (paged), injected failures, and
// GitHub's 422 for bodies over 65,536 characters. It runs on a thread of the test process and stops (socket closed, thread joined) on destruction.
#pragma once

#include <atomic>
#include <deque>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace sg::test {

struct RecordedRequest {
  std::string method;
  std::string target;  // path and query
  std::string authorization;
  std::string body;
};

struct InjectedResponse {
  int status;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  // Carry the request out as usual first, then answer with this (GitHub acting on a POST and
  // the answer getting lost: a 502 after the comment exists).
  bool after_real = false;
  int delay_ms = 0;  // answer only after this long (a hanging API); cut short when stopping
  // Only for a request with this method and path (no query); "" matches any.
  std::string method = "";
  std::string path = "";
};

class FakeGitHub {
 public:
  FakeGitHub();
  ~FakeGitHub();
  FakeGitHub(const FakeGitHub&) = delete;
  FakeGitHub& operator=(const FakeGitHub&) = delete;

  std::string url() const;  // http://127.0.0.1:PORT
  // Comments on owner/repo#pr; returns the id.
  long long add_comment(const std::string& login, const std::string& body);
  // A pull request of acme/shop that contains `commit` (merged_at null unless `merged`).
  void add_pull(const std::string& commit, long long number, bool merged);
  // A review on acme/shop#number; `state` "APPROVED", "CHANGES_REQUESTED", "COMMENTED", ...
  void add_review(long long number, const std::string& login, const std::string& state,
                  const std::string& submitted_at);
  // The next requests get these responses instead of the real ones, in order.
  void inject(InjectedResponse response);
  std::vector<nlohmann::json> comments();  // in creation order
  std::vector<RecordedRequest> requests();
  std::string login = "schemagate-bot";  // what GET /user answers; "" answers 403 (app token)
  size_t page_size = 2;                  // small, so a handful of comments spans pages

 private:
  void serve();
  void handle(int fd);
  InjectedResponse route(const RecordedRequest& request);
  InjectedResponse route_real(const RecordedRequest& request);  // with mutex_ held

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::deque<InjectedResponse> injected_;
  std::vector<nlohmann::json> comments_;
  std::multimap<std::string, nlohmann::json> pulls_;  // by commit
  std::map<long long, std::vector<nlohmann::json>> reviews_;
  long long next_review_id_ = 80000;
  std::vector<RecordedRequest> requests_;
  long long next_id_ = 1000;
  std::thread thread_;
};

}  // namespace sg::test
