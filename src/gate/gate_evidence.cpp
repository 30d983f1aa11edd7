#include "gate/gate_evidence.h"

#include <cstdlib>
#include <memory>

#include "db/trusted_setup.h"
#include "gate/approval_commits.h"
#include "gate/approvals.h"
#include "gate/drift.h"
#include "gate/roundtrip_record.h"
#include "gate/tracking.h"

namespace sg {
namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? "" : value;
}

bool is_applied(const MigrationStatus& s) {
  return s.migration != nullptr && s.migration->up &&
         (s.state == MigrationState::kApplied || s.state == MigrationState::kChecksumMismatch);
}

// The tracking tables are the tools', not the schema's (TrackingReader::own_tables).
std::vector<std::string> tracking_tables(const std::vector<GateTrack>& tracks) {
  std::vector<std::string> out;
  for (const auto& t : tracks) {
    const TrackingReader* reader = find_tracking_reader(t.status->layout);
    bool pattern = reader != nullptr && !reader->own_tables.empty();
    out.push_back(pattern ? std::string(reader->own_tables) : t.status->table);
  }
  return out;
}

}  // namespace

// Replays every track's applied migrations, the tracks others require first (config order),
// as the target got them: one schema holds them all, so no track's objects are drift.
std::vector<GateBlocker> check_drift(const GateTarget& in, GateEvidence& evidence) {
  if (!evidence.drift) return {};
  std::vector<Script> applied;
  for (const auto& t : in.tracks) {
    for (const auto& s : t.status->entries) {
      if (is_applied(s)) applied.push_back(*s.migration->up);
    }
  }
  DriftOptions options;
  options.replay.postgres_bin = evidence.drift->postgres_bin;
  options.replay.cache_dir = evidence.drift->cache_dir;
  options.replay.setup = evidence.drift->setup;
  options.ignored_tables = tracking_tables(in.tracks);
  DriftReport drift = find_drift(applied, in.database_url, options);
  std::vector<GateBlocker> out;
  if (!drift.error.empty()) {
    out.push_back({"drift", "the schema could not be compared: " + drift.error});
  }
  for (const auto& d : drift.differences) out.push_back({"drift", "drift: " + d});
  return out;
}

std::vector<GateBlocker> check_roundtrip_records(const GateInput& in, GateEvidence& evidence) {
  std::vector<GateBlocker> out;
  if (!evidence.records) return out;
  for (const auto& p : in.plan) {
    if (p.migration == nullptr) continue;
    RecordLookup found = find_roundtrip_record(content_hashes(*p.migration), *evidence.records);
    if (found.status != RecordStatus::kPassing) out.push_back({"roundtrip-record", found.reason});
  }
  return out;
}

std::vector<GateBlocker> check_recorded_approvals(const GateInput& in, GateEvidence& evidence) {
  if (!evidence.approvals) return {};
  const ApprovalContext* ctx = evidence.approvals.get();
  std::vector<PendingMigration> pending;
  for (const auto& p : in.plan) {
    auto commit = ctx->commits.find(p.file);
    pending.push_back({p.file, p.risk, commit == ctx->commits.end() ? "" : commit->second});
  }
  ApprovalSources sources;
  sources.file = ctx->has_file ? &ctx->file : nullptr;
  sources.github = ctx->github.get();
  sources.repository = ctx->repository;
  sources.approvers = ctx->approvers;
  std::vector<GateBlocker> out;
  // An unanswered question is no approval: the deploy waits until GitHub can be asked.
  auto checked = check_approvals(pending, ctx->policy, sources);
  if (!checked) {
    out.push_back({"approvals", "approvals could not be read: " + checked.error});
    return out;
  }
  const std::vector<ApprovalCheck>& checks = *checked.value;
  for (const auto& c : checks) {
    for (const auto& reason : c.reasons) out.push_back({"approvals", reason});
  }
  evidence.approval_checks.insert(evidence.approval_checks.end(), checks.begin(), checks.end());
  return out;
}

Result<GateEvidence> build_gate_evidence(const EvidenceArgs& args, const LoadedTarget& loaded) {
  GateEvidence evidence;
  std::vector<std::string>& notes = evidence.notes;
  std::vector<std::string>& skipped = evidence.skipped;
  std::string error;
  if (args.no_drift) {
    notes.push_back("drift not checked (--no-drift)");
    skipped.push_back("drift");
  } else {
    // The deploy's checkout is trusted: its own [roundtrip] setup prepares the replay, as the
    // check's did on the pull request.
    auto setup = setup_from_work_tree(loaded.config, args.repo);
    if (!setup) return Result<GateEvidence>::fail(setup.error);
    evidence.drift = DriftEvidence{args.postgres_bin, args.cache_dir, std::move(*setup.value)};
  }

  if (args.no_roundtrip_record) {
    notes.push_back("round-trip records not checked (--no-roundtrip-record)");
    skipped.push_back("roundtrip-record");
  } else {
    if (args.check_reports.empty() && args.check_audit_logs.empty()) {
      notes.push_back(
          "no round-trip records given: pass the pull-request check's report (--check-report) "
          "or audit log (--check-audit-log)");
    }
    std::vector<RecordedRoundTrip> records;
    for (const auto& path : args.check_reports) {
      auto read = read_check_report(path);
      if (!read) return Result<GateEvidence>::fail(read.error);
      records.insert(records.end(), read.value->begin(), read.value->end());
    }
    for (const auto& path : args.check_audit_logs) {
      auto read = read_audit_log(path);
      if (!read) return Result<GateEvidence>::fail(read.error);
      records.insert(records.end(), read.value->begin(), read.value->end());
    }
    evidence.records = std::move(records);
  }

  if (args.no_approvals) {
    notes.push_back("approvals not checked (--no-approvals)");
    skipped.push_back("approvals");
    return {std::move(evidence), ""};
  }
  auto ctx = std::make_unique<ApprovalContext>();
  ctx->policy = loaded.config.risk;
  ctx->approvers = loaded.config.gate.approvers;
  std::string file =
      args.approvals_file.empty() ? loaded.config.gate.approvals_file : args.approvals_file;
  if (!file.empty()) {
    auto read = read_approvals_file(file);
    if (!read) return Result<GateEvidence>::fail(read.error);
    ctx->file = std::move(*read.value);
    ctx->has_file = true;
  }
  ctx->repository = args.github_repo.empty() ? env("GITHUB_REPOSITORY") : args.github_repo;
  if (!ctx->approvers.empty() && !ctx->repository.empty() && !env("GITHUB_TOKEN").empty()) {
    GitHubSettings settings;
    settings.token = env("GITHUB_TOKEN");
    if (!env("GITHUB_API_URL").empty()) settings.api_url = env("GITHUB_API_URL");
    while (!settings.api_url.empty() && settings.api_url.back() == '/') settings.api_url.pop_back();
    ctx->github = std::make_unique<RestClient>(settings);
    for (const auto& track : loaded.tracks) {
      if (!track.selected) continue;
      auto commits =
          approval_commits(track.status, args.repo, args.commit, env("GITHUB_SHA"), notes);
      ctx->commits.insert(commits.begin(), commits.end());
    }
  }
  if (!ctx->has_file && !ctx->github) {
    notes.push_back(
        "no approvals source: record them in an approvals file ([gate] approvals_file, "
        "--approvals-file) or as pull-request reviews ([gate.approvers], GITHUB_REPOSITORY, "
        "GITHUB_TOKEN)");
  }
  evidence.approvals = std::move(ctx);
  return {std::move(evidence), ""};
}

}  // namespace sg
