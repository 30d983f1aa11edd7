// schemagate: CLI wiring only. Commands live in src/cli/; this file owns the one top-level catch.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "cli/commands.h"
#include "util/redact.h"

namespace {

int run(int argc, char** argv) {
  int exit_code = sg::kExitClean;
  CLI::App app{"schemagate: a pull-request gate for PostgreSQL migrations", "schemagate"};
  app.set_version_flag("--version", std::string("schemagate ") + SG_VERSION);
  app.require_subcommand(1);
  sg::add_commands(app, exit_code);
  try {
    app.parse(argc, argv);
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

// Secrets are known before anything is printed, and every output stream redacts them.
int main(int argc, char** argv) {
  sg::add_secrets_from_environment();
  sg::add_secrets_from_arguments(argc, argv);
  sg::redact_standard_streams();
  int code = run(argc, argv);
  sg::finish_redacted_standard_streams();
  return code;
}
