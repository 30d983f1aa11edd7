// `schemagate status`: which of the repository's migrations the target has applied, which are
// pending, and which the target ran that changed or vanished since. Read only.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/gate_options.h"
#include "cli/output.h"

namespace sg {

void add_status_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<TargetArgs>();
  CLI::App* cmd = app.add_subcommand(
      "status", "Compare the repository's migrations with the target's tracking table (read only)");
  add_target_options(cmd, *args);
  cmd->add_option("--format", args->format, "Output format")
      ->check(CLI::IsMember({"text", "json", "markdown"}));
  cmd->callback([args, &exit_code] {
    if (!resolve_target_url(*args, "status")) {
      exit_code = kExitError;
      return;
    }
    std::vector<std::string> errors;
    auto loaded = load_target(*args, errors);
    print_errors(errors);
    if (!loaded) {
      exit_code = kExitError;
      return;
    }
    for (const auto& note : loaded->notes) std::cerr << "note: " << note << "\n";
    write_status(*loaded, args->format, std::cout);
    exit_code = kExitClean;
  });
}

}  // namespace sg
