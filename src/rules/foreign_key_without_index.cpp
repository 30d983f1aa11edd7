// foreign-key-without-index: a new foreign key whose referencing columns no index leads with,
// so every delete or key update on the referenced table scans the referencing one (seed 004).
// The round trip finds such keys in the catalog (db/unindexed_foreign_keys.h).
#include "rules/database_rules.h"
#include "sql/source_file.h"
#include "util/lower.h"

namespace sg {
namespace {

// Where the key is declared: its name when the file spells it, else the first REFERENCES.
Position declared_at(const Script& up, const std::string& constraint_name) {
  SourceFile file(up);
  std::string text = lower(file.text());
  size_t at = text.find(lower(constraint_name));
  if (at == std::string::npos) at = text.find("references");
  return at == std::string::npos ? Position{1, 1} : file.position_of(at);
}

}  // namespace

void check_foreign_key_without_index(const MigrationFacts& facts, FindingSink& out) {
  for (const auto& key : facts.unindexed_foreign_keys) {
    out.report(facts.up.path, declared_at(facts.up, key.name),
               "foreign key " + key.name + " on " + key.table + " (" + key.columns +
                   ") has no index on its referencing columns",
               "deletes and key updates on the referenced table scan " + key.table +
                   " under lock; add CREATE INDEX CONCURRENTLY ON " + key.table + " (" +
                   key.columns + ")");
  }
}

}  // namespace sg
