// The pull-request report's promises: under GitHub's limit however large, says what it left out,
// ends with the marker, and shows text from SQL files as text.
#include <gtest/gtest.h>

#include <sstream>

#include "report/formats.h"
#include "report/report.h"

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

// "@name" in an identifier or an ignore reason must not notify anyone when posted.
TEST(Markdown, MentionsFromSqlDoNotNotify) {
  Finding f = finding("a.sql", 1, "dropping column @octocat.x breaks code");
  f.suppressed = true;
  f.suppression_reason = "approved by @acme/dba-team";
  std::string md = render_markdown(with_findings({f}), {});
  EXPECT_NE(md.find("dropping column @&#8203;octocat.x"), std::string::npos) << md;
  EXPECT_NE(md.find("approved by @&#8203;acme/dba-team"), std::string::npos) << md;
  EXPECT_EQ(md.find("@octocat"), std::string::npos) << md;
  EXPECT_EQ(md.find("@acme"), std::string::npos) << md;
}

// A file name with a newline cannot start a line of its own in the text output, where
// GitHub Actions would read "::error ..." as a workflow command.
TEST(TextFormat, ControlCharactersInFileNamesAndMessagesStayOnTheirLine) {
  Finding f = finding("x\n::error file=evil::owned.sql", 1, "bad\r\x1b[2Jthing");
  std::ostringstream out;
  write_text(with_findings({f}), out, false);
  EXPECT_EQ(out.str().substr(0, out.str().find('\n')),
            "x\\n::error file=evil::owned.sql:1:1: warning: bad\\r\\x1b[2Jthing [ban-drop-column]");
  const std::string text = out.str();
  for (size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1)) {
    EXPECT_NE(text.compare(at + 1, 2, "::"), 0) << text;
  }
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
