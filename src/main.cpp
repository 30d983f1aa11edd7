// schemagate: CLI wiring only. Commands live in src/cli/; this file owns the one top-level catch.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <exception>
#include <iostream>

#include "cli/commands.h"
#include "util/redact.h"
#include "util/scrub_process_memory.h"

namespace {

int run(std::vector<std::string> args) {
  int exit_code = sg::kExitClean;
  CLI::App app{"schemagate: a pull-request gate for PostgreSQL migrations", "schemagate"};
  app.set_version_flag("--version", std::string("schemagate ") + SG_VERSION);
  app.require_subcommand(1);
  sg::add_commands(app, exit_code);
  try {
    std::reverse(args.begin(), args.end());  // CLI11 takes a vector last argument first
    args.pop_back();                         // the program name
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? sg::kExitClean : sg::kExitError;
  } catch (const std::exception& e) {
    std::cerr << "error: internal error: " << e.what() << "\n";
    return sg::kExitError;
  }
  return exit_code;
}

}  // namespace

// Secrets are known before anything is printed, every output stream redacts them, and `ps`
// shows none of them.
int main(int argc, char** argv) {
  sg::add_secrets_from_environment();
  sg::add_secrets_from_arguments(argc, argv);
  std::vector<std::string> args = sg::scrub_secrets_from_process_memory(argc, argv);
  sg::redact_standard_streams();
  int code = run(std::move(args));
  sg::finish_redacted_standard_streams();
  return code;
}
