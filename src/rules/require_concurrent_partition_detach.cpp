// require-concurrent-partition-detach: a plain DETACH PARTITION takes an ACCESS EXCLUSIVE lock
// on the partitioned table, blocking every query on every partition. PostgreSQL 14 added
// DETACH PARTITION ... CONCURRENTLY, which needs only SHARE UPDATE EXCLUSIVE.
#include "lint/rule.h"
#include "sql/tree.h"

namespace sg {
namespace {

class RequireConcurrentPartitionDetach : public Rule {
 public:
  void check(const Statement& stmt, const LintContext& ctx, Emitter& out) override {
    if (stmt.kind != "AlterTableStmt" || ctx.pg_version() < 14) return;
    const tree::Json* rel = tree::field(*stmt.node, "relation");
    const tree::Json* cmds = tree::field(*stmt.node, "cmds");
    if (rel == nullptr || cmds == nullptr) return;
    for (const auto& item : *cmds) {
      const tree::Json* cmd = tree::as(item, "AlterTableCmd");
      // AT_DetachPartitionFinalize completes an interrupted concurrent detach: not flagged.
      if (cmd == nullptr || tree::text(*cmd, "subtype") != "AT_DetachPartition") continue;
      const tree::Json* def = tree::field(*cmd, "def");
      const tree::Json* partition_cmd = def != nullptr ? tree::as(*def, "PartitionCmd") : nullptr;
      if (partition_cmd == nullptr || tree::flag(*partition_cmd, "concurrent")) continue;
      const tree::Json* partition = tree::field(*partition_cmd, "name");
      std::string parent = tree::relation_name(*rel);
      std::string child = partition != nullptr ? tree::relation_name(*partition) : "";
      out.report(partition != nullptr ? tree::location(*partition) : -1,
                 "DETACH PARTITION " + child +
                     " without CONCURRENTLY takes an ACCESS EXCLUSIVE "
                     "lock on " +
                     parent + ", blocking all reads and writes on every partition",
                 "use ALTER TABLE " + parent + " DETACH PARTITION " + child +
                     " CONCURRENTLY, outside a transaction block");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_require_concurrent_partition_detach() {
  return std::make_unique<RequireConcurrentPartitionDetach>();
}

}  // namespace sg
