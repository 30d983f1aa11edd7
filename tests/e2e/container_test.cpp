// The Dockerfile and action.yml, checked without a Docker engine: every shared library the
// built binary loads comes from a package the runtime stage installs (or one those depend on),
// every package the Dockerfile names exists in Debian 12, and the action maps its inputs.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>

#include "test_support.h"

namespace sg {
namespace {

const std::string kSource = SG_SOURCE_DIR;

// Packages of each `apt-get install` in the Dockerfile, per stage (FROM starts a stage).
std::vector<std::set<std::string>> stage_packages() {
  std::istringstream lines(test::read_file(kSource + "/Dockerfile"));
  std::vector<std::set<std::string>> stages;
  bool installing = false;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("FROM ", 0) == 0) stages.emplace_back();
    if (line.find("apt-get install") != std::string::npos) installing = true;
    if (!installing || stages.empty()) continue;
    std::istringstream words(line);
    for (std::string w; words >> w;) {
      if (w == "&&" && line.find("apt-get install") == std::string::npos) installing = false;
      if (!installing) break;
      bool option_or_command = w[0] == '-' || w == "\\" || w == "RUN" || w == "apt-get" ||
                               w == "install" || w == "&&" || w.find('=') != std::string::npos;
      if (!option_or_command) stages.back().insert(w);
    }
  }
  return stages;
}

std::set<std::string> with_dependencies(const std::set<std::string>& packages) {
  std::vector<std::string> argv{"apt-cache",       "depends",       "--recurse",
                                "--no-recommends", "--no-suggests", "--no-conflicts",
                                "--no-breaks",     "--no-replaces", "--no-enhances"};
  argv.insert(argv.end(), packages.begin(), packages.end());
  auto r = test::run_program(argv);
  std::set<std::string> all = packages;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    auto colon = line.find("Depends: ");
    std::string name = colon == std::string::npos ? line : line.substr(colon + 9);
    if (name.empty() || name[0] == '<' || name[0] == ' ') continue;
    all.insert(name.substr(0, name.find(':')));
  }
  return all;
}

// dpkg -S for many paths at once (one slow dpkg run, not one per library): path -> package.
// Debian 12 merges /lib into /usr/lib, and dpkg may know either spelling.
std::map<std::string, std::string> owning_packages(const std::vector<std::string>& paths) {
  std::vector<std::string> argv{"dpkg", "-S"};
  for (const auto& p : paths) {
    argv.push_back(p);
    argv.push_back(p.rfind("/usr", 0) == 0 ? p.substr(4) : "/usr" + p);
  }
  std::map<std::string, std::string> owners;
  std::istringstream lines(test::run_program(argv).out);
  for (std::string line; std::getline(lines, line);) {
    auto sep = line.find(": /");
    if (sep == std::string::npos) continue;
    std::string file = line.substr(sep + 2);
    std::string package = line.substr(0, line.find_first_of(":,"));
    for (const auto& p : paths) {
      if (file == p || "/usr" + file == p || file == "/usr" + p) owners[p] = package;
    }
  }
  return owners;
}

// builder, test (installs through scripts/test.sh), binary (FROM scratch), runtime.
TEST(Container, DockerfileHasBuilderTestBinaryAndRuntimeStages) {
  auto stages = stage_packages();
  ASSERT_EQ(stages.size(), 4u);
  EXPECT_EQ(stages[0].count("libpg-query-dev"), 1u);
  EXPECT_EQ(stages[0].count("libgtest-dev"), 0u) << "the builder builds no tests";
  EXPECT_TRUE(stages[1].empty());
  EXPECT_TRUE(stages[2].empty());
  EXPECT_EQ(stages[3].count("postgresql-15"), 1u);
  std::string text = test::read_file(kSource + "/Dockerfile");
  EXPECT_NE(text.find("ENTRYPOINT [\"schemagate\"]"), std::string::npos);
  EXPECT_NE(text.find("safe.directory"), std::string::npos);
}

TEST(Container, EveryPackageNamedExistsInDebian) {
  std::set<std::string> named;
  for (const auto& stage : stage_packages()) named.insert(stage.begin(), stage.end());
  std::vector<std::string> argv{"apt-cache", "show", "--no-all-versions"};
  argv.insert(argv.end(), named.begin(), named.end());
  std::istringstream lines(test::run_program(argv).out);
  std::set<std::string> known;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("Package: ", 0) == 0) known.insert(line.substr(9));
  }
  for (const auto& package : named) {
    EXPECT_EQ(known.count(package), 1u)
        << "Dockerfile names " << package << ", which apt-cache does not know";
  }
}

TEST(Container, EverySharedLibraryComesFromARuntimePackage) {
  auto stages = stage_packages();
  ASSERT_FALSE(stages.empty());
  std::set<std::string> runtime = with_dependencies(stages.back());
  auto ldd = test::run_program({"ldd", SG_BINARY});
  ASSERT_EQ(ldd.exit_code, 0) << ldd.err;
  std::istringstream lines(ldd.out);
  std::vector<std::string> paths;
  for (std::string line; std::getline(lines, line);) {
    auto arrow = line.find("=> /");
    if (line.find("not found") != std::string::npos) ADD_FAILURE() << line;
    if (arrow != std::string::npos) {
      paths.push_back(line.substr(arrow + 3, line.find(" (", arrow) - arrow - 3));
    }
  }
  EXPECT_GT(paths.size(), 5u);
  auto owners = owning_packages(paths);
  for (const auto& path : paths) {
    std::string package = owners[path];
    EXPECT_FALSE(package.empty()) << path << " belongs to no Debian package";
    EXPECT_EQ(runtime.count(package), 1u)
        << path << " comes from " << package << ", which the runtime stage does not install";
  }
}

// A stand-in schemagate that prints its argv, then the URL it got from the environment and
// whether the action's INPUT_ copy of it is still there: the password must be in neither argv
// nor INPUT_DATABASE-URL (both are visible to other processes on the runner).
constexpr const char* kPrintArgsAndUrl =
    "#!/bin/sh\nprintf '%s\\n' \"$@\"\necho \"url=$SCHEMAGATE_DATABASE_URL\"\n"
    "echo \"input=$(printenv INPUT_DATABASE-URL)\"\n";

TEST(Container, ActionEntrypointMapsInputsToFlags) {
  test::TempDir dir;
  dir.write("bin/schemagate", kPrintArgsAndUrl);
  test::run_program({"chmod", "+x", (dir.path() / "bin/schemagate").string()});
  auto r =
      test::run_program({"env", "PATH=" + (dir.path() / "bin").string() + ":/usr/bin:/bin",
                         "GITHUB_WORKSPACE=" + dir.path().string(), "INPUT_PATH=db",
                         "INPUT_LAYOUT=", "INPUT_FAIL-ON=risk:HIGH",
                         "INPUT_DATABASE-URL=postgres://u@h/d", "INPUT_COMMENT=true",
                         "INPUT_FORMAT=github", "bash", kSource + "/scripts/action_entrypoint.sh"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "check\n--dir\ndb\n--fail-on\nrisk:HIGH\n"
            "--format\ngithub\n--comment\n--report-json\n" +
                dir.path().string() +
                "/.schemagate/report.json\nurl=postgres://u@h/d\ninput=\n");
}

// The workflow_run half of the fork-safe pair posts a saved report: no SQL, no database URL.
TEST(Container, ActionEntrypointPostsASavedReport) {
  test::TempDir dir;
  dir.write("bin/schemagate", kPrintArgsAndUrl);
  test::run_program({"chmod", "+x", (dir.path() / "bin/schemagate").string()});
  auto r = test::run_program({"env", "PATH=" + (dir.path() / "bin").string() + ":/usr/bin:/bin",
                              "INPUT_COMMAND=comment", "INPUT_REPORT=.schemagate/report.json",
                              "INPUT_PR=42", "bash", kSource + "/scripts/action_entrypoint.sh"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "comment\n--report\n.schemagate/report.json\n--pr\n42\nurl=\ninput=\n");
}

// In a release pipeline the action runs `gate`: the target is required, the markdown goes to the
// log and the job summary, and the gate's exit code is the step's.
TEST(Container, ActionEntrypointRunsTheGateIntoTheJobSummary) {
  test::TempDir dir;
  dir.write("bin/schemagate", std::string(kPrintArgsAndUrl) + "exit 1\n");
  test::run_program({"chmod", "+x", (dir.path() / "bin/schemagate").string()});
  std::string summary = (dir.path() / "summary.md").string();
  std::vector<std::string> env{"env", "PATH=" + (dir.path() / "bin").string() + ":/usr/bin:/bin",
                               "GITHUB_STEP_SUMMARY=" + summary, "INPUT_COMMAND=gate",
                               "INPUT_ENVIRONMENT=production", "INPUT_CHECK-REPORT=report.json",
                               "INPUT_APPROVALS-FILE=", "INPUT_PATH=db"};
  auto no_target = test::run_program(
      {env[0], env[1], env[2], env[3], "bash", kSource + "/scripts/action_entrypoint.sh"});
  EXPECT_EQ(no_target.exit_code, 2);
  EXPECT_EQ(no_target.err, "error: input database-url: gate needs the target database\n");

  env.insert(env.end(), {"INPUT_DATABASE-URL=postgres://u@h/d", "bash",
                         kSource + "/scripts/action_entrypoint.sh"});
  auto r = test::run_program(env);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const std::string expected =
      "gate\n--dir\ndb\n--environment\nproduction\n"
      "--check-report\nreport.json\n--format\nmarkdown\nurl=postgres://u@h/d\ninput=\n";
  EXPECT_EQ(r.out, expected);
  EXPECT_EQ(test::read_file(summary), expected);
}

}  // namespace
}  // namespace sg
