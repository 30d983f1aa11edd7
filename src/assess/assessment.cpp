#include "assess/assessment.h"

#include <algorithm>
#include <map>

#include "assess/fail_on.h"

namespace sg {
namespace {

void add_unique(std::vector<std::string>& list, const std::string& item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(item);
}

// A down script's file risk is not assessed (its drops undo, they do not endanger), so only
// the files the report assessed count.
void apply_file_risks(const std::vector<FileRisk>& files, MigrationAssessment& m) {
  for (const auto& path : m.paths) {
    for (const auto& f : files) {
      if (f.file != path) continue;
      m.risk = std::max(m.risk, f.risk);
      m.risk_reasons.insert(m.risk_reasons.end(), f.reasons.begin(), f.reasons.end());
      for (const auto& a : f.approvals) add_unique(m.approvals, a);
      for (const auto& t : f.tables_touched) add_unique(m.tables_touched, t);
      m.compliance_review = m.compliance_review || f.compliance_review;
    }
  }
}

}  // namespace

FindingCounts count_findings(const std::vector<Finding>& findings) {
  FindingCounts counts;
  for (const auto& f : findings) {
    if (f.suppressed) {
      ++counts.suppressed;
    } else if (f.severity == Severity::kError) {
      ++counts.errors;
    } else if (f.severity == Severity::kWarning) {
      ++counts.warnings;
    }
  }
  return counts;
}

Assessment assess(const AssessInput& in) {
  Assessment out;
  static_cast<FindingCounts&>(out) = count_findings(in.findings);
  std::map<std::string, size_t> by_path;  // file -> index in out.migrations
  for (const auto& m : in.migrations) {
    MigrationAssessment a;
    a.title = m.id.empty() ? m.up : m.id;
    a.up_path = m.up;
    a.down_path = m.down;
    a.change = m.change;
    for (const auto& p : {m.up, m.down}) {
      // dbmate and Sequelize keep both directions in one file: one path, counted once.
      if (p.empty() || std::find(a.paths.begin(), a.paths.end(), p) != a.paths.end()) continue;
      a.paths.push_back(p);
      by_path.emplace(p, out.migrations.size());
    }
    out.migrations.push_back(std::move(a));
  }
  for (const auto& f : in.findings) {
    auto it = by_path.find(f.file);
    if (it == by_path.end()) {
      MigrationAssessment a;
      a.title = f.file;
      a.up_path = f.file;
      a.paths.push_back(f.file);
      it = by_path.emplace(f.file, out.migrations.size()).first;
      out.migrations.push_back(std::move(a));
    }
    out.migrations[it->second].findings.push_back(&f);
  }
  bool roundtrip_failed = false;
  bool roundtrip_skipped = false;
  for (auto& m : out.migrations) {
    for (const auto* f : m.findings) {
      if (!f->suppressed && f->severity != Severity::kOff) m.risk = std::max(m.risk, f->risk);
    }
    apply_file_risks(in.files, m);
    for (const auto& r : in.roundtrips) {
      if (r.migration == m.title) m.roundtrip = &r;
    }
    if (m.roundtrip != nullptr && m.roundtrip->status == "skipped") roundtrip_skipped = true;
    if (m.roundtrip != nullptr && m.roundtrip->status != "ok" && m.roundtrip->status != "skipped") {
      roundtrip_failed = true;
    }
    out.risk = std::max(out.risk, m.risk);
  }
  bool clean = out.errors == 0 && in.runtime_errors.empty() && !roundtrip_failed;
  out.pass = clean && !roundtrip_skipped;
  out.incomplete = clean && roundtrip_skipped;
  return out;
}

bool fails(const FailOn& fail_on, const std::vector<Finding>& findings,
           const std::vector<FileRisk>& files) {
  std::vector<Risk> risks;
  for (const auto& f : files) risks.push_back(f.risk);
  return fails(fail_on, findings, risks);
}

}  // namespace sg
