// What a new user touches first: the action and its published image, this repository's
// workflows, the GitLab template, the Dockerfile's stages and `--version`, all held to one
// version (CMake's project version) and checked by the linters GitHub's own users run.
#include <gtest/gtest.h>

#include <regex>

#include "pipeline/init_files.h"
#include "test_support.h"
#include "workflow_lint.h"

namespace sg {
namespace {

const std::string kSource = SG_SOURCE_DIR;

std::string cmake_project_version() {
  std::smatch m;
  std::string text = test::read_file(kSource + "/CMakeLists.txt");
  if (!std::regex_search(text, m, std::regex(R"(project\(schemagate VERSION ([0-9.]+))"))) return "";
  return m[1];
}

TEST(Shipping, VersionIsCMakesProjectVersion) {
  std::string version = cmake_project_version();
  ASSERT_FALSE(version.empty());
  auto r = test::run_schemagate({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "schemagate " + version + "\n");
}

TEST(Shipping, TheActionRunsThePublishedImageOfThisVersion) {
  std::string action = test::read_file(kSource + "/action.yml");
  EXPECT_NE(action.find("\n  image: docker://ghcr.io/schemagate/schemagate:" +
                        cmake_project_version() + "\n"),
            std::string::npos)
      << "action.yml must pin the image the release of this version publishes";
  EXPECT_EQ(action.find("image: Dockerfile"), std::string::npos) << "no build on every run";
  EXPECT_EQ(image_reference(), "ghcr.io/schemagate/schemagate:" + cmake_project_version());
  EXPECT_EQ(test::validate_action(kSource + "/action.yml"), "");
}

TEST(Shipping, RepositoryWorkflowsPassActionlint) {
  std::vector<std::string> files{kSource + "/.github/workflows/ci.yml",
                                 kSource + "/.github/workflows/release.yml"};
  EXPECT_EQ(test::lint_workflows(files), "");
  std::string release = test::read_file(files[1]);
  EXPECT_NE(release.find("tags: [\"v*\"]"), std::string::npos);
  EXPECT_NE(release.find("platforms: linux/amd64,linux/arm64"), std::string::npos);
  EXPECT_NE(release.find("sha256sum"), std::string::npos);
  std::string ci = test::read_file(files[0]);
  EXPECT_NE(ci.find("run: scripts/test.sh"), std::string::npos) << "CI runs the README's command";
  EXPECT_NE(ci.find("INPUT_PATH=migrations"), std::string::npos) << "and dogfoods the action";
}

// A lint that passes everything would make the checks above worthless.
TEST(Shipping, ActionlintCatchesABrokenWorkflow) {
  test::TempDir dir;
  auto bad = dir.write("bad.yml",
                       "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                       "      - run: echo ${{ github.event.pull_request.title }}\n");
  std::string out = test::lint_workflows({bad.string()});
  EXPECT_NE(out.find("bad.yml:6:"), std::string::npos) << out;
  EXPECT_NE(out.find("potentially untrusted"), std::string::npos) << out;
  auto bad_action = dir.write("action.yml", "name: x\nruns:\n  using: docker\n");
  EXPECT_NE(test::validate_action(bad_action.string()), "");
}

TEST(Shipping, GitLabTemplateUsesTheSameImageAndTheReportFormats) {
  std::string text = test::read_file(kSource + "/docs/gitlab-ci.yml");
  EXPECT_NE(text.find("name: " + image_reference() + "\n"), std::string::npos);
  auto keys = test::run_program(
      {"python3", "-c",
       "import sys, yaml\nj = yaml.safe_load(open(sys.argv[1]))['schemagate']\n"
       "print(j['artifacts']['reports']['codequality'], j['variables']['GIT_DEPTH'])",
       kSource + "/docs/gitlab-ci.yml"});
  EXPECT_EQ(keys.exit_code, 0) << keys.err;
  EXPECT_EQ(keys.out, "gl-code-quality-report.json 0\n");
  EXPECT_NE(text.find("--format gitlab --output gl-code-quality-report.json"), std::string::npos);
  EXPECT_NE(text.find("--report-markdown schemagate.md"), std::string::npos);
}

// Users' `docker build .` (and the action) get builder + runtime; the suite runs only in the
// test stage, which CI and the release build on purpose.
TEST(Shipping, TheTestSuiteRunsOnlyInTheTestStage) {
  std::string text = test::read_file(kSource + "/Dockerfile");
  auto test_stage = text.find("FROM builder AS test\nRUN scripts/test.sh\n");
  ASSERT_NE(test_stage, std::string::npos);
  EXPECT_EQ(text.find("ctest"), std::string::npos);
  EXPECT_NE(text.find("--target schemagate"), std::string::npos);
  EXPECT_GT(text.rfind("FROM debian:12-slim AS runtime"), test_stage) << "runtime is the default";
}

}  // namespace
}  // namespace sg
