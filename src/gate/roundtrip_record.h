// The release gate's proof that a pending migration passed its round trip: a record for exactly
// this content (sha256 of the up script and of the down script) in a saved `check --format json`
// report or in a check's --audit-log file. A one-byte change needs a new check.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/migration.h"
#include "core/result.h"
#include "db/roundtrip.h"

namespace sg {

// The content a record must match. Hashes are of Script::text, the text the check ran (for
// files that hold both directions: the direction's section, other lines blanked).
struct ContentHashes {
  std::string migration;    // Migration::id, for messages
  std::string up_path;
  std::string up_sha256;
  std::string down_sha256;  // "" when the migration has no down script
};
ContentHashes content_hashes(const Migration& m);

// One round trip some check recorded.
struct RecordedRoundTrip {
  std::string where;        // "check-report.json" or "audit.jsonl:12", for messages
  std::string migration;
  std::string up_path;
  std::string up_sha256;
  std::string down_sha256;  // "" when the check saw no down script
  bool passed = false;
  // The report's round trip of it (steps, lock trace, disagreements), for the plan's traced
  // locks and checklist; none for audit-log records, which hold no lock trace.
  std::optional<MigrationRoundTrip> roundtrip;
};

// Reads a saved `check --format json` report (its "migrations" entries' up_sha256/down_sha256
// and the "roundtrip" section's status; migrations that were not round-tripped give nothing).
// Fails with "<path>: cannot read: ..." or "<path>: not a schemagate JSON report ...".
Result<std::vector<RecordedRoundTrip>> read_check_report(const std::string& path);
// Reads an --audit-log JSON-lines file: records with verification_status "passed" or "failed"
// (not "not_run"). A line that is not JSON is an error ("<path>:<line>: not a JSON record").
Result<std::vector<RecordedRoundTrip>> read_audit_log(const std::string& path);

enum class RecordStatus { kPassing, kFailing, kNotFound };

struct RecordLookup {
  RecordStatus status = RecordStatus::kNotFound;
  std::string where;   // the record used; "" when none matched
  const RecordedRoundTrip* record = nullptr;  // that record, in the `records` given
  // One line for the gate: "" when passing, else
  //   "migrations/004_x.sql: the round trip recorded for this content failed (audit.jsonl:3)"
  //   "migrations/004_x.sql: no round-trip record for this content (up sha256 1a2b3c4d5e6f)"
  // and, when records exist for other content of the same file, "...; the file changed since
  // the recorded check (audit.jsonl:3)".
  std::string reason;
};

// The last record (in `records` order: reports as given, logs oldest first) whose up hash and
// down hash both match; a later failure of the same content outweighs an earlier pass.
RecordLookup find_roundtrip_record(const ContentHashes& content,
                                   const std::vector<RecordedRoundTrip>& records);

}  // namespace sg
