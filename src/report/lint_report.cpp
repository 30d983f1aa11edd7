#include "report/lint_report.h"

#include <algorithm>
#include <iterator>

#include "lint/engine.h"

namespace sg {

void lint_into_report(const SourceFile& source, const RuleSet& rules, const LintOptions& options,
                      Report& report, const RiskPolicy& policy) {
  report.files.push_back(source.path());
  FileLintResult result = lint_file(source, rules, options);
  if (result.parsed && result.statement_count == 0) {
    // A JavaScript migration's script is the SQL its up() or down() sent.
    std::string what = source.source_map() == nullptr ? ": no SQL statements"
                       : options.direction == Direction::kDown ? ": down() sent no SQL"
                                                               : ": up() sent no SQL";
    report.notes.push_back(source.path() + what + ", nothing to lint");
  }
  FileRisk risk =
      assess_file_risk(source.path(), result.statement_risks, result.findings, policy);
  report.file_risks.push_back(std::move(risk));
  report.findings.insert(report.findings.end(), std::make_move_iterator(result.findings.begin()),
                         std::make_move_iterator(result.findings.end()));
}

Report lint_files(const std::vector<std::string>& paths, const RuleSet& rules,
                  const LintOptions& options, std::istream& stdin_stream,
                  const RiskPolicy& policy) {
  Report report;
  for (const auto& path : paths) {
    if (path == "-") {
      std::string text((std::istreambuf_iterator<char>(stdin_stream)),
                       std::istreambuf_iterator<char>());
      lint_into_report(SourceFile("<stdin>", std::move(text)), rules, options, report, policy);
      continue;
    }
    auto read = read_source_file(path, path);
    if (!read) {
      report.errors.push_back(read.error);
      continue;
    }
    lint_into_report(*read.value, rules, options, report, policy);
  }
  std::stable_sort(report.findings.begin(), report.findings.end(), finding_order);
  return report;
}

}  // namespace sg
