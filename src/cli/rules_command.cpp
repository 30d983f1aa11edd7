#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "config/config.h"
#include "core/rule_info.h"
#include "lint/rule_docs.h"

namespace sg {

namespace {

struct RulesArgs {
  std::string format = "text";
  bool dump_config = false;
  std::string config_path;
};

int dump_effective_config(const std::string& config_path) {
  ConfigResult loaded = resolve_config(config_path);
  for (const auto& error : loaded.errors) std::cerr << "error: " << error << "\n";
  if (!loaded.config) return kExitError;
  std::cout << dump_config(*loaded.config);
  return kExitClean;
}

}  // namespace

void add_rules_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<RulesArgs>();
  auto format = std::shared_ptr<std::string>(args, &args->format);
  CLI::App* cmd = app.add_subcommand("rules", "List every rule: id, severity, risk, summary");
  cmd->add_option("--format", *format, "Output format")->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("--dump-config", args->dump_config,
                "Print the effective configuration (TOML): every rule, severity and option");
  cmd->add_option("--config", args->config_path,
                  "Configuration file (default: .schemagate.toml up to the git root)");
  cmd->callback([args, format, &exit_code] {
    if (args->dump_config) {
      exit_code = dump_effective_config(args->config_path);
      return;
    }
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
