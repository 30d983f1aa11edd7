// The subcommands, declared once in one table (commands.cpp).
#pragma once

#include <CLI/CLI.hpp>

namespace sg {

// Exit codes (README): 0 clean, 1 findings at or above --fail-on, 2 usage or runtime error.
constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitError = 2;

// Adds every subcommand to `app`; the one that runs stores its exit code in `exit_code`.
void add_commands(CLI::App& app, int& exit_code);

// Each command file defines one of these.
void add_check_command(CLI::App& app, int& exit_code);
void add_lint_command(CLI::App& app, int& exit_code);
void add_roundtrip_command(CLI::App& app, int& exit_code);
void add_rules_command(CLI::App& app, int& exit_code);
void add_explain_command(CLI::App& app, int& exit_code);
void add_comment_command(CLI::App& app, int& exit_code);
void add_status_command(CLI::App& app, int& exit_code);
void add_gate_command(CLI::App& app, int& exit_code);
void add_init_command(CLI::App& app, int& exit_code);

}  // namespace sg
