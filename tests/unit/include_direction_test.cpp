// The layers of src/ (../shared/DESIGN.md, "Layout"): no folder includes one above it. Two
// chains share core:
//   core <- config <- sql <- lint <- rules
//   core <- repo, layouts <- db <- assess <- report <- github <- gate <- pipeline <- cli
// repo, layouts and db may also use config and sql (they read settings and split scripts);
// assess and everything above it may use the whole first chain. util is a leaf like core.
// An upward include fails the test with the offending line.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace sg {
namespace {

namespace fs = std::filesystem;

// What each folder may include besides itself.
const std::map<std::string, std::set<std::string>>& allowed() {
  static const std::set<std::string> kFirstChain = {"core", "util", "config",
                                                    "sql",  "lint", "rules"};
  static const std::map<std::string, std::set<std::string>> kAllowed = [] {
    std::map<std::string, std::set<std::string>> a;
    a["core"] = {};
    a["util"] = {};
    a["config"] = {"core", "util"};
    a["sql"] = {"core", "util", "config"};
    a["lint"] = {"core", "util", "config", "sql"};
    a["rules"] = {"core", "util", "config", "sql", "lint"};
    a["repo"] = {"core", "util", "config", "sql"};
    a["layouts"] = {"core", "util", "config", "sql", "repo"};
    a["db"] = {"core", "util", "config", "sql", "repo", "layouts"};
    std::set<std::string> below = {"core", "util", "config", "sql", "repo", "layouts", "db"};
    for (const char* upper : {"assess", "report", "github", "gate", "pipeline", "cli"}) {
      std::set<std::string> mine = below;
      mine.insert(kFirstChain.begin(), kFirstChain.end());
      a[upper] = mine;
      below.insert(upper);
    }
    return a;
  }();
  return kAllowed;
}

// "src/lint/x.cpp:3: #include ..." plus why, for each include under `src` that points up.
std::vector<std::string> upward_includes(const fs::path& src, size_t& files) {
  static const std::regex kInclude(R"(^\s*#\s*include\s+"([a-z_]+)/([^"]+)\")");
  std::vector<std::string> out;
  files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(src)) {
    if (!entry.is_regular_file()) continue;
    fs::path rel = entry.path().lexically_relative(src);
    if (rel.begin() == rel.end() || std::next(rel.begin()) == rel.end()) continue;  // main.cpp
    std::string folder = rel.begin()->string();
    auto rules = allowed().find(folder);
    if (rules == allowed().end()) {
      out.push_back("src/" + folder + "/ is in no layer of this test");
      continue;
    }
    ++files;
    std::ifstream in(entry.path());
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
      std::smatch m;
      if (!std::regex_search(line, m, kInclude)) continue;
      std::string target = m[1].str();
      if (target == folder || rules->second.count(target) > 0) continue;
      if (allowed().count(target) == 0) continue;  // not a folder of src/ (e.g. "rules.def")
      out.push_back("src/" + rel.generic_string() + ":" + std::to_string(number) + ": " + line +
                    "\n  src/" + folder + "/ may not include src/" + target +
                    "/ (a folder above it)");
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(IncludeDirection, NoFolderIncludesOneAboveIt) {
  size_t files = 0;
  for (const auto& problem : upward_includes(fs::path(SG_SOURCE_DIR) / "src", files)) {
    ADD_FAILURE() << problem;
  }
  EXPECT_GT(files, 100u);
}

// The check itself: a planted upward include is named with its file, line and the rule broken;
// the same include one layer up is allowed.
TEST(IncludeDirection, NamesAPlantedUpwardInclude) {
  fs::path src = fs::temp_directory_path() / ("sg_include_test_" + std::to_string(::getpid()));
  fs::create_directories(src / "lint");
  fs::create_directories(src / "pipeline");
  std::ofstream(src / "lint" / "engine.cpp") << "#include \"lint/rule.h\"\n"
                                                "#include \"report/report.h\"\n";
  std::ofstream(src / "pipeline" / "check.cpp") << "#include \"report/report.h\"\n";
  size_t files = 0;
  auto found = upward_includes(src, files);
  fs::remove_all(src);
  EXPECT_EQ(files, 2u);
  EXPECT_EQ(found, std::vector<std::string>{"src/lint/engine.cpp:2: #include \"report/report.h\"\n"
                                            "  src/lint/ may not include src/report/ (a folder "
                                            "above it)"});
}

}  // namespace
}  // namespace sg
