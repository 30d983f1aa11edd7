// Names of what a run creates on a server: "sg_<purpose>_<tag>[_<suffix>]" with the run's tag
// "<expires>_<pid>_<8 hex>". <expires> is the epoch second after which the run is certainly
// over (its start plus its deadline plus a margin), so a later run on a shared server can drop
// what a dead run left (its reaper killed too) without touching a live run's databases.
#pragma once

#include <optional>
#include <string>

namespace sg {

// Added to a run's deadline for server start and cleanup.
constexpr long long kRunExpiryMarginS = 300;

struct RunTag {
  std::string text;      // "1764712345_4242_0a1b2c3d"
  long long expires = 0;  // epoch seconds
};

// Seconds since the epoch, the clock the expiries are on.
long long epoch_seconds();
// A tag for a run that lasts at most `lifetime_s` seconds from now.
RunTag new_run_tag(long long lifetime_s);
// "sg_<purpose>_<tag>".
std::string scratch_name(const std::string& purpose, const RunTag& tag);
// The expiry a name of that form holds ("sg_roundtrip_<tag>_work" too); nullopt for any other
// name, which no run of schemagate made.
std::optional<long long> expiry_of(const std::string& name);

}  // namespace sg
