#include "fake_github.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace sg::test {
namespace {

constexpr const char* kCommentsPath = "/repos/acme/shop/issues/7/comments";
constexpr const char* kCommentPrefix = "/repos/acme/shop/issues/comments/";

std::string reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 422:
      return "Unprocessable Entity";
    case 429:
      return "Too Many Requests";
    case 502:
      return "Bad Gateway";
    default:
      return "Status";
  }
}

std::string query_value(const std::string& target, const std::string& key) {
  auto pos = target.find("?" + key + "=");
  if (pos == std::string::npos) pos = target.find("&" + key + "=");
  if (pos == std::string::npos) return "";
  ++pos;
  auto end = target.find('&', pos);
  return target.substr(pos + key.size() + 1,
                       end == std::string::npos ? std::string::npos : end - pos - key.size() - 1);
}

}  // namespace

FakeGitHub::FakeGitHub() {
  listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof(addr);
  if (listen_fd_ < 0 || bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0 ||
      listen(listen_fd_, 16) != 0 ||
      getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    if (listen_fd_ >= 0) close(listen_fd_);
    throw std::runtime_error("fake GitHub: cannot listen on 127.0.0.1");
  }
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { serve(); });
}

FakeGitHub::~FakeGitHub() {
  stop_ = true;
  thread_.join();
  close(listen_fd_);
}

std::string FakeGitHub::url() const { return "http://127.0.0.1:" + std::to_string(port_); }

long long FakeGitHub::add_comment(const std::string& user, const std::string& body) {
  std::lock_guard<std::mutex> lock(mutex_);
  long long id = next_id_++;
  comments_.push_back(
      {{"id", id},
       {"body", body},
       {"user", {{"login", user}}},
       {"html_url", "https://github.test/acme/shop/pull/7#issuecomment-" + std::to_string(id)}});
  return id;
}

void FakeGitHub::add_pull(const std::string& commit, long long number, bool merged) {
  std::lock_guard<std::mutex> lock(mutex_);
  nlohmann::json merged_at = merged ? nlohmann::json("2026-11-20T09:00:00Z") : nullptr;
  pulls_.emplace(commit, nlohmann::json{{"number", number},
                                        {"state", merged ? "closed" : "open"},
                                        {"merged_at", merged_at}});
}

void FakeGitHub::add_review(long long number, const std::string& user, const std::string& state,
                            const std::string& submitted_at) {
  std::lock_guard<std::mutex> lock(mutex_);
  reviews_[number].push_back({{"id", next_review_id_++},
                              {"user", {{"login", user}}},
                              {"state", state},
                              {"submitted_at", submitted_at}});
}

void FakeGitHub::inject(InjectedResponse response) {
  std::lock_guard<std::mutex> lock(mutex_);
  injected_.push_back(std::move(response));
}

std::vector<nlohmann::json> FakeGitHub::comments() {
  std::lock_guard<std::mutex> lock(mutex_);
  return comments_;
}

std::vector<RecordedRequest> FakeGitHub::requests() {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

void FakeGitHub::serve() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) continue;
    int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    handle(fd);
    close(fd);
  }
}

void FakeGitHub::handle(int fd) {
  std::string data;
  char buf[65536];
  size_t header_end = std::string::npos;
  size_t content_length = 0;
  while (true) {
    if (header_end != std::string::npos && data.size() >= header_end + 4 + content_length) break;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 5000) <= 0) return;
    ssize_t n = read(fd, buf, sizeof(buf));
    if (n <= 0) return;
    data.append(buf, static_cast<size_t>(n));
    if (header_end == std::string::npos &&
        (header_end = data.find("\r\n\r\n")) != std::string::npos) {
      std::string head = data.substr(0, header_end);
      std::string lower = head;
      std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
      auto cl = lower.find("content-length:");
      if (cl != std::string::npos) content_length = std::stoul(head.substr(cl + 15));
    }
  }
  RecordedRequest request;
  std::string head = data.substr(0, header_end);
  auto sp1 = head.find(' ');
  auto sp2 = head.find(' ', sp1 + 1);
  request.method = head.substr(0, sp1);
  request.target = head.substr(sp1 + 1, sp2 - sp1 - 1);
  std::string lower = head;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  auto auth = lower.find("\r\nauthorization:");
  if (auth != std::string::npos) {
    auto end = head.find("\r\n", auth + 2);
    request.authorization = head.substr(auth + 17, end - auth - 17);
  }
  request.body = data.substr(header_end + 4, content_length);
  InjectedResponse response = route(request);
  for (int waited = 0; waited < response.delay_ms && !stop_; waited += 20) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::string out = "HTTP/1.1 " + std::to_string(response.status) + " " + reason(response.status) +
                    "\r\nContent-Type: application/json\r\n" +
                    "Content-Length: " + std::to_string(response.body.size()) +
                    "\r\nConnection: close\r\n";
  for (const auto& h : response.headers) out += h + "\r\n";
  out += "\r\n" + response.body;
  size_t sent = 0;
  while (sent < out.size()) {
    ssize_t n = write(fd, out.data() + sent, out.size() - sent);
    if (n <= 0) return;
    sent += static_cast<size_t>(n);
  }
}

InjectedResponse FakeGitHub::route(const RecordedRequest& r) {
  std::lock_guard<std::mutex> lock(mutex_);
  requests_.push_back(r);
  std::string path = r.target.substr(0, r.target.find('?'));
  for (auto it = injected_.begin(); it != injected_.end(); ++it) {
    if ((!it->method.empty() && it->method != r.method) || (!it->path.empty() && it->path != path)) {
      continue;
    }
    InjectedResponse next = *it;
    injected_.erase(it);
    if (next.after_real) route_real(r);
    return next;
  }
  return route_real(r);
}

InjectedResponse FakeGitHub::route_real(const RecordedRequest& r) {
  if (r.authorization != "Bearer ghs_test_token_Zx9") {
    return {401, {}, R"({"message":"Bad credentials"})"};
  }
  std::string path = r.target.substr(0, r.target.find('?'));
  if (r.method == "GET" && path == "/user") {
    if (login.empty()) return {403, {}, R"({"message":"Resource not accessible by integration"})"};
    return {200, {}, nlohmann::json{{"login", login}}.dump()};
  }
  if (path == kCommentsPath && r.method == "GET") {
    std::string p = query_value(r.target, "page");
    size_t page = p.empty() ? 1 : std::stoul(p);
    nlohmann::json list = nlohmann::json::array();
    for (size_t i = (page - 1) * page_size; i < comments_.size() && i < page * page_size; ++i) {
      list.push_back(comments_[i]);
    }
    std::vector<std::string> headers;
    if (page * page_size < comments_.size()) {
      headers.push_back("Link: <" + url() + kCommentsPath +
                        "?per_page=100&page=" + std::to_string(page + 1) + ">; rel=\"next\", <" +
                        url() + kCommentsPath + "?page=99>; rel=\"last\"");
    }
    return {200, headers, list.dump()};
  }
  const std::string repo = "/repos/acme/shop/";
  if (r.method == "GET" && path.rfind(repo + "commits/", 0) == 0 &&
      path.size() > 6 && path.compare(path.size() - 6, 6, "/pulls") == 0) {
    std::string commit = path.substr(repo.size() + 8, path.size() - repo.size() - 8 - 6);
    nlohmann::json list = nlohmann::json::array();
    for (auto [it, end] = pulls_.equal_range(commit); it != end; ++it) list.push_back(it->second);
    return {200, {}, list.dump()};
  }
  if (r.method == "GET" && path.rfind(repo + "pulls/", 0) == 0 &&
      path.compare(path.size() - 8, 8, "/reviews") == 0) {
    long long number = std::stoll(path.substr(repo.size() + 6));
    const auto& all = reviews_[number];
    std::string p = query_value(r.target, "page");
    size_t page = p.empty() ? 1 : std::stoul(p);
    nlohmann::json list = nlohmann::json::array();
    for (size_t i = (page - 1) * page_size; i < all.size() && i < page * page_size; ++i) {
      list.push_back(all[i]);
    }
    std::vector<std::string> headers;
    if (page * page_size < all.size()) {
      headers.push_back("Link: <" + url() + path + "?per_page=100&page=" +
                        std::to_string(page + 1) + ">; rel=\"next\"");
    }
    return {200, headers, list.dump()};
  }
  nlohmann::json body = nlohmann::json::parse(r.body, nullptr, false);
  std::string text = body.is_object() ? body.value("body", std::string()) : std::string();
  if (text.size() > 65536) {
    return {422, {}, R"({"message":"Validation Failed","errors":["body is too long"]})"};
  }
  if (path == kCommentsPath && r.method == "POST") {
    long long id = next_id_++;
    comments_.push_back(
        {{"id", id},
         {"body", text},
         {"user", {{"login", login.empty() ? "github-actions[bot]" : login}}},
         {"html_url", "https://github.test/acme/shop/pull/7#issuecomment-" + std::to_string(id)}});
    return {201, {}, comments_.back().dump()};
  }
  if (path.rfind(kCommentPrefix, 0) == 0) {
    long long id = std::stoll(path.substr(std::string(kCommentPrefix).size()));
    auto it = std::find_if(comments_.begin(), comments_.end(),
                           [&](const nlohmann::json& c) { return c["id"] == id; });
    if (it == comments_.end()) return {404, {}, R"({"message":"Not Found"})"};
    if (r.method == "PATCH") {
      (*it)["body"] = text;
      return {200, {}, it->dump()};
    }
    if (r.method == "DELETE") {
      comments_.erase(it);
      return {204, {}, ""};
    }
  }
  return {404, {}, R"({"message":"Not Found"})"};
}

}  // namespace sg::test
