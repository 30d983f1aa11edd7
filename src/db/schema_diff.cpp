#include "db/schema_diff.h"

namespace sg {

std::vector<std::string> diff_snapshots(const SchemaSnapshot& expected,
                                        const SchemaSnapshot& actual, DiffMoment moment) {
  std::string extra = " exists after reapply but not after the first up";
  std::string missing = " is missing after reapply";
  std::string differs = " differs after reapply: was `";
  std::string now = "`, now `";
  if (moment == DiffMoment::kAfterRollback) {
    extra = " still exists after rollback";
    missing = " is missing after rollback";
    differs = " differs after rollback: was `";
  } else if (moment == DiffMoment::kOnTarget) {
    extra = " exists on the target but in no migration";
    missing = " is in the migrations but missing on the target";
    differs = " differs on the target: migrations give `";
    now = "`, target has `";
  }
  std::vector<std::string> out;
  auto e = expected.objects.begin();
  auto a = actual.objects.begin();
  // Both maps are sorted by key: one merge pass yields the lines in object order.
  while (e != expected.objects.end() || a != actual.objects.end()) {
    if (a == actual.objects.end() || (e != expected.objects.end() && e->first < a->first)) {
      out.push_back(e->first + missing);
      ++e;
    } else if (e == expected.objects.end() || a->first < e->first) {
      out.push_back(a->first + extra);
      ++a;
    } else {
      if (e->second != a->second) {
        out.push_back(e->first + differs + e->second + now + a->second + "`");
      }
      ++e;
      ++a;
    }
  }
  return out;
}

}  // namespace sg
