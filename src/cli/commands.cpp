#include "cli/commands.h"

namespace sg {
namespace {

struct CommandEntry {
  void (*add)(CLI::App& app, int& exit_code);
};

// Order is the order `schemagate --help` lists them.
constexpr CommandEntry kCommands[] = {
    {&add_check_command},
    {&add_lint_command},
    {&add_roundtrip_command},
    {&add_rules_command},
    {&add_explain_command},
    {&add_comment_command},
    {&add_status_command},
    {&add_gate_command},
    {&add_init_command},
};

}  // namespace

void add_commands(CLI::App& app, int& exit_code) {
  for (const auto& command : kCommands) command.add(app, exit_code);
}

}  // namespace sg
