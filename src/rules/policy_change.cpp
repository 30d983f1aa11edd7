// policy-change: the pull request edits the gate's own policy (.schemagate.toml: severities,
// fail_on, rules on or off, paths, approvals, superuser setup). A pull request must not set the
// rules it is judged by, so check runs with the merge base's policy; the edit is reported as a
// HIGH-risk change of its own, for a reviewer to approve, and takes effect once merged.
#include "rules/history.h"

namespace sg {

void check_policy_change(const MigrationSet& set, FindingSink& out) {
  if (set.changed_policy_file.empty()) return;
  out.report(set.changed_policy_file, 1,
             "this pull request changes the gate's policy (" + set.changed_policy_file +
                 "): the check ran with the merge base's policy, and the change takes effect "
                 "once merged",
             "review the policy change itself (severities, fail_on, rules turned off, [paths], "
             "approvals, superuser setup) with the approvals a HIGH-risk change needs");
}

}  // namespace sg
