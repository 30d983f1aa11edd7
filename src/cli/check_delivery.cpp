#include "cli/check_delivery.h"

#include <fstream>
#include <iostream>

#include "cli/output.h"
#include "report/audit_record.h"
#include "report/audit_store.h"
#include "util/redact.h"

namespace sg {

// Writes the report in every place the user asked for; false when one could not be written.
bool deliver(const Report& report, const CheckArgs& args, const MigrationSet& set) {
  if (!emit_report(report, args.format, args.output)) return false;
  if (!args.report_json.empty()) {
    RedactedFile out(args.report_json, std::ios::binary | std::ios::trunc);
    if (out) write_json(report, out);
    if (!out.close()) {
      std::cerr << "error: " << args.report_json << ": cannot write the JSON report\n";
      return false;
    }
  }
  if (!args.report_markdown.empty() && !write_report_file(report, "markdown", args.report_markdown)) {
    return false;
  }
  if (args.audit_log.empty() && args.audit_database_url.empty()) return true;
  AuditContext context = audit_context_from_environment();
  // Hash what git holds at head, not the work tree: that is what the check looked at.
  context.read_file = [&set](const std::string& path) -> std::optional<std::string> {
    for (const auto& m : set.migrations) {
      for (const auto* script : {m.up ? &*m.up : nullptr, m.down ? &*m.down : nullptr}) {
        if (script != nullptr && script->path == path) return script->text;
      }
    }
    return std::nullopt;
  };
  if (context.database.empty()) {
    context.database = args.input.roundtrip.database_url.empty() ? "embedded" : "database-url";
  }
  // One record per checked migration: the change's, or every one with --all.
  std::vector<nlohmann::json> records = audit_records(report, context, !args.input.all);
  std::string error;
  if (!args.audit_log.empty()) error = append_audit_log(args.audit_log, records);
  if (error.empty() && !args.audit_database_url.empty()) {
    Summary summary = summarize(report);
    AuditRun run{"check", !report.errors.empty() ? "error"
                          : summary.errors > 0   ? "failure"
                                                 : "success"};
    error = store_audit_records(args.audit_database_url, run, records);
  }
  if (!error.empty()) {
    std::cerr << "error: " << error << "\n";
    return false;
  }
  return true;
}

}  // namespace sg
