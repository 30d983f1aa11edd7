// .schemagate.toml: a team's policy. Rule severities and options, target PostgreSQL version,
// --fail-on default, migration path globs, who approves each risk level, regulated tables,
// migration tracks.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/risk_policy.h"
#include "core/track.h"
#include "core/rule_set.h"

namespace sg {

// [gate]: where the release gate finds recorded approvals.
struct GateSettings {
  std::string approvals_file;  // approvals_file: a TOML file of [[approval]] entries, as written
  // [gate.approvers]: role (as in [risk.approvals]) -> GitHub logins whose approving review
  // counts for that role.
  std::map<std::string, std::vector<std::string>> approvers;
};

struct Config {
  std::string source;  // the file read; empty for the built-in defaults
  RuleSet rules = RuleSet::defaults();
  int pg_version = 15;
  std::string fail_on = "error";
  // [paths]: globs the discover stage applies to migration paths.
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  RiskPolicy risk = RiskPolicy::defaults();  // [risk.approvals] and [compliance] tables
  // [target] tracking_table: the migration tool's table on the target, when renamed ("" = the
  // tool's default); `status` and `gate` read it.
  std::string tracking_table;
  GateSettings gate;
  // [[tracks]]: core and extension migration tracks; empty means one track, found as --dir and
  // --layout say.
  std::vector<TrackConfig> tracks;
  int rehearse_rows = 0;                     // [roundtrip] rehearse_rows; 0: no data rehearsal
  // [roundtrip] what runs as superuser before the history (src/db/roundtrip_setup.h). `check`
  // takes these three from the merge base's config: a pull request cannot grant itself them.
  std::vector<std::string> setup;                 // setup: repository paths of SQL scripts
  std::vector<std::string> superuser_extensions;  // superuser_extensions: extension names
  bool migrations_as_superuser = false;           // migrations_as_superuser
};

// Either a config or every problem found, each "<file>:<line>:<column>: <key>: <message>".
struct ConfigResult {
  std::optional<Config> config;
  std::vector<std::string> errors;
};

// Parses TOML `text`; `display_path` starts every error message.
ConfigResult parse_config(const std::string& text, const std::string& display_path);
// Reads and parses a file ("<path>: cannot read: ..." when it cannot be read).
ConfigResult load_config(const std::string& path);
// `.schemagate.toml` in `start` or its parents up to the git root (the directory holding .git).
// Outside a git repository only `start` is looked at, so a stray file in / or /tmp never applies.
std::optional<std::filesystem::path> find_config(const std::filesystem::path& start);
// --config FILE when given, else the file found from the current directory, else the defaults.
ConfigResult resolve_config(const std::string& explicit_path);

// The effective configuration as TOML: every setting, every rule with its severity and every
// option with its value. parse_config() reads it back to the same configuration.
std::string dump_config(const Config& config);

}  // namespace sg
