#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "lint/registry.h"
#include "lint/rule_docs.h"

namespace sg {

void add_rules_command(CLI::App& app, int& exit_code) {
  auto format = std::make_shared<std::string>("text");
  CLI::App* cmd = app.add_subcommand("rules", "List every rule: id, severity, risk, summary");
  cmd->add_option("--format", *format, "Output format")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([format, &exit_code] {
    if (*format == "json") {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& r : all_rules()) {
        list.push_back({{"id", r.id},
                        {"severity", to_string(r.default_severity)},
                        {"risk", to_string(r.risk)},
                        {"summary", r.summary}});
      }
      std::cout << list.dump(2) << "\n";
    } else {
      for (const auto& r : all_rules()) {
        std::printf("%-45s %-8s %-9s %s\n", std::string(r.id).c_str(),
                    std::string(to_string(r.default_severity)).c_str(),
                    std::string(to_string(r.risk)).c_str(), std::string(r.summary).c_str());
      }
    }
    exit_code = kExitClean;
  });
}

void add_explain_command(CLI::App& app, int& exit_code) {
  auto id = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("explain", "Print a rule's documentation");
  cmd->add_option("rule-id", *id, "Rule id, e.g. ban-drop-column")->required();
  cmd->callback([id, &exit_code] {
    if (find_rule(*id) == nullptr) {
      std::cerr << "error: " << unknown_rule_message(*id) << "\n";
      exit_code = kExitError;
      return;
    }
    for (const auto& doc : rule_docs()) {
      if (doc.id == *id) {
        std::cout << doc.markdown;
        exit_code = kExitClean;
        return;
      }
    }
    std::cerr << "error: rule " << *id << " has no documentation page (rules/" << *id
              << ".md)\n";
    exit_code = kExitError;
  });
}

}  // namespace sg
