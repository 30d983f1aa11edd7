// What a history needs that its migrations do not create (roles, untrusted extensions, schemas
// a project makes in an init script): declared in [roundtrip], run as the superuser on the
// scratch database before the first migration. Everything else runs as the migration role.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/result.h"
#include "db/scratch_server.h"
#include "core/migration.h"

namespace sg {

struct RoundTripSetup {
  // [roundtrip] setup: scripts read from the trusted base (a pull request cannot add superuser
  // SQL of its own), applied statement by statement as psql -f does.
  std::vector<Script> scripts;
  std::vector<std::string> superuser_extensions;  // [roundtrip] superuser_extensions
  bool migrations_as_superuser = false;           // [roundtrip] migrations_as_superuser
};

// How the pull request's SQL was contained, for every report.
struct Containment {
  std::string migration_role;       // "sg_migrator"
  bool superuser = false;           // migrations ran as superuser (migrations_as_superuser)
  std::string network;              // "isolated", "not isolated: <why>", "" for --database-url
  std::vector<std::string> setup;   // what ran as superuser first: "db/setup.sql", "extension postgis"
  // --database-url: databases and roles that dead runs left on the server, dropped at start.
  std::vector<std::string> stale_dropped;
};

Containment containment_of(const ScratchServer& scratch);
// {"migration_role","superuser","network","setup","stale_dropped"}: the JSON report's "containment".
nlohmann::json to_json(const Containment& c);
// Of a saved report. Its "notes" are derived (containment_notes), so they are not read back.
Containment containment_from_json(const nlohmann::json& j);

// Runs `setup` on database `name` as the superuser and lets the migration role use the roles it
// made. Returns what ran ("db/setup.sql", "extension postgis"); fails with
// "[roundtrip] setup <file>:<line>:<col>: ...".
Result<std::vector<std::string>> run_setup(ScratchServer& scratch, const std::string& name,
                                           const RoundTripSetup& setup, int timeout_ms);

// The notes every report carries about containment (superuser, network, setup).
std::vector<std::string> containment_notes(const Containment& c);

}  // namespace sg
