#include "db/roundtrip_setup.h"

#include "core/json_read.h"
#include "db/script_runner.h"
#include "util/join.h"

namespace sg {

Containment containment_of(const ScratchServer& scratch) {
  Containment c;
  c.migration_role = scratch.migration_role();
  c.superuser = scratch.migrations_as_superuser();
  c.stale_dropped = scratch.stale_dropped();
  if (scratch.embedded()) {
    std::string why = scratch.network_isolation();
    c.network = why.empty() ? "isolated" : "not isolated: " + why;
  }
  return c;
}

nlohmann::json to_json(const Containment& c) {
  return {{"migration_role", c.migration_role},
          {"superuser", c.superuser},
          {"network", c.network},
          {"setup", c.setup},
          {"stale_dropped", c.stale_dropped},
          {"notes", containment_notes(c)}};
}

Containment containment_from_json(const nlohmann::json& j) {
  Containment c;
  c.migration_role = json_string(j, "migration_role");
  c.superuser = json_bool(j, "superuser");
  c.network = json_string(j, "network");
  c.setup = json_strings(j, "setup");
  c.stale_dropped = json_strings(j, "stale_dropped");
  return c;
}

Result<std::vector<std::string>> run_setup(ScratchServer& scratch, const std::string& name,
                                           const RoundTripSetup& setup, int timeout_ms) {
  using Out = Result<std::vector<std::string>>;
  std::vector<std::string> ran;
  if (setup.scripts.empty() && setup.superuser_extensions.empty()) return {std::move(ran), ""};
  std::vector<std::string> roles_before = scratch.roles();
  auto connected = scratch.connect_admin(name, timeout_ms, timeout_ms);
  if (!connected) return Out::fail("[roundtrip] setup: " + connected.error);
  auto& session = *connected.value;
  for (const auto& extension : setup.superuser_extensions) {
    if (auto e = session->exec("CREATE EXTENSION IF NOT EXISTS " + quote_ident(extension) +
                               " CASCADE")) {
      return Out::fail("[roundtrip] superuser_extensions: " + extension + ": " + e->message);
    }
    ran.push_back("extension " + extension);
  }
  for (const auto& script : setup.scripts) {
    ScriptRun run = run_script(*session, script);
    if (run.failure) {
      const auto& f = *run.failure;
      return Out::fail("[roundtrip] setup " + script.path + ":" + std::to_string(f.position.line) +
                       ":" + std::to_string(f.position.column) + ": " + f.message +
                       " (SQLSTATE " + f.sqlstate + ")");
    }
    ran.push_back(script.path);
  }
  if (auto e = scratch.adopt_new_roles(roles_before)) {
    return Out::fail("[roundtrip] setup: cannot grant its roles to " + scratch.migration_role() +
                     ": " + e->message);
  }
  return {std::move(ran), ""};
}

std::vector<std::string> containment_notes(const Containment& c) {
  std::vector<std::string> notes;
  if (c.superuser) {
    notes.push_back(
        "warning: the pull request's SQL ran as a superuser ([roundtrip] migrations_as_superuser "
        "= true): it could run commands and read files on this machine");
  }
  if (c.network.rfind("not isolated", 0) == 0) {
    notes.push_back("the embedded PostgreSQL has network access (" + c.network.substr(14) +
                    "); migrations still run as an ordinary role");
  }
  if (!c.setup.empty()) {
    notes.push_back("round trip setup ran as superuser before the history: " + join(c.setup, ", "));
  }
  if (!c.stale_dropped.empty()) {
    notes.push_back("dropped what runs of schemagate that died left on the server (past their "
                    "expiry): " + join(c.stale_dropped, ", "));
  }
  return notes;
}

}  // namespace sg
