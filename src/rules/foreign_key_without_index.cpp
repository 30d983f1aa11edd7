// foreign-key-without-index: a new foreign key whose referencing columns no index leads with,
// so every delete or key update on the referenced table scans the referencing one (seed 004).
#include <algorithm>
#include <cctype>

#include "db/roundtrip_findings.h"

namespace sg {
namespace {

// An index covers the key when its first n columns are the key's n columns, in any order.
// indkey is an int2vector (0-based), hence the slice from 0.
const char* const kUncoveredForeignKeys = R"(
SELECT 'constraint ' || co.conname || ' on ' ||
         (CASE WHEN n.nspname = 'public' THEN '' ELSE n.nspname || '.' END) || c.relname,
       co.conname,
       (CASE WHEN n.nspname = 'public' THEN '' ELSE n.nspname || '.' END) || c.relname,
       (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.ord)
          FROM unnest(co.conkey) WITH ORDINALITY k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.attnum)
  FROM pg_constraint co
  JOIN pg_class c ON c.oid = co.conrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE co.contype = 'f'
   AND NOT EXISTS (SELECT 1 FROM pg_index i
                    WHERE i.indrelid = co.conrelid AND i.indpred IS NULL
                      AND (i.indkey::int2[])[0:array_length(co.conkey, 1) - 1] @> co.conkey)
 ORDER BY 1)";

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Where the key is declared: its name when the file spells it, else the first REFERENCES.
Position declared_at(const Script& up, const std::string& constraint_name) {
  SourceFile file(up.path, up.text);
  std::string text = lower(file.text());
  size_t at = text.find(lower(constraint_name));
  if (at == std::string::npos) at = text.find("references");
  return at == std::string::npos ? Position{1, 1} : file.position_of(at);
}

}  // namespace

bool foreign_key_without_index(Session& session, const Script& up, const SchemaSnapshot& before,
                               std::vector<Finding>& out, std::string& error) {
  std::vector<Row> rows;
  if (auto failure = session.query(kUncoveredForeignKeys, rows)) {
    error = "foreign-key-without-index: " + failure->message;
    return false;
  }
  for (const auto& row : rows) {
    if (row.size() < 4 || !row[0] || before.objects.count(*row[0]) > 0) continue;
    std::string name = row[1].value_or("");
    std::string table = row[2].value_or("");
    std::string columns = row[3].value_or("");
    out.push_back(db_finding("foreign-key-without-index", up.path, declared_at(up, name),
                             "foreign key " + name + " on " + table + " (" + columns +
                                 ") has no index on its referencing columns",
                             "deletes and key updates on the referenced table scan " + table +
                                 " under lock; add CREATE INDEX CONCURRENTLY ON " + table + " (" +
                                 columns + ")"));
  }
  return true;
}

}  // namespace sg
