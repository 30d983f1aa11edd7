#include "gate/roundtrip_record.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/json_read.h"
#include "report/report.h"
#include "util/sha256.h"

namespace sg {
namespace {

Result<std::string> read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Result<std::string>::fail(path + ": cannot read: " + std::strerror(errno));
  std::ostringstream out;
  out << in.rdbuf();
  return {out.str(), ""};
}

}  // namespace

ContentHashes content_hashes(const Migration& m) {
  ContentHashes c;
  c.migration = m.id;
  if (m.up) {
    c.up_path = m.up->path;
    c.up_sha256 = sha256_hex(written_text(*m.up));
  }
  if (m.down) c.down_sha256 = sha256_hex(written_text(*m.down));
  return c;
}

Result<std::vector<RecordedRoundTrip>> read_check_report(const std::string& path) {
  using Out = Result<std::vector<RecordedRoundTrip>>;
  auto text = read_text(path);
  if (!text) return Out::fail(text.error);
  auto report = report_from_json(nlohmann::json::parse(*text.value, nullptr, false));
  if (!report || !report.value->lists_migrations) {
    return Out::fail(path + ": not a schemagate JSON report (`check --format json` with a "
                            "\"migrations\" section)");
  }
  std::vector<RecordedRoundTrip> out;
  const Report& r = *report.value;
  if (!r.roundtrip) return {std::move(out), ""};
  for (const auto& m : r.migrations) {
    const MigrationRoundTrip* rt = nullptr;  // the last entry of that id
    for (const auto& entry : r.roundtrip->migrations) {
      if (entry.migration == m.id) rt = &entry;
    }
    if (rt == nullptr || (rt->status != "ok" && rt->status != "failed")) continue;  // "skipped"
    if (m.up_sha256.empty()) continue;  // a report from before the hashes: proves nothing
    out.push_back({path, m.id, m.up, m.up_sha256, m.down_sha256, rt->status == "ok", *rt});
  }
  return {std::move(out), ""};
}

Result<std::vector<RecordedRoundTrip>> read_audit_log(const std::string& path) {
  using Out = Result<std::vector<RecordedRoundTrip>>;
  auto text = read_text(path);
  if (!text) return Out::fail(text.error);
  std::vector<RecordedRoundTrip> out;
  std::istringstream lines(*text.value);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto record = nlohmann::json::parse(line, nullptr, false);
    if (record.is_discarded() || !record.is_object()) {
      return Out::fail(path + ":" + std::to_string(number) + ": not a JSON record");
    }
    std::string verification = json_string(record, "verification_status");
    std::string up_sha256 = json_string(record, "up_sha256");
    if ((verification != "passed" && verification != "failed") || up_sha256.empty()) continue;
    out.push_back({path + ":" + std::to_string(number), json_string(record, "migration"),
                   json_string(record, "up_file"), up_sha256, json_string(record, "down_sha256"),
                   verification == "passed", std::nullopt});
  }
  return {std::move(out), ""};
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
