#include "gate/roundtrip_record.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "util/sha256.h"

namespace sg {
namespace {

std::string text_of(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

bool read_text(const std::string& path, std::string& text, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot read: " + std::strerror(errno);
    return false;
  }
  std::ostringstream out;
  out << in.rdbuf();
  text = out.str();
  return true;
}

}  // namespace

ContentHashes content_hashes(const Migration& m) {
  ContentHashes c;
  c.migration = m.id;
  if (m.up) {
    c.up_path = m.up->path;
    c.up_sha256 = sha256_hex(m.up->text);
  }
  if (m.down) c.down_sha256 = sha256_hex(m.down->text);
  return c;
}

bool read_check_report(const std::string& path, std::vector<RecordedRoundTrip>& out,
                       std::string& error) {
  std::string text;
  if (!read_text(path, text, error)) return false;
  auto report = nlohmann::json::parse(text, nullptr, false);
  if (report.is_discarded() || !report.is_object() || !report.contains("migrations") ||
      !report["migrations"].is_array()) {
    error = path + ": not a schemagate JSON report (`check --format json` with a \"migrations\" "
                   "section)";
    return false;
  }
  std::map<std::string, nlohmann::json> entries;  // migration id -> its roundtrip entry
  auto roundtrip = report.find("roundtrip");
  if (roundtrip != report.end() && roundtrip->is_array()) {
    for (const auto& r : *roundtrip) {
      if (r.is_object()) entries[text_of(r, "migration")] = r;
    }
  }
  for (const auto& m : report["migrations"]) {
    if (!m.is_object()) continue;
    auto entry = entries.find(text_of(m, "id"));
    if (entry == entries.end()) continue;
    std::string status = text_of(entry->second, "status");  // "ok" | "failed" | "skipped"
    if (status != "ok" && status != "failed") continue;
    std::string up_sha256 = text_of(m, "up_sha256");
    if (up_sha256.empty()) continue;  // a report from before the hashes: proves nothing
    out.push_back({path, text_of(m, "id"), text_of(m, "up"), up_sha256,
                   text_of(m, "down_sha256"), status == "ok", entry->second});
  }
  return true;
}

bool read_audit_log(const std::string& path, std::vector<RecordedRoundTrip>& out,
                    std::string& error) {
  std::string text;
  if (!read_text(path, text, error)) return false;
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto record = nlohmann::json::parse(line, nullptr, false);
    if (record.is_discarded() || !record.is_object()) {
      error = path + ":" + std::to_string(number) + ": not a JSON record";
      return false;
    }
    std::string verification = text_of(record, "verification_status");
    std::string up_sha256 = text_of(record, "up_sha256");
    if ((verification != "passed" && verification != "failed") || up_sha256.empty()) continue;
    out.push_back({path + ":" + std::to_string(number), text_of(record, "migration"),
                   text_of(record, "up_file"), up_sha256, text_of(record, "down_sha256"),
                   verification == "passed", nlohmann::json()});
  }
  return true;
}

RecordLookup find_roundtrip_record(const ContentHashes& content,
                                   const std::vector<RecordedRoundTrip>& records) {
  RecordLookup lookup;
  std::string other_content;  // the last record of this file with other content
  for (const auto& r : records) {
    if (r.up_sha256 == content.up_sha256 && r.down_sha256 == content.down_sha256) {
      lookup.status = r.passed ? RecordStatus::kPassing : RecordStatus::kFailing;
      lookup.where = r.where;
      lookup.record = &r;
    } else if (r.up_path == content.up_path) {
      other_content = r.where;
    }
  }
  const std::string& file = content.up_path.empty() ? content.migration : content.up_path;
  if (lookup.status == RecordStatus::kFailing) {
    lookup.reason = file + ": the round trip recorded for this content failed (" + lookup.where +
                    ")";
  } else if (lookup.status == RecordStatus::kNotFound) {
    lookup.reason = file + ": no round-trip record for this content (up sha256 " +
                    content.up_sha256.substr(0, 12) + ")";
    if (!other_content.empty()) {
      lookup.reason += "; the file changed since the recorded check (" + other_content + ")";
    }
  }
  return lookup;
}

}  // namespace sg
