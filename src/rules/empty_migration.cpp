// empty-migration: a migration whose up script holds no statement.
#include "rules/history.h"
#include "sql/parser.h"

namespace sg {

void check_empty_migration(const MigrationSet& set, FindingSink& out) {
  for (const auto& m : set.migrations) {
    if (!under_review(set, m) || !m.up || uncaptured(*m.up)) continue;
    SourceFile source(*m.up);
    if (source.problem()) continue;  // syntax-error reports it
    ParsedFile parsed = parse_sql(source);
    if (parsed.syntax_error || !parsed.statements.empty()) continue;
    out.report(m.up->path, m.up->line, "migration " + m.id + " has no SQL statement",
               "write the migration's SQL, or delete the file: an empty migration still takes "
               "a version and is recorded as applied");
  }
}

}  // namespace sg
