#include "layouts/tracks.h"

#include <algorithm>
#include <set>

namespace sg {
namespace {

bool same_version(const std::string& a, const std::string& b) {
  return !version_less(a, b) && !version_less(b, a);
}

}  // namespace

std::string missing_required_version(const MigrationSet& set, const TrackRequirement& r) {
  std::string latest;
  for (const auto& m : set.migrations) {
    if (m.track != r.required || m.change == ChangeKind::kDeleted) continue;
    if (same_version(m.version, r.version)) return "";
    if (latest.empty() || version_less(latest, m.version)) latest = m.version;
  }
  return r.track + " requires " + r.text() + ", but track " + r.required +
         " has no migration with version " + r.version +
         (latest.empty() ? " (it has no migrations)" : " (its latest is " + latest + ")");
}

std::optional<std::string> unmet_requirement(const TrackRequirement& requirement,
                                             const std::vector<std::string>& applied_versions) {
  std::string prefix = requirement.track + " requires " + requirement.text() + "; the target ";
  if (applied_versions.empty()) {
    return prefix + "has no " + requirement.required + " migration applied";
  }
  std::string at =
      *std::max_element(applied_versions.begin(), applied_versions.end(), version_less);
  bool met = requirement.op == RequirementOp::kExactly ? same_version(at, requirement.version)
                                                       : !version_less(at, requirement.version);
  if (met) return std::nullopt;
  return prefix + "has " + requirement.required + " at " + at;
}

Result<MigrationSet> discover_tracks(const GitRepository& repo,
                                     const std::vector<TrackConfig>& tracks,
                                     const DiscoverOptions& options) {
  using Out = Result<MigrationSet>;
  MigrationSet merged;
  std::set<std::string> layouts;
  for (const auto& track : tracks) {
    DiscoverOptions own = options;
    own.dirs = {track.path};
    own.layout = track.layout;
    auto set = discover(repo, own);
    if (!set) return Out::fail("track " + track.name + ": " + set.error);
    MigrationSet& s = *set.value;
    if (s.directories.empty()) {
      return Out::fail("track " + track.name + ": " + track.path + " holds no migrations" +
                       (track.layout == "auto" ? "" : " of layout " + track.layout));
    }
    for (auto& m : s.migrations) {
      m.track = track.name;
      merged.migrations.push_back(std::move(m));
    }
    for (const auto& l : s.directories) merged.directories.push_back(l);
    for (auto& p : s.orphan_rollbacks) merged.orphan_rollbacks.push_back(std::move(p));
    for (auto& p : s.unrecognized_files) merged.unrecognized_files.push_back(std::move(p));
    for (auto& p : s.unclaimed_changes) merged.unclaimed_changes.push_back(std::move(p));
    if (!s.changed_policy_file.empty()) merged.changed_policy_file = s.changed_policy_file;
    for (auto& f : s.findings) merged.findings.push_back(std::move(f));
    layouts.insert(s.layout);
    merged.review_all = s.review_all;
    merged.base_commit = s.base_commit;
    merged.head_commit = s.head_commit;
  }
  for (const auto& name : layouts) merged.layout += (merged.layout.empty() ? "" : ",") + name;
  // Each track lists what it does not hold; unclaimed is what no track holds.
  std::set<std::string> paths(merged.unclaimed_changes.begin(), merged.unclaimed_changes.end());
  std::vector<FileChange> candidates;
  for (const auto& path : paths) candidates.push_back({FileChange::Kind::kAdded, "", path});
  merged.unclaimed_changes = unclaimed_sql_changes(merged, candidates);
  for (const auto& track : tracks) {
    if (!track.requirement) continue;
    std::string missing = missing_required_version(merged, *track.requirement);
    if (!missing.empty()) return Out::fail(missing);
  }
  return {std::move(merged), ""};
}

std::vector<Migration> required_prefix(const MigrationSet& set,
                                       const TrackRequirement& requirement) {
  std::vector<Migration> out;
  for (const auto& m : set.migrations) {
    if (m.track != requirement.required || m.change == ChangeKind::kDeleted) continue;
    if (!version_less(requirement.version, m.version)) out.push_back(m);
  }
  return out;
}

}  // namespace sg
