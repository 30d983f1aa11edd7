#include "gate/drift.h"

#include <set>

#include "db/schema_diff.h"
#include "db/schema_snapshot.h"
#include "db/roundtrip_setup.h"
#include "db/scratch_server.h"
#include "db/script_runner.h"
#include "db/session.h"

namespace sg {
namespace {

struct Ignored {
  std::set<std::string> tables;
  std::set<std::string> schemas;   // from "name.*"
  std::set<std::string> relations;  // tables plus their indexes and owned sequences, per side
};

Ignored ignored_from(const std::vector<std::string>& names) {
  Ignored out;
  for (const auto& name : names) {
    if (name.size() > 2 && name.compare(name.size() - 2, 2, ".*") == 0) {
      out.schemas.insert(name.substr(0, name.size() - 2));
    } else {
      out.tables.insert(name);
    }
  }
  out.relations = out.tables;
  return out;
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// The relation (or schema) a snapshot key is about, named as the snapshot names relations.
std::string subject_of(const std::string& key) {
  for (const char* p : {"constraint ", "trigger ", "policy "}) {
    if (starts_with(key, p)) {
      size_t on = key.find(" on ");
      return on == std::string::npos ? "" : key.substr(on + 4);
    }
  }
  for (std::string p : {"grant on table ", "grant on sequence ", "grant on schema "}) {
    if (starts_with(key, p)) return key.substr(p.size(), key.rfind(" to ") - p.size());
  }
  for (std::string p : {"comment on column ", "column "}) {
    if (starts_with(key, p)) {
      std::string column = key.substr(p.size());
      return column.substr(0, column.rfind('.'));
    }
  }
  for (std::string p : {"comment on table ", "comment on index ", "comment on sequence ",
                        "table ", "index ", "sequence ", "schema "}) {
    if (starts_with(key, p)) return key.substr(p.size());
  }
  return "";
}

bool is_ignored(const std::string& key, const Ignored& ignored) {
  std::string subject = subject_of(key);
  if (subject.empty()) return false;
  if (ignored.relations.count(subject) > 0) return true;
  for (const auto& schema : ignored.schemas) {
    if (subject == schema || starts_with(subject, schema + ".")) return true;
  }
  return false;
}

// Indexes and sequences of the tracking tables carry their own names ("schema_migrations_pkey",
// "goose_db_version_id_seq"): the catalogs say which belong to them.
Status add_owned_relations(Session& session, Ignored& ignored) {
  if (ignored.tables.empty()) return ok();
  std::string names;
  for (const auto& t : ignored.tables) names += (names.empty() ? "" : ", ") + quote_literal(t);
  const std::string qname = "CASE WHEN n.nspname = 'public' THEN '' ELSE n.nspname || '.' END || ";
  std::string sql =
      "SELECT " + qname + "c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
      "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_class t ON t.oid = i.indrelid "
      "JOIN pg_namespace tn ON tn.oid = t.relnamespace WHERE (CASE WHEN tn.nspname = 'public' "
      "THEN '' ELSE tn.nspname || '.' END || t.relname) IN (" + names + ") UNION ALL "
      "SELECT " + qname + "c.relname FROM pg_depend d JOIN pg_class c ON c.oid = d.objid "
      "AND c.relkind = 'S' JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_class t ON "
      "t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace WHERE d.classid = "
      "'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
      "AND (CASE WHEN tn.nspname = 'public' THEN '' ELSE tn.nspname || '.' END || t.relname) "
      "IN (" + names + ")";
  std::vector<Row> rows;
  if (auto e = session.query(sql, rows)) {
    return Status::fail("reading the tracking tables' indexes and sequences: " + e->message);
  }
  for (const auto& row : rows) {
    if (!row.empty() && row[0]) ignored.relations.insert(*row[0]);
  }
  return ok();
}

SchemaSnapshot without_ignored(const SchemaSnapshot& snapshot, const Ignored& ignored) {
  SchemaSnapshot out;
  for (const auto& [key, value] : snapshot.objects) {
    if (!is_ignored(key, ignored)) out.objects.emplace(key, value);
  }
  return out;
}

// The schema `session` sees now, without what `ignored` names (and what those tables own).
Result<SchemaSnapshot> snapshot_without_ignored(Session& session, Ignored ignored) {
  auto all = take_snapshot(session);
  if (!all) return all;
  if (auto owned = add_owned_relations(session, ignored); !owned) {
    return Result<SchemaSnapshot>::fail(owned.error);
  }
  return {without_ignored(*all.value, ignored), {}};
}

Result<SchemaSnapshot> replay(const std::vector<Script>& ups, const DriftOptions& options,
                              const Ignored& ignored) {
  using Replayed = Result<SchemaSnapshot>;
  const RoundTripOptions& o = options.replay;
  ScratchServer scratch;
  if (auto opened = scratch.open(scratch_options(o)); !opened) {
    return Replayed::fail(opened.error);
  }
  std::string name = scratch.name("drift");
  if (auto e = scratch.create(name, "template0")) {
    return Replayed::fail(scratch.what() + ": cannot create the scratch database " + name + ": " +
                          e->message);
  }
  auto ran = run_setup(scratch, name, o.setup, o.statement_timeout_ms);
  if (!ran) return Replayed::fail(ran.error);
  Replayed out;
  {
    auto session = scratch.connect(name, o.lock_timeout_ms, o.statement_timeout_ms);
    if (!session) return Replayed::fail("drift: " + session.error);
    for (const auto& up : ups) {
      ScriptRun run = run_script(**session.value, up);
      if (run.failure) {
        const auto& f = *run.failure;
        return Replayed::fail(
            "drift: replaying " + up.path + " failed at " + std::to_string(f.position.line) + ":" +
            std::to_string(f.position.column) + ": " + f.message + " (SQLSTATE " + f.sqlstate +
            "); the applied migrations do not build a schema to compare with" +
            (f.sqlstate == "42501"
                 ? " (the replay runs them as an ordinary role: declare what needs a "
                   "superuser in [roundtrip] setup or superuser_extensions)"
                 : ""));
      }
    }
    out = snapshot_without_ignored(**session.value, ignored);
    if (!out) out.error = "drift: the replayed schema: " + out.error;
  }  // the session closes before close() drops its database
  scratch.close();
  return out;
}

// Read-only by construction: one READ ONLY transaction, rolled back, with timeouts so a lock
// held on the target can only delay the gate, never stall it.
Result<SchemaSnapshot> read_target(const std::string& url, const DriftOptions& options,
                                   const Ignored& ignored) {
  using Read = Result<SchemaSnapshot>;
  auto connected = Session::connect(url);
  if (!connected) {
    return Read::fail("drift: cannot connect to the target database: " + connected.error);
  }
  Session& session = **connected.value;
  if (auto e = session.exec(
          "BEGIN TRANSACTION READ ONLY; SET LOCAL statement_timeout = " +
          std::to_string(options.replay.statement_timeout_ms) +
          "; SET LOCAL lock_timeout = " + std::to_string(options.replay.lock_timeout_ms))) {
    return Read::fail("drift: the target database: " + e->message);
  }
  Read out = snapshot_without_ignored(session, ignored);
  session.exec("ROLLBACK");
  if (!out) out.error = "drift: the target database: " + out.error;
  return out;
}

}  // namespace

// The table an index is on, named as the snapshot names tables: pg_get_indexdef says
// "CREATE INDEX x ON [ONLY] public.t USING btree (...)".
std::string indexed_table(const std::string& indexdef) {
  size_t on = indexdef.find(" ON ");
  size_t using_at = indexdef.find(" USING ", on == std::string::npos ? 0 : on);
  if (on == std::string::npos || using_at == std::string::npos) return "";
  std::string table = indexdef.substr(on + 4, using_at - on - 4);
  if (starts_with(table, "ONLY ")) table.erase(0, 5);
  if (starts_with(table, "public.")) table.erase(0, 7);
  return table;
}

// A table only one side has is one difference, not one per column, index and grant of it:
// drops from `side` what belongs to a relation `other` lacks altogether.
SchemaSnapshot without_parts_of_lone_relations(const SchemaSnapshot& side,
                                               const SchemaSnapshot& other) {
  SchemaSnapshot out;
  for (const auto& [key, value] : side.objects) {
    std::string subject = starts_with(key, "index ") ? indexed_table(value) : subject_of(key);
    bool part = !subject.empty() && key != "table " + subject;
    bool lone = side.objects.count("table " + subject) > 0 &&
                other.objects.count("table " + subject) == 0;
    if (!(part && lone)) out.objects.emplace(key, value);
  }
  return out;
}

DriftReport find_drift(const std::vector<Script>& applied_ups, const std::string& target_url,
                       const DriftOptions& options) {
  DriftReport report;
  Ignored ignored = ignored_from(options.ignored_tables);
  // The target first: an unreachable target is the likelier failure and needs no server start.
  auto target = read_target(target_url, options, ignored);
  if (!target) {
    report.error = target.error;
    return report;
  }
  auto expected = replay(applied_ups, options, ignored);
  if (!expected) {
    report.error = expected.error;
    return report;
  }
  const SchemaSnapshot& want = *expected.value;
  const SchemaSnapshot& have = *target.value;
  report.differences = diff_snapshots(without_parts_of_lone_relations(want, have),
                                      without_parts_of_lone_relations(have, want),
                                      DiffMoment::kOnTarget);
  return report;
}

}  // namespace sg
