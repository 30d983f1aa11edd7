#include "db/schema_snapshot.h"

namespace sg {
namespace {

// Each query returns (key, definition). The CTE-like fragments keep filters in one place:
// user schemas only, and nothing that an extension owns.
const char* const kUserSchema =
    "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' "
    "AND n.nspname NOT LIKE 'pg_temp_%' ";
#define SG_QNAME(ns, name) \
  "(CASE WHEN " ns ".nspname = 'public' THEN '' ELSE " ns ".nspname || '.' END || " name ")"
#define SG_NOT_EXT(catalog, oid)                                           \
  " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '" catalog \
  "'::regclass "                                                           \
  "AND d.objid = " oid " AND d.deptype = 'e') "

struct Query {
  const char* what;
  std::string sql;
};

std::vector<Query> queries() {
  std::string user = kUserSchema;
  return {
      {"schemas", "SELECT 'schema ' || n.nspname, '' FROM pg_namespace n WHERE " + user +
                      "AND n.nspname <> 'public'" SG_NOT_EXT("pg_namespace", "n.oid")},
      {"relations",
       "SELECT CASE c.relkind WHEN 'r' THEN 'table ' WHEN 'p' THEN 'table ' WHEN 'v' THEN 'view '"
       " WHEN 'm' THEN 'materialized view ' WHEN 'S' THEN 'sequence ' WHEN 'f' THEN "
       "'foreign table ' WHEN 'c' THEN 'type ' END || " SG_QNAME(
           "n", "c.relname") ","
                             " concat_ws(' ', 'persistence=' || c.relpersistence::text, CASE WHEN "
                             "c.relrowsecurity THEN "
                             "'row level security' END, CASE WHEN c.relforcerowsecurity THEN "
                             "'forced' END,"
                             " CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END,"
                             " CASE WHEN c.relispartition THEN 'partition ' || "
                             "pg_get_expr(c.relpartbound, c.oid) END,"
                             " CASE WHEN c.relkind = 'p' THEN 'partitioned by ' || "
                             "pg_get_partkeydef(c.oid) END)"
                             " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                             " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c') AND " +
           user + SG_NOT_EXT("pg_class", "c.oid")},
      {"columns", "SELECT 'column ' || " SG_QNAME(
                      "n", "c.relname") " || '.' || a.attname,"
                                        " concat_ws(' ', format_type(a.atttypid, a.atttypmod), "
                                        "CASE WHEN a.attnotnull THEN "
                                        "'not null' END, CASE WHEN a.attgenerated = 's' THEN "
                                        "'generated always as ' || "
                                        "pg_get_expr(ad.adbin, ad.adrelid) || ' stored' WHEN "
                                        "ad.adbin IS NOT NULL THEN "
                                        "'default ' || pg_get_expr(ad.adbin, ad.adrelid) END, CASE "
                                        "a.attidentity WHEN 'a' THEN "
                                        "'generated always as identity' WHEN 'd' THEN 'generated "
                                        "by default as identity' END,"
                                        " CASE WHEN a.attcollation <> t.typcollation THEN 'collate "
                                        "' || co.collname END,"
                                        // The logical position, not attnum: dropping and re-adding
                                        // the last column is a no-op.
                                        " 'position ' || row_number() OVER (PARTITION BY "
                                        "a.attrelid ORDER BY a.attnum))"
                                        " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                                        " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN "
                                        "pg_type t ON t.oid = a.atttypid"
                                        " LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND "
                                        "ad.adnum = a.attnum"
                                        " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
                                        " WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind "
                                        "IN ('r', 'p', 'v', 'm', 'f', "
                                        "'c') AND " +
                      user + SG_NOT_EXT("pg_class", "c.oid")},
      {"constraints",
       "SELECT 'constraint ' || co.conname || ' on ' || CASE WHEN co.conrelid <> 0 THEN " SG_QNAME(
           "n",
           "c.relname") " ELSE 'domain ' || " SG_QNAME("n",
                                                       "t.typname") " END,"
                                                                    " pg_get_constraintdef(co.oid) "
                                                                    "|| CASE WHEN co.convalidated "
                                                                    "THEN '' ELSE ' (not "
                                                                    "validated)' END FROM "
                                                                    "pg_constraint co JOIN "
                                                                    "pg_namespace n ON n.oid = "
                                                                    "co.connamespace"
                                                                    " LEFT JOIN pg_class c ON "
                                                                    "c.oid = co.conrelid LEFT JOIN "
                                                                    "pg_type t ON t.oid = "
                                                                    "co.contypid"
                                                                    " WHERE " +
           user + SG_NOT_EXT("pg_constraint", "co.oid")},
      {"indexes",
       "SELECT 'index ' || " SG_QNAME(
           "n", "c.relname") ", pg_get_indexdef(c.oid) || CASE WHEN "
                             "i.indisvalid THEN '' ELSE ' (invalid)' END FROM pg_index i JOIN "
                             "pg_class c ON c.oid = "
                             "i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " +
           user + SG_NOT_EXT("pg_class", "c.oid")},
      {"sequences", "SELECT 'sequence ' || " SG_QNAME(
                        "n", "c.relname") ", concat_ws(' ', format_type("
                                          "s.seqtypid, NULL), 'start ' || s.seqstart, 'increment ' "
                                          "|| s.seqincrement, 'min ' || "
                                          "s.seqmin, 'max ' || s.seqmax, CASE WHEN s.seqcycle THEN "
                                          "'cycle' END) FROM pg_sequence s"
                                          " JOIN pg_class c ON c.oid = s.seqrelid JOIN "
                                          "pg_namespace n ON n.oid = c.relnamespace"
                                          " WHERE " +
                        user + SG_NOT_EXT("pg_class", "c.oid")},
      {"functions",
       "SELECT CASE p.prokind WHEN 'p' THEN 'procedure ' WHEN 'a' THEN 'aggregate ' ELSE "
       "'function ' END || " SG_QNAME(
           "n",
           "p.proname") " || '(' || "
                        "pg_get_function_identity_arguments(p.oid) || ')', "
                        // Functions and procedures as PostgreSQL itself prints them (a BEGIN
                        // ATOMIC body has no prosrc; SET clauses, strictness, cost count too).
                        "CASE WHEN p.prokind IN ('f', 'p') THEN pg_get_functiondef(p.oid) ELSE "
                        "concat_ws(' ', 'returns ' || "
                        "pg_get_function_result(p.oid), 'language ' || l.lanname, 'volatility ' || "
                        "p.provolatile::text, 'body ' || p.prosrc) END FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                        " JOIN pg_language l ON l.oid = p.prolang WHERE " +
           user + SG_NOT_EXT("pg_proc", "p.oid")},
      {"triggers", "SELECT 'trigger ' || tg.tgname || ' on ' || " SG_QNAME(
                       "n", "c.relname") ","
                                         " pg_get_triggerdef(tg.oid) || ' enabled=' || "
                                         "tg.tgenabled::text FROM pg_trigger tg"
                                         " JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace "
                                         "n ON n.oid = c.relnamespace"
                                         " WHERE NOT tg.tgisinternal AND " +
                       user},
      {"types", "SELECT CASE t.typtype WHEN 'd' THEN 'domain ' ELSE 'type ' END || " SG_QNAME(
                    "n", "t.typname") ", CASE t.typtype WHEN 'e' THEN 'enum (' || (SELECT "
                                      "string_agg(quote_literal(e.enumlabel), ', ' ORDER BY "
                                      "e.enumsortorder) FROM pg_enum e "
                                      "WHERE e.enumtypid = t.oid) || ')' WHEN 'd' THEN concat_ws(' "
                                      "', format_type("
                                      "t.typbasetype, t.typtypmod), CASE WHEN t.typnotnull THEN "
                                      "'not null' END, 'default ' || "
                                      "t.typdefault) WHEN 'r' THEN 'range of ' || "
                                      "format_type(r.rngsubtype, NULL) ELSE "
                                      "t.typtype::text END FROM pg_type t JOIN pg_namespace n ON "
                                      "n.oid = t.typnamespace"
                                      " LEFT JOIN pg_range r ON r.rngtypid = t.oid WHERE t.typtype "
                                      "IN ('e', 'd', 'r') AND " +
                    user + SG_NOT_EXT("pg_type", "t.oid")},
      {"extensions",
       "SELECT 'extension ' || e.extname, 'version ' || e.extversion || ' in schema ' || "
       "n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
       " WHERE e.extname <> 'plpgsql'"},
      {"policies",
       "SELECT 'policy ' || p.policyname || ' on ' || CASE WHEN p.schemaname = 'public' THEN '' "
       "ELSE p.schemaname || '.' END || p.tablename, concat_ws(' ', p.permissive, 'for ' || "
       "p.cmd, 'to ' || array_to_string(p.roles, ','), 'using ' || p.qual, 'with check ' || "
       "p.with_check) FROM pg_policies p"},
      // pg_describe_object names any commented object; user objects have OIDs >= 16384.
      {"comments",
       "SELECT 'comment on ' || pg_describe_object(d.classoid, d.objoid, d.objsubid), "
       "d.description FROM pg_description d WHERE d.objoid >= 16384"},
      // Grants, minus the owner's own implicit ones, so a different owner is no difference.
      {"grants",
       "SELECT 'grant on ' || CASE c.relkind WHEN 'S' THEN 'sequence ' ELSE 'table ' END "
       "|| " SG_QNAME(
           "n",
           "c.relname") " || ' to ' || CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE "
                        "pg_get_userbyid(g.grantee) END, string_agg(g.privilege_type || CASE WHEN "
                        "g.is_grantable THEN ' with grant option' ELSE '' END, ', ' ORDER BY "
                        "g.privilege_type)"
                        " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, "
                        "aclexplode(c.relacl) g WHERE g.grantee <> c.relowner AND " +
           user +
           " GROUP BY 1 UNION ALL SELECT 'grant on schema ' || n.nspname || ' to ' || CASE WHEN "
           "g.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(g.grantee) END, string_agg("
           "g.privilege_type, ', ' ORDER BY g.privilege_type) FROM pg_namespace n, "
           "aclexplode(n.nspacl) g WHERE g.grantee <> n.nspowner AND " +
           user +
           " GROUP BY 1 UNION ALL SELECT 'grant on function ' || " SG_QNAME(
               "n", "p.proname") " || "
                                 "'(' || pg_get_function_identity_arguments(p.oid) || ') to ' || "
                                 "CASE WHEN g.grantee "
                                 "= 0 THEN 'PUBLIC' ELSE pg_get_userbyid(g.grantee) END, "
                                 "string_agg(g.privilege_type,"
                                 " ', ' ORDER BY g.privilege_type) FROM pg_proc p JOIN "
                                 "pg_namespace n ON n.oid = "
                                 "p.pronamespace, aclexplode(p.proacl) g WHERE g.grantee <> "
                                 "p.proowner AND " +
           user + " GROUP BY 1"},
  };
}

#undef SG_QNAME
#undef SG_NOT_EXT

// The settings that change how pg_get_*def, format_type and regclass print a name or a value.
// A script's `SET search_path = registry` must not turn `REFERENCES registry.events(id)` into
// `REFERENCES events(id)`: every snapshot reads with pg_catalog only, so every user object is
// printed schema-qualified, whatever the session was left with.
constexpr const char* kSnapshotSettings[][2] = {
    {"search_path", "pg_catalog"},     {"quote_all_identifiers", "off"},
    {"datestyle", "ISO, MDY"},         {"intervalstyle", "postgres"},
    {"extra_float_digits", "1"},       {"bytea_output", "hex"},
};

std::string settings_sql(const std::vector<std::string>& values) {
  std::string sql = "SELECT ";
  for (size_t i = 0; i < values.size(); ++i) {
    sql += std::string(i ? ", " : "") + "set_config(" + quote_literal(kSnapshotSettings[i][0]) +
           ", " + quote_literal(values[i]) + ", false)";
  }
  return sql;
}

}  // namespace

Result<SchemaSnapshot> take_snapshot(Session& session) {
  using Out = Result<SchemaSnapshot>;
  std::string current = "SELECT ";
  std::vector<std::string> fixed;
  for (const auto& setting : kSnapshotSettings) {
    current += std::string(fixed.empty() ? "" : ", ") + "current_setting(" +
               quote_literal(setting[0]) + ")";
    fixed.push_back(setting[1]);
  }
  std::vector<Row> rows;
  if (auto failure = session.query(current, rows); failure || rows.size() != 1) {
    return Out::fail("snapshot: reading the session's settings: " +
                     (failure ? failure->message : std::string("no row")));
  }
  std::vector<std::string> saved;
  for (const auto& value : rows[0]) saved.push_back(value.value_or(""));
  if (auto failure = session.query(settings_sql(fixed), rows)) {
    return Out::fail("snapshot: fixing the session's settings: " + failure->message);
  }
  SchemaSnapshot out;
  std::string error;
  for (const auto& q : queries()) {
    if (auto failure = session.query(q.sql, rows)) {
      error = std::string("snapshot: reading ") + q.what + ": " + failure->message;
      break;
    }
    for (const auto& row : rows) {
      if (row.size() < 2 || !row[0]) continue;
      out.objects[*row[0]] = row[1].value_or("");
    }
  }
  // The scripts that follow run in this session as the migration left it.
  if (auto failure = session.query(settings_sql(saved), rows); failure && error.empty()) {
    error = "snapshot: restoring the session's settings: " + failure->message;
  }
  if (!error.empty()) return Out::fail(error);
  return {std::move(out), ""};
}

}  // namespace sg
