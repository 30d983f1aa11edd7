// Where the round trip and the drift replay run: an embedded server, or scratch databases on a
// server the user named (--database-url). Whatever it created it drops again, and an embedded
// server it started it stops, so no database or process outlives the run.
//
// Pull-request SQL is untrusted: the scratch databases are owned by, and migrations connect as,
// an ordinary role (no superuser, no pg_execute_server_program / pg_read_server_files /
// pg_write_server_files), so COPY ... PROGRAM, server-side file access and lo_import fail with
// PostgreSQL's own permission error. On the embedded server it is `sg_migrator`; on a
// --database-url server a role made for this run (random name and password) and dropped after.
//
// On a --database-url server every name carries the run's tag (db/scratch_names.h), a reaper
// process removes them on every exit path, and open() first drops what expired runs left
// (db/shared_server_cleanup.h).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/ephemeral_server.h"
#include "db/schema_snapshot.h"
#include "db/scratch_names.h"
#include "db/session.h"

namespace sg {

class SharedServerReaper;

struct ScratchOptions {
  std::string database_url;  // empty: an embedded server
  std::string postgres_bin;
  std::string cache_dir;  // of the embedded server's cached cluster; "" for none
  // connect() gives the server's superuser (or the URL's role) instead of the migration role
  // ([roundtrip] migrations_as_superuser).
  bool migrations_as_superuser = false;
  // How long the run may last (its deadline): after that plus kRunExpiryMarginS, a later run
  // may drop what this one created.
  long long lifetime_s = 600;
};

class ScratchServer {
 public:
  ScratchServer();
  ~ScratchServer();
  ScratchServer(const ScratchServer&) = delete;
  ScratchServer& operator=(const ScratchServer&) = delete;

  // `database_url` empty: start an embedded server from `postgres_bin`. The error starts
  // "embedded PostgreSQL: ..." or "--database-url: cannot connect: ...".
  Status open(const ScratchOptions& options);
  // Drops every database created here, then stops the embedded server (or lets the shared
  // server's reaper sweep what is left). Idempotent.
  void close();

  // "sg_<purpose>_<run tag>": a database name of this run.
  std::string name(const std::string& purpose) const { return scratch_name(purpose, tag_); }
  const RunTag& tag() const { return tag_; }
  // The URL open() connected to (the server's superuser, or the URL's role): not a database
  // of the run, so a session there survives the run's drops.
  const std::string& admin_base_url() const { return base_url_; }
  // What open() dropped of expired runs on a --database-url server.
  const std::vector<std::string>& stale_dropped() const { return stale_dropped_; }

  // CREATE DATABASE `name` OWNER <migration role> TEMPLATE `from`; nullopt when created (it is
  // dropped by close()).
  std::optional<DbError> create(const std::string& name, const std::string& from);
  std::optional<DbError> drop(const std::string& name);
  // A session on `name` with lock_timeout and statement_timeout set, so a hanging script is an
  // error instead of a stuck job. The error reads "cannot connect to X: ...".
  Result<std::unique_ptr<Session>> connect(const std::string& name, int lock_timeout_ms,
                                           int statement_timeout_ms) const;
  // The same as the server's superuser (or the URL's role): only for the declared setup.
  Result<std::unique_ptr<Session>> connect_admin(const std::string& name, int lock_timeout_ms,
                                                 int statement_timeout_ms) const;
  // Makes the migration role a member of every role created since `roles_before` (setup's
  // application roles), so migrations may GRANT to them and hand them objects as in production.
  std::optional<DbError> adopt_new_roles(const std::vector<std::string>& roles_before);
  std::vector<std::string> roles() const;

  // The server-wide objects a migration can make ("role app_reader" = its attributes,
  // "database reports" = its owner), without this or any other run's own: the round trip
  // compares them like the schema, and they never enter a drift snapshot.
  Result<SchemaSnapshot> cluster_objects() const;
  // Drops what `created` holds of cluster_objects()'s keys ("role x", "database y"): a role
  // after DROP OWNED in database `in_db`, so the next step starts as the migration found it.
  void drop_cluster_objects(const std::vector<std::string>& created, const std::string& in_db);
  // The same in close(), after the run's databases are gone (a shared server keeps roles).
  void drop_on_close(const std::vector<std::string>& created);

  // "<what>: " for messages: "embedded PostgreSQL" or "--database-url".
  const std::string& what() const { return what_; }
  // The URL of database `name` on this server, as connect()'s role (for a second connection).
  std::string url_of(const std::string& name) const;
  // The role migrations run as, and whether it is a superuser.
  const std::string& migration_role() const { return migration_role_; }
  bool migrations_as_superuser() const { return as_superuser_; }
  // Whether this is an embedded server (else --database-url's, which is not ours to isolate),
  // and that server's network_isolation().
  bool embedded() const { return server_ != nullptr; }
  std::string network_isolation() const { return server_ ? server_->network_isolation() : ""; }
  std::string server_version() const { return admin_ ? admin_->server_version() : ""; }
  double startup_ms() const { return server_ ? server_->startup_ms() : 0; }

 private:
  std::string what_;
  RunTag tag_;
  std::unique_ptr<EphemeralServer> server_;
  std::unique_ptr<SharedServerReaper> reaper_;
  std::vector<std::string> stale_dropped_;
  std::vector<std::string> drop_on_close_;
  Status create_migration_role();
  std::string admin_url(const std::string& name) const;

  std::string base_url_;
  std::unique_ptr<Session> admin_;
  std::vector<std::string> created_;
  std::string migration_role_;
  std::string migration_password_;  // --database-url only (the embedded socket trusts)
  bool role_created_ = false;
  bool as_superuser_ = false;
};

// `url` connecting as `user` with `password` ("" for none): URLs get new user info (and lose
// user/password query parameters), key=value strings trailing keywords (libpq keeps the last).
std::string with_credentials(const std::string& url, const std::string& user,
                             const std::string& password);

}  // namespace sg
