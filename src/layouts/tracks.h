// Migration tracks at work: discovering each track's migrations, the core prefix an extension
// is checked on, and whether a target's core satisfies an extension's requirement.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/track.h"
#include "layouts/discover.h"

namespace sg {

// Why an extension cannot be deployed on a target whose required track has
// `applied_versions` applied (in any order), e.g. "sponsor_a requires core >= 12; the target
// has core at 11"; nullopt when the requirement is met. The target stands at its highest
// applied version.
std::optional<std::string> unmet_requirement(const TrackRequirement& requirement,
                                             const std::vector<std::string>& applied_versions);

// Why `requirement` cannot be checked: its track, as found in `set` (migrations naming their
// track), has no migration with the required version ("sponsor_a requires core >= 12, but track
// core has no migration with version 12 (its latest is 11)"); "" when it has one. Without this
// the extension would run on the whole core, or a gate would wait for a version never coming.
std::string missing_required_version(const MigrationSet& set, const TrackRequirement& requirement);

// Every track's migrations, each discovered on its own (own layout, own numbering), in the
// order of `tracks`, each Migration naming its track. Errors: a track whose path holds no
// migrations, a requirement on a version its track does not have.
Result<MigrationSet> discover_tracks(const GitRepository& repo,
                                        const std::vector<TrackConfig>& tracks,
                                        const DiscoverOptions& options);

// The migrations of track `requirement.required` in `set` up to and including the required
// version (deleted ones left out): the core an extension runs on.
std::vector<Migration> required_prefix(const MigrationSet& set,
                                       const TrackRequirement& requirement);

}  // namespace sg
