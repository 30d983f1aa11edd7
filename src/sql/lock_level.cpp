#include "sql/lock_level.h"

#include <algorithm>

#include "sql/tree.h"

namespace sg {
namespace {

using Json = nlohmann::json;

class Locks {
 public:
  // Records `mode` on the table a RangeVar names, keeping the strongest mode per table.
  void add(const Json* range_var, LockMode mode) {
    if (range_var == nullptr) return;
    add_named(tree::relation_name(*range_var), tree::text(*range_var, "relname"), mode,
              tree::location(*range_var));
  }
  void add_named(std::string name, std::string relname, LockMode mode, long location) {
    if (relname.empty()) return;
    for (auto& lock : locks_) {
      if (lock.name == name) {
        lock.mode = std::max(lock.mode, mode);
        return;
      }
    }
    locks_.push_back({std::move(name), std::move(relname), mode, location});
  }
  std::vector<TableLock> take() { return std::move(locks_); }

 private:
  std::vector<TableLock> locks_;
};

// A FOREIGN KEY takes SHARE ROW EXCLUSIVE on the table it references, to add its triggers.
void add_foreign_key_targets(const Json& node, Locks& locks) {
  tree::walk(node, [&](std::string_view kind, const Json& fields) {
    if (kind == "Constraint" && tree::text(fields, "contype") == "CONSTR_FOREIGN") {
      locks.add(tree::field(fields, "pktable"), LockMode::kShareRowExclusive);
    }
    return true;
  });
}

// AlterTableGetLockLevel() in PostgreSQL 15's tablecmds.c, for the subcommands that take less
// than ACCESS EXCLUSIVE.
LockMode alter_table_cmd_lock(const Json& cmd) {
  std::string subtype = tree::text(cmd, "subtype");
  if (subtype == "AT_AddConstraint") {
    const Json* def = tree::field(cmd, "def");
    const Json* constraint = def != nullptr ? tree::as(*def, "Constraint") : nullptr;
    if (constraint != nullptr && tree::text(*constraint, "contype") == "CONSTR_FOREIGN") {
      return LockMode::kShareRowExclusive;
    }
    return LockMode::kAccessExclusive;
  }
  if (subtype.rfind("AT_EnableTrig", 0) == 0 || subtype.rfind("AT_DisableTrig", 0) == 0 ||
      subtype == "AT_EnableAlwaysTrig" || subtype == "AT_EnableReplicaTrig") {
    return LockMode::kShareRowExclusive;
  }
  if (subtype == "AT_DetachPartition") {
    const Json* def = tree::field(cmd, "def");
    const Json* part = def != nullptr ? tree::as(*def, "PartitionCmd") : nullptr;
    return part != nullptr && tree::flag(*part, "concurrent") ? LockMode::kShareUpdateExclusive
                                                              : LockMode::kAccessExclusive;
  }
  static const char* const kShareUpdateExclusive[] = {
      "AT_ValidateConstraint", "AT_SetStatistics",          "AT_ClusterOn",  "AT_DropCluster",
      "AT_SetRelOptions",      "AT_ResetRelOptions",        "AT_SetOptions", "AT_ResetOptions",
      "AT_AttachPartition",    "AT_DetachPartitionFinalize"};
  for (const char* s : kShareUpdateExclusive) {
    if (subtype == s) return LockMode::kShareUpdateExclusive;
  }
  return LockMode::kAccessExclusive;
}

void alter_table_locks(const Json& node, Locks& locks) {
  const Json* cmds = tree::field(node, "cmds");
  if (cmds == nullptr || cmds->empty()) return;
  LockMode mode = LockMode::kShareUpdateExclusive;
  for (const auto& item : *cmds) {
    if (const Json* cmd = tree::as(item, "AlterTableCmd")) {
      mode = std::max(mode, alter_table_cmd_lock(*cmd));
      if (tree::text(*cmd, "subtype") == "AT_AttachPartition") {
        // The partition being attached is locked too (it is scanned to check its bound).
        if (const Json* def = tree::field(*cmd, "def")) {
          if (const Json* part = tree::as(*def, "PartitionCmd")) {
            locks.add(tree::field(*part, "name"), LockMode::kAccessExclusive);
          }
        }
      }
    }
  }
  locks.add(tree::field(node, "relation"), mode);
  add_foreign_key_targets(*cmds, locks);
}

void relation_list_locks(const Json* list, LockMode mode, Locks& locks) {
  if (list == nullptr) return;
  for (const auto& item : *list) locks.add(tree::as(item, "RangeVar"), mode);
}

void drop_locks(const Json& node, Locks& locks) {
  std::string type = tree::text(node, "removeType");
  if (type != "OBJECT_TABLE" && type != "OBJECT_MATVIEW") return;
  const Json* objects = tree::field(node, "objects");
  if (objects == nullptr) return;
  for (const auto& item : *objects) {
    const Json* list = tree::as(item, "List");
    std::vector<std::string> parts =
        tree::strings(list != nullptr ? tree::field(*list, "items") : nullptr);
    if (parts.empty()) continue;
    std::string name;
    for (const auto& part : parts) name += (name.empty() ? "" : ".") + part;
    locks.add_named(name, parts.back(), LockMode::kAccessExclusive, -1);
  }
}

// LOCK TABLE's `mode` is PostgreSQL's lock mode number, 1 (ACCESS SHARE) to 8.
LockMode lock_stmt_mode(const Json& node) {
  long mode = std::clamp(tree::number(node, "mode", 8), 1L, 8L);
  return static_cast<LockMode>(mode - 1);
}

}  // namespace

std::vector<TableLock> table_locks(const Statement& stmt) {
  Locks locks;
  const Json& node = *stmt.node;
  const std::string& kind = stmt.kind;
  if (kind == "AlterTableStmt") {
    alter_table_locks(node, locks);
  } else if (kind == "RenameStmt") {
    locks.add(tree::field(node, "relation"), LockMode::kAccessExclusive);
  } else if (kind == "IndexStmt") {
    locks.add(tree::field(node, "relation"),
              tree::flag(node, "concurrent") ? LockMode::kShareUpdateExclusive : LockMode::kShare);
  } else if (kind == "CreateTrigStmt") {
    locks.add(tree::field(node, "relation"), LockMode::kShareRowExclusive);
  } else if (kind == "CreateStmt") {
    // PARTITION OF locks the parent; new tables themselves are never "existing".
    if (tree::field(node, "partbound") != nullptr) {
      relation_list_locks(tree::field(node, "inhRelations"), LockMode::kAccessExclusive, locks);
    }
    add_foreign_key_targets(node, locks);
  } else if (kind == "DropStmt") {
    drop_locks(node, locks);
  } else if (kind == "TruncateStmt") {
    relation_list_locks(tree::field(node, "relations"), LockMode::kAccessExclusive, locks);
  } else if (kind == "LockStmt") {
    relation_list_locks(tree::field(node, "relations"), lock_stmt_mode(node), locks);
  } else if (kind == "VacuumStmt") {
    LockMode mode = tree::has_def_elem(node, "options", "full") ? LockMode::kAccessExclusive
                                                     : LockMode::kShareUpdateExclusive;
    if (const Json* rels = tree::field(node, "rels")) {
      for (const auto& item : *rels) {
        if (const Json* rel = tree::as(item, "VacuumRelation")) {
          locks.add(tree::field(*rel, "relation"), mode);
        }
      }
    }
  } else if (kind == "ClusterStmt") {
    locks.add(tree::field(node, "relation"), LockMode::kAccessExclusive);
  } else if (kind == "ReindexStmt") {
    if (tree::text(node, "kind") == "REINDEX_OBJECT_TABLE") {
      locks.add(tree::field(node, "relation"), tree::has_def_elem(node, "params", "concurrently")
                                                   ? LockMode::kShareUpdateExclusive
                                                   : LockMode::kShare);
    }
  } else if (kind == "RefreshMatViewStmt") {
    locks.add(tree::field(node, "relation"),
              tree::flag(node, "concurrent") ? LockMode::kExclusive : LockMode::kAccessExclusive);
  } else if (kind == "UpdateStmt" || kind == "DeleteStmt" || kind == "InsertStmt" ||
             kind == "MergeStmt") {
    locks.add(tree::field(node, "relation"), LockMode::kRowExclusive);
  }
  return locks.take();
}

}  // namespace sg
