// Reading the target strictly read-only: one READ ONLY transaction with statement_timeout and
// lock_timeout, nothing but SELECTs, so a role with SELECT on the tracking table is enough and
// a busy production database never waits on schemagate (nor schemagate on it) for long.
#pragma once

#include <string>

#include "gate/tracking.h"

namespace sg {

struct TargetOptions {
  std::string database_url;
  std::string tracking_table;  // "" = the tool's default
  int timeout_ms = 10000;
};

// What the tracking table says. A connection failure reads "--database-url: cannot connect:
// <libpq's reason>", never the URL (it may hold a password).
TrackingResult read_target(const TargetOptions& options, const TrackingReader& reader);

}  // namespace sg
