#include "report/audit_record.h"

#include <algorithm>
#include <cmath>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

#include "core/json_read.h"
#include "util/sha256.h"
#include "util/redact.h"

namespace sg {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? "" : v;
}

std::string now_utc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

nlohmann::json hash_of(const AuditContext& context, const std::string& path) {
  if (path.empty() || !context.read_file) return nullptr;
  auto text = context.read_file(path);
  return text ? nlohmann::json(sha256_hex(*text)) : nlohmann::json(nullptr);
}

}  // namespace

AuditContext audit_context_from_environment() {
  AuditContext c;
  c.timestamp = now_utc();
  c.executor = env("GITHUB_ACTOR").empty() ? env("USER") : env("GITHUB_ACTOR");
  c.environment = env("GITHUB_ACTIONS") == "true" ? "ci" : "local";
  std::string event_path = env("GITHUB_EVENT_PATH");
  if (!event_path.empty()) {
    std::ifstream in(event_path, std::ios::binary);
    auto event = nlohmann::json::parse(in, nullptr, false);
    if (!event.is_discarded() && event.contains("pull_request") &&
        event["pull_request"].is_object()) {
      c.justification = json_string(event["pull_request"], "title");
    }
  }
  c.read_file = [](const std::string& path) -> std::optional<std::string> {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  };
  return c;
}

std::vector<nlohmann::json> audit_records(const Report& report, const AuditContext& context,
                                          bool only_changed) {
  std::vector<nlohmann::json> records;
  Assessment assessment = assess(report);
  for (const auto& m : assessment.migrations) {
    if (only_changed && m.change == "unchanged") continue;
    size_t errors = 0;
    for (const auto* f : m.findings) {
      if (!f->suppressed && f->severity == Severity::kError) ++errors;
    }
    std::string verification = "not_run";
    bool rollback_tested = false;
    double seconds = context.duration_seconds;
    if (m.roundtrip != nullptr) {
      verification = m.roundtrip->status == "ok" ? "passed" : "failed";
      long long ms = 0;
      for (const auto& s : m.roundtrip->steps) {
        ms += std::llround(s.ms);
        if (s.step == "down" && s.ok) rollback_tested = true;
      }
      seconds = static_cast<double>(ms) / 1000.0;
    }
    bool failed = errors > 0 || verification == "failed";
    records.push_back({
        {"timestamp", context.timestamp},
        {"executor", context.executor},
        {"migration", m.title},
        {"environment", context.environment},
        {"database", context.database},
        {"tables_affected", m.tables_touched},
        {"justification", context.justification},
        {"duration_seconds", seconds},
        {"status", failed ? "failure" : "success"},
        {"verification_status", verification},
        {"rollback_tested", rollback_tested},
        {"risk", to_string(m.risk)},
        {"up_file", m.up_path},
        {"up_sha256", hash_of(context, m.up_path)},
        {"down_file", m.down_path.empty() ? nlohmann::json(nullptr) : nlohmann::json(m.down_path)},
        {"down_sha256", hash_of(context, m.down_path)},
        {"findings", m.findings.size()},
    });
  }
  return records;
}

std::string append_audit_log(const std::string& path, const std::vector<nlohmann::json>& records) {
  std::string lines;
  for (const auto& r : records) {
    lines += r.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }
  // One write of whole lines: concurrent runs appending to one log cannot interleave a record.
  RedactedFile out(path, std::ios::binary | std::ios::app);
  if (out) out << lines;
  if (!out.close()) return path + ": cannot append the audit record: " + std::strerror(errno);
  return "";
}

}  // namespace sg
