#include "report/report_view.h"

#include <algorithm>
#include <map>

namespace sg {
namespace {

std::vector<std::string> strings(const nlohmann::json& j) {
  std::vector<std::string> out;
  if (j.is_string()) out.push_back(j.get<std::string>());
  if (j.is_array()) {
    for (const auto& v : j) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

// report["files"] is keyed by path (object) or a list of {"file"|"path": ...}.
const nlohmann::json* file_info(const nlohmann::json& report, const std::string& path) {
  auto it = report.find("files");
  if (it == report.end() || path.empty()) return nullptr;
  if (it->is_object()) {
    auto f = it->find(path);
    return f == it->end() ? nullptr : &*f;
  }
  if (it->is_array()) {
    for (const auto& entry : *it) {
      if (str(entry, "file") == path || str(entry, "path") == path) return &entry;
    }
  }
  return nullptr;
}

void apply_file_info(const nlohmann::json& report, MigrationView& m) {
  for (const auto& path : m.paths) {
    const nlohmann::json* info = file_info(report, path);
    if (info == nullptr || !info->is_object()) continue;
    std::string risk = str(*info, "risk");
    if (risk_rank(risk) > risk_rank(m.risk)) m.risk = risk;
    for (auto& r : strings(info->value("risk_reasons", nlohmann::json()))) {
      m.risk_reasons.push_back(std::move(r));
    }
    for (auto& a : strings(info->value("approvals", nlohmann::json()))) {
      if (std::find(m.approvals.begin(), m.approvals.end(), a) == m.approvals.end()) {
        m.approvals.push_back(std::move(a));
      }
    }
    auto c = info->find("compliance_review");
    if (c != info->end() &&
        ((c->is_boolean() && c->get<bool>()) || c->is_object() || (c->is_array() && !c->empty()))) {
      m.compliance_review = true;
    }
  }
}

}  // namespace

int risk_rank(const std::string& risk) {
  static const std::map<std::string, int> kRanks = {
      {"LOW", 0}, {"MEDIUM", 1}, {"HIGH", 2}, {"CRITICAL", 3}};
  auto it = kRanks.find(risk);
  return it == kRanks.end() ? -1 : it->second;
}

std::string str(const nlohmann::json& j, const char* key, const std::string& fallback) {
  if (!j.is_object()) return fallback;
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}

long long num(const nlohmann::json& j, const char* key, long long fallback) {
  if (!j.is_object()) return fallback;
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<long long>() : fallback;
}

ReportView make_view(const nlohmann::json& report) {
  ReportView view;
  std::map<std::string, size_t> by_path;  // file -> index in view.migrations
  auto migrations = report.find("migrations");
  if (migrations != report.end() && migrations->is_array()) {
    for (const auto& m : *migrations) {
      MigrationView mv;
      mv.title = str(m, "id", str(m, "up"));
      mv.up_path = str(m, "up");
      mv.down_path = str(m, "down");
      mv.change = str(m, "change");
      for (const auto& p : {mv.up_path, mv.down_path}) {
        if (!p.empty()) {
          mv.paths.push_back(p);
          by_path.emplace(p, view.migrations.size());
        }
      }
      view.migrations.push_back(std::move(mv));
    }
  }
  auto findings = report.find("findings");
  if (findings != report.end() && findings->is_array()) {
    for (const auto& f : *findings) {
      std::string file = str(f, "file");
      auto it = by_path.find(file);
      if (it == by_path.end()) {  // lint, or a finding on a file outside every migration
        MigrationView mv;
        mv.title = file;
        mv.up_path = file;
        mv.paths.push_back(file);
        it = by_path.emplace(file, view.migrations.size()).first;
        view.migrations.push_back(std::move(mv));
      }
      view.migrations[it->second].findings.push_back(&f);
      bool suppressed = f.value("suppressed", false);
      std::string severity = str(f, "severity");
      if (suppressed) {
        ++view.suppressed;
      } else if (severity == "error") {
        ++view.errors;
      } else if (severity == "warning") {
        ++view.warnings;
      }
    }
  }
  auto roundtrip = report.find("roundtrip");
  for (auto& m : view.migrations) {
    m.risk = "LOW";
    for (const auto* f : m.findings) {
      std::string risk = str(*f, "risk");
      if (!f->value("suppressed", false) && risk_rank(risk) > risk_rank(m.risk)) m.risk = risk;
    }
    apply_file_info(report, m);
    if (roundtrip != report.end() && roundtrip->is_array()) {
      for (const auto& r : *roundtrip) {
        if (str(r, "migration") == m.title) m.roundtrip = &r;
      }
    }
  }
  view.risk = str(report, "risk", "LOW");
  bool roundtrip_failed = false;
  for (const auto& m : view.migrations) {
    if (risk_rank(m.risk) > risk_rank(view.risk)) view.risk = m.risk;
    if (m.roundtrip != nullptr && str(*m.roundtrip, "status", "ok") != "ok") {
      roundtrip_failed = true;
    }
  }
  auto summary = report.find("summary");
  if (summary != report.end()) {
    view.runtime_errors = strings(summary->value("runtime_errors", nlohmann::json()));
  }
  auto containment = report.find("containment");
  if (containment != report.end() && containment->is_object()) {
    view.containment_notes = strings(containment->value("notes", nlohmann::json()));
  }
  bool failed = view.errors > 0 || !view.runtime_errors.empty() || roundtrip_failed;
  view.verdict = str(report, "verdict", failed ? "FAIL" : "PASS");
  return view;
}

}  // namespace sg
