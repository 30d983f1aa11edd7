// Reading the target strictly read-only: one READ ONLY transaction with statement_timeout and
// lock_timeout, nothing but SELECTs, so a role with SELECT on the tracking table is enough and
// a busy production database never waits on schemagate (nor schemagate on it) for long.
#pragma once

#include <string>
#include <vector>

#include "gate/tracking.h"

namespace sg {

struct TargetOptions {
  std::string database_url;
  std::string tracking_table;  // "" = the tool's default
  int timeout_ms = 10000;
};

// One tracking table (or one track's rows of a shared one) to read.
struct TrackingQuery {
  const TrackingReader* reader = nullptr;
  std::string table;  // "" = the reader's default
  std::string track;  // "" = every row; else only this track's (track_column())
};

struct TargetRead {
  std::vector<TrackingState> states;  // one per query, in order; empty on error
  std::string error;
};

// What the tracking tables say, all read in one transaction so that every track is seen at the
// same moment. A connection failure reads "--database-url: cannot connect: <libpq's reason>",
// never the URL (it may hold a password).
TargetRead read_target(const TargetOptions& options, const std::vector<TrackingQuery>& queries);

}  // namespace sg
