// Every format rendered from one saved report (tests/golden/report.json), compared byte for
// byte with tests/golden/report.<format>. SG_UPDATE_GOLDEN=1 rewrites the expected files.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "report/formats.h"
#include "test_support.h"

namespace sg {
namespace {

const std::string kGoldenDir = std::string(SG_FIXTURES_DIR) + "/../golden/";

// The saved report as `comment` reads it.
Report golden_report() {
  auto report = report_from_json(nlohmann::json::parse(test::read_file(kGoldenDir + "report.json")));
  EXPECT_TRUE(report) << report.error;
  return report ? *report.value : Report{};
}

void expect_golden(const std::string& name, const std::string& actual) {
  std::string path = kGoldenDir + name;
  if (std::getenv("SG_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  EXPECT_EQ(test::read_file(path), actual)
      << "differs from " << path << " (SG_UPDATE_GOLDEN=1 rewrites it)";
}

std::string render(const std::string& format, const RenderOptions& options = {}) {
  std::ostringstream out;
  EXPECT_EQ(write_report(golden_report(), format, out, options), "");
  return out.str();
}

TEST(Golden, Markdown) { expect_golden("report.md", render("markdown")); }
TEST(Golden, Sarif) { expect_golden("report.sarif", render("sarif")); }
TEST(Golden, Gitlab) { expect_golden("report.gitlab.json", render("gitlab")); }
// A saved report read back and written again: the current contract (files as a list, the
// migrations with their assessed risk), whatever shape the saved one had.
TEST(Golden, Json) { expect_golden("report.out.json", render("json")); }

TEST(Golden, GithubAnnotationsSummaryAndOutputs) {
  test::TempDir dir;
  RenderOptions options;
  options.github_step_summary = (dir.path() / "summary.md").string();
  options.github_output = (dir.path() / "output").string();
  options.report_path = "report.json";
  dir.write("summary.md", "earlier step\n");
  expect_golden("report.github", render("github", options));
  EXPECT_EQ(test::read_file(options.github_step_summary),
            "earlier step\n" + render("markdown") + "\n");
  // The delimiter is random: check the values, not the delimiter.
  std::istringstream lines(test::read_file(options.github_output));
  std::vector<std::string> got;
  for (std::string line; std::getline(lines, line);) got.push_back(line);
  ASSERT_EQ(got.size(), 12u);
  EXPECT_EQ(got[0].substr(0, 19), "risk<<ghadelimiter_");
  EXPECT_EQ(got[1], "HIGH");
  EXPECT_EQ(got[2], got[0].substr(6));
  EXPECT_EQ(got[4], "3");  // active findings
  EXPECT_EQ(got[7], "2");  // errors
  EXPECT_EQ(got[10], "report.json");
}

TEST(Markdown, GithubAnnotationsCannotBeInjected) {
  std::string out = render("github");
  // Every line written starts a command schemagate meant: the message's newline is escaped.
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    EXPECT_TRUE(line.rfind("::error file=", 0) == 0 || line.rfind("::warning file=", 0) == 0)
        << line;
  }
  EXPECT_NE(out.find("%0A::add-mask::%25secret, <b>50%25</b>"), std::string::npos) << out;
  EXPECT_NE(out.find("file=scratch/notes%2Cv1.sql,"), std::string::npos) << out;
}

}  // namespace
}  // namespace sg
