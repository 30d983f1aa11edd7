#include "util/redact.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <iostream>
#include <mutex>
#include <set>
#include <vector>

#include "util/percent_encoding.h"

extern char** environ;

namespace sg {
namespace {

constexpr size_t kMinExplicitSecret = 3;
constexpr size_t kMinNamedSecret = 8;

struct Secrets {
  std::mutex mutex;
  std::vector<std::string> values;  // longest first, so a secret inside another goes second
};

Secrets& secrets() {
  static Secrets* s = new Secrets();  // never destroyed: static destructors may still print
  return *s;
}

void add(const std::string& value, size_t min_length) {
  if (value.size() < min_length) return;
  Secrets& s = secrets();
  std::lock_guard<std::mutex> lock(s.mutex);
  if (std::find(s.values.begin(), s.values.end(), value) != s.values.end()) return;
  s.values.push_back(value);
  std::stable_sort(s.values.begin(), s.values.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// "postgresql://user:pw@host/db" -> "pw" (still percent-encoded); "" when there is none.
std::string url_password(const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  size_t start = scheme + 3;
  size_t end = url.find_first_of("/?", start);
  std::string authority = url.substr(start, end == std::string::npos ? end : end - start);
  size_t at = authority.rfind('@');
  if (at == std::string::npos) return "";
  size_t colon = authority.find(':');
  if (colon == std::string::npos || colon > at) return "";
  return authority.substr(colon + 1, at - colon - 1);
}

// key=value conninfo and URL query parameters: "password=pw" (quoted or not).
std::string keyword_password(const std::string& conninfo) {
  size_t key = conninfo.find("password=");
  if (key == std::string::npos) return "";
  size_t start = key + std::strlen("password=");
  if (start < conninfo.size() && conninfo[start] == '\'') {
    std::string out;
    for (size_t i = start + 1; i < conninfo.size() && conninfo[i] != '\''; ++i) {
      if (conninfo[i] == '\\' && i + 1 < conninfo.size()) ++i;
      out += conninfo[i];
    }
    return out;
  }
  size_t end = conninfo.find_first_of(" &", start);
  return conninfo.substr(start, end == std::string::npos ? end : end - start);
}

}  // namespace

void add_secret(const std::string& value) { add(value, kMinExplicitSecret); }

void add_connection_secret(const std::string& conninfo) {
  for (const std::string& raw : {url_password(conninfo), keyword_password(conninfo)}) {
    if (raw.empty()) continue;
    add_secret(raw);
    add_secret(percent_decode(raw));
    add_secret(percent_encode(percent_decode(raw)));
  }
}

void add_secrets_from_environment() {
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const char* eq = std::strchr(*entry, '=');
    if (eq == nullptr) continue;
    std::string name = upper(std::string(static_cast<const char*>(*entry), eq));
    std::string value = eq + 1;
    if (name == "GITHUB_TOKEN" || name == "GH_TOKEN" || name == "PGPASSWORD" ||
        name == "INPUT_GITHUB-TOKEN" || name == "INPUT_TOKEN") {
      add_secret(value);
    } else if (name.find("TOKEN") != std::string::npos ||
               name.find("PASSWORD") != std::string::npos ||
               name.find("SECRET") != std::string::npos ||
               name.find("PASSWD") != std::string::npos) {
      add(value, kMinNamedSecret);
    }
    if (value.find("://") != std::string::npos || value.find("password=") != std::string::npos) {
      add_connection_secret(value);
    }
  }
}

void add_secrets_from_arguments(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.find("://") != std::string::npos || arg.find("password=") != std::string::npos) {
      add_connection_secret(arg);
    }
  }
}

void clear_secrets() {
  Secrets& s = secrets();
  std::lock_guard<std::mutex> lock(s.mutex);
  s.values.clear();
}

std::string redact(std::string_view text) {
  Secrets& s = secrets();
  std::lock_guard<std::mutex> lock(s.mutex);
  std::string out(text);
  for (const auto& secret : s.values) {
    for (size_t at = out.find(secret); at != std::string::npos; at = out.find(secret, at + 3)) {
      out.replace(at, secret.size(), "***");
    }
  }
  return out;
}

void redact_json(nlohmann::json& value) {
  if (value.is_string()) {
    value = redact(value.get_ref<const std::string&>());
  } else if (value.is_array()) {
    for (auto& item : value) redact_json(item);
  } else if (value.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (auto& [key, item] : value.items()) {
      redact_json(item);
      out[redact(key)] = std::move(item);
    }
    value = std::move(out);
  }
}

RedactingStreambuf::int_type RedactingStreambuf::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  pending_ += traits_type::to_char_type(c);
  if (c == '\n') write_complete_lines();
  return c;
}

std::streamsize RedactingStreambuf::xsputn(const char* s, std::streamsize n) {
  pending_.append(s, static_cast<size_t>(n));
  if (std::memchr(s, '\n', static_cast<size_t>(n)) != nullptr) write_complete_lines();
  return n;
}

int RedactingStreambuf::sync() {
  write_complete_lines();
  return sink_->pubsync() == 0 && !failed_ ? 0 : -1;
}

void RedactingStreambuf::write_out(const std::string& text) {
  auto size = static_cast<std::streamsize>(text.size());
  if (sink_->sputn(text.data(), size) != size) failed_ = true;
}

void RedactingStreambuf::write_complete_lines() {
  size_t last = pending_.rfind('\n');
  if (last == std::string::npos) return;
  std::string out = redact(std::string_view(pending_).substr(0, last + 1));
  pending_.erase(0, last + 1);
  write_out(out);
}

bool RedactingStreambuf::finish() {
  write_complete_lines();
  if (!pending_.empty()) {
    std::string out = redact(pending_);
    pending_.clear();
    write_out(out);
  }
  if (sink_->pubsync() != 0) failed_ = true;
  return !failed_;
}

namespace {
RedactingStreambuf* g_out = nullptr;
RedactingStreambuf* g_err = nullptr;
}  // namespace

void redact_standard_streams() {
  if (g_out != nullptr) return;
  g_out = new RedactingStreambuf(std::cout.rdbuf());
  g_err = new RedactingStreambuf(std::cerr.rdbuf());
  std::cout.rdbuf(g_out);
  std::cerr.rdbuf(g_err);
}

void finish_redacted_standard_streams() {
  if (g_out != nullptr) g_out->finish();
  if (g_err != nullptr) g_err->finish();
}

RedactedFile::RedactedFile(const std::string& path, std::ios::openmode mode)
    : std::ostream(nullptr), filter_(&file_) {
  rdbuf(&filter_);
  if (file_.open(path, mode | std::ios::out) == nullptr) setstate(std::ios::failbit);
}

RedactedFile::~RedactedFile() { close(); }

bool RedactedFile::close() {
  if (!file_.is_open()) return false;
  bool written = filter_.finish();
  bool closed = file_.close() != nullptr;
  if (!written || !closed) setstate(std::ios::badbit);
  return good();
}

}  // namespace sg
