#include "db/unindexed_foreign_keys.h"

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

}  // namespace

Result<std::vector<UnindexedForeignKey>> new_unindexed_foreign_keys(Session& session,
                                                                    const SchemaSnapshot& before) {
  std::vector<Row> rows;
  if (auto failure = session.query(kUncoveredForeignKeys, rows)) {
    return Result<std::vector<UnindexedForeignKey>>::fail("foreign-key-without-index: " +
                                                          failure->message);
  }
  std::vector<UnindexedForeignKey> keys;
  for (const auto& row : rows) {
    if (row.size() < 4 || !row[0] || before.objects.count(*row[0]) > 0) continue;
    keys.push_back({row[1].value_or(""), row[2].value_or(""), row[3].value_or("")});
  }
  return {std::move(keys), ""};
}

}  // namespace sg
