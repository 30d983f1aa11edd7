#include "rules/rule_fixtures.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <sstream>

#include "core/rule_info.h"

namespace sg::test {

namespace fs = std::filesystem;

std::vector<Fixture> rule_fixtures(const std::string& extension) {
  std::vector<Fixture> out;
  fs::path root = fs::path(SG_FIXTURES_DIR) / "rules";
  if (!fs::exists(root)) return out;
  for (const auto& dir : fs::directory_iterator(root)) {
    if (!dir.is_directory()) continue;
    const RuleInfo* rule = find_rule(dir.path().filename().string());
    // Repository and database rules have scenario folders, run by their own tests.
    if (rule != nullptr && rule->kind != RuleKind::kStatement) continue;
    for (const auto& file : fs::directory_iterator(dir.path())) {
      if (file.path().extension() == extension) {
        out.push_back({dir.path().filename().string(), file.path()});
      }
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Fixture& a, const Fixture& b) { return a.path < b.path; });
  return out;
}

std::string fixture_name(const testing::TestParamInfo<Fixture>& info) {
  std::string name = info.param.rule_id + "__" + info.param.path.stem().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

Expectations read_expectations(const std::string& text) {
  Expectations e;
  static const std::regex kExpect(R"((?:--|//)\s*expect:\s*([a-z0-9, -]+?)\s*$)");
  static const std::regex kDirective(R"(^--\s*fixture:\s*(\S+?)(?:=(.*))?\s*$)");
  std::istringstream lines(text);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::smatch m;
    if (std::regex_search(line, m, kExpect)) {
      std::stringstream ids(m[1].str());
      std::string id;
      while (std::getline(ids, id, ',')) {
        id.erase(0, id.find_first_not_of(' '));
        id.erase(id.find_last_not_of(' ') + 1);
        if (!id.empty()) e.expected.emplace(number, id);
      }
    }
    if (std::regex_search(line, m, kDirective)) {
      std::string key = m[1].str();
      std::string value = m[2].str();
      if (key == "pg-version") {
        e.options.pg_version = std::stoi(value);
      } else if (key == "assume-in-transaction") {
        e.options.assume_in_transaction = true;
      } else if (key == "transaction-mode") {
        e.options.transaction_mode = value == "whole-file" ? TransactionMode::kWholeFileImplicit
                                                           : TransactionMode::kWrappedByTool;
      } else if (key == "direction") {
        e.options.direction = value == "down" ? Direction::kDown : Direction::kUp;
      } else if (key == "option") {
        auto eq = value.find(' ');
        e.rule_options[value.substr(0, eq)] = nlohmann::json::parse(value.substr(eq + 1));
      } else {
        ADD_FAILURE() << "unknown fixture directive '" << key << "' on line " << number;
      }
    }
  }
  return e;
}


void expect_findings(const std::string& fixture, const Expectations& e,
                     const std::vector<Finding>& findings) {
  std::multimap<int, std::string> actual;
  std::map<int, std::string> messages;
  for (const auto& f : findings) {
    if (f.suppressed) continue;  // an ignore comment in the fixture covers it
    actual.emplace(f.line, f.rule_id);
    messages[f.line] = f.message;
  }
  for (const auto& [line, id] : e.expected) {
    if (actual.count(line) < e.expected.count(line)) {
      ADD_FAILURE() << fixture << ":" << line << ": expected " << id << ", not reported";
    }
  }
  for (const auto& [line, id] : actual) {
    if (e.expected.count(line) < actual.count(line)) {
      ADD_FAILURE() << fixture << ":" << line << ": unexpected " << id << ": " << messages[line];
    }
  }
}

}  // namespace sg::test
