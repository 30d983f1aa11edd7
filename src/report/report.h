// What every command reports, as one typed value: the findings, each file's assessed risk, the
// migrations (check), the round trip's results and how its SQL was contained. to_json() is the
// public contract (--format json, --report-json); report_from_json() reads a saved one back for
// `comment` and the release gate; every format renders from this value (report/formats.h).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "assess/assessment.h"
#include "assess/file_risk.h"
#include "core/finding.h"
#include "core/migration.h"
#include "core/result.h"
#include "db/roundtrip.h"
#include "db/roundtrip_setup.h"

namespace sg {

struct Report {
  std::vector<Finding> findings;   // sorted with finding_order
  std::vector<std::string> files;  // every file looked at, in order
  // Runtime problems (unreadable file, ...): printed to stderr, and they make the exit code 2.
  std::vector<std::string> errors;
  // Things worth saying that are not findings ("x.sql: empty file, nothing to lint").
  std::vector<std::string> notes;
  std::vector<FileRisk> file_risks;           // "files": each linted up script's risk
  std::vector<ReportedMigration> migrations;  // "migrations"
  bool lists_migrations = false;  // check: "migrations" is written even when there are none
  // "review_all": every migration is under review (--all, or no merge base); else the report
  // is about the change, and renderers for reviewers (markdown) leave unchanged ones out.
  bool review_all = false;
  // "history": the unchanged migrations the round trip applied first, and how long they took.
  struct History {
    int migrations = 0;
    double ms = 0;
  };
  std::optional<History> history;
  std::optional<RoundTripResults> roundtrip;  // "roundtrip": when one ran
  std::optional<Containment> containment;     // "containment": when the round trip ran
  std::string tool_version = SG_VERSION;      // what wrote it (a saved report's own)
};

// assess() over the report (the result points into `report`).
Assessment assess(const Report& report);

using Summary = FindingCounts;
inline Summary summarize(const Report& report) { return count_findings(report.findings); }

nlohmann::json to_json(const Report& report);
// A saved report: fails only when `json` is not a JSON object. Missing sections are empty, and
// "files" may be a list (as check writes it) or an object keyed by path (older reports).
Result<Report> report_from_json(const nlohmann::json& json);
void write_json(const Report& report, std::ostream& out);
// `colour`: ANSI colours (only when writing to a terminal).
void write_text(const Report& report, std::ostream& out, bool colour);

}  // namespace sg
