// The pull-request report's promises: under GitHub's limit however large, says what it left out,
// ends with the marker, and shows text from SQL files as text.
#include <gtest/gtest.h>

#include "report/formats.h"

namespace sg {
namespace {

Finding finding(const std::string& file, int line, const std::string& message) {
  Finding f;
  f.rule_id = "ban-drop-column";
  f.severity = Severity::kWarning;
  f.risk = Risk::kHigh;
  f.file = file;
  f.line = line;
  f.message = message;
  f.help = std::string(200, 'h');
  return f;
}

Report with_findings(std::vector<Finding> findings) {
  Report report;
  report.findings = std::move(findings);
  return report;
}

TEST(Markdown, HugeReportStaysUnderTheLimitAndSaysWhatWasLeftOut) {
  Report report;
  for (int file = 0; file < 30; ++file) {
    for (int line = 1; line <= 200; ++line) {
      report.findings.push_back(
          finding("migrations/" + std::to_string(file) + ".sql", line, std::string(100, 'm')));
    }
  }
  std::string md = render_markdown(report, {});
  EXPECT_LT(md.size(), kMarkdownLimit);
  EXPECT_EQ(md.substr(md.size() - 20), "<!-- schemagate -->\n");
  EXPECT_NE(md.find("0 errors, 6000 warnings in 30 migrations."), std::string::npos);
  EXPECT_NE(md.find("_195 of 200 findings for this migration left out to fit GitHub's comment "
                    "limit; the full list is in the job's annotations and `--format json`._"),
            std::string::npos)
      << md.substr(0, 3000);
}

TEST(Markdown, ThousandsOfMigrationsAreCutAtALine) {
  Report report;
  for (int file = 0; file < 3000; ++file) {
    report.findings.push_back(finding("m/" + std::to_string(file) + ".sql", 1, "x"));
  }
  RenderOptions options;
  std::string md = render_markdown(report, options);
  EXPECT_LT(md.size(), kMarkdownLimit);
  EXPECT_NE(md.find("\n_Report cut to fit GitHub's comment limit; the full report is in "
                    "`--format json`._\n\n<!-- schemagate -->\n"),
            std::string::npos);
}

TEST(Markdown, HtmlAndMarkdownFromSqlShowAsText) {
  Report report =
      with_findings({finding("a.sql", 1, "<!-- schemagate --> <img src=x> **bold** [l](u)")});
  std::string md = render_markdown(report, {});
  EXPECT_NE(md.find("&lt;!-- schemagate --&gt; &lt;img src=x&gt; \\*\\*bold\\*\\* \\[l\\](u)"),
            std::string::npos)
      << md;
  EXPECT_EQ(md.find("<!-- schemagate -->"), md.size() - 20);  // only the real marker
}

TEST(Markdown, EmptyReportRendersAPass) {
  std::string md = render_markdown(Report{}, {});
  EXPECT_EQ(md,
            "## 🟩 schemagate: LOW risk, ✅ PASS\n\n0 errors, 0 warnings in 0 migrations.\n\n"
            "<!-- schemagate -->\n");
}

TEST(Markdown, DocsUrlIsConfigurable) {
  RenderOptions options;
  options.docs_url = "https://docs.example.com/rules/";
  std::string md = render_markdown(with_findings({finding("a.sql", 4, "m")}), options);
  EXPECT_NE(md.find("- **warning** [ban-drop-column](https://docs.example.com/rules/"
                    "ban-drop-column.md) `a.sql:4`: m\n"),
            std::string::npos)
      << md;
}

}  // namespace
}  // namespace sg
