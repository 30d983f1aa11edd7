#include "db/scratch_server.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <random>

#include "db/shared_server_cleanup.h"
#include "util/percent_encoding.h"
#include "util/redact.h"

namespace sg {
namespace {

constexpr const char* kEmbeddedRole = "sg_migrator";

std::string random_hex(int words) {
  std::random_device rd;
  std::mt19937_64 gen(rd());
  std::string out;
  for (int i = 0; i < words; ++i) {
    char hex[17];
    snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(gen()));
    out += hex;
  }
  return out;
}

// "a=1&user=x&b=2" without its user and password parameters.
std::string without_credentials(const std::string& query) {
  std::string out;
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    std::string param = query.substr(start, end - start);
    bool credential = param.rfind("user=", 0) == 0 || param.rfind("password=", 0) == 0;
    if (!param.empty() && !credential) out += (out.empty() ? "" : "&") + param;
    start = end + 1;
  }
  return out;
}

std::string conninfo_quote(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

// What a migration must not have: superuser and the predefined roles that reach the host.
constexpr const char* kRoleAttributes =
    " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS";

}  // namespace

std::string with_credentials(const std::string& url, const std::string& user,
                             const std::string& password) {
  for (const char* scheme : {"postgresql://", "postgres://"}) {
    std::string prefix = scheme;
    if (url.rfind(prefix, 0) != 0) continue;
    size_t authority_end = url.find_first_of("/?", prefix.size());
    if (authority_end == std::string::npos) authority_end = url.size();
    std::string authority = url.substr(prefix.size(), authority_end - prefix.size());
    size_t at = authority.rfind('@');
    if (at != std::string::npos) authority = authority.substr(at + 1);
    std::string rest = url.substr(authority_end);
    size_t q = rest.find('?');
    std::string path = q == std::string::npos ? rest : rest.substr(0, q);
    std::string query = q == std::string::npos ? "" : without_credentials(rest.substr(q + 1));
    if (!query.empty()) query += "&";
    query += "user=" + percent_encode(user);
    if (!password.empty()) query += "&password=" + percent_encode(password);
    if (path.empty()) path = "/";
    return prefix + authority + path + "?" + query;
  }
  std::string out = url + " user=" + conninfo_quote(user);
  if (!password.empty()) out += " password=" + conninfo_quote(password);
  return out;
}

ScratchServer::ScratchServer() = default;
ScratchServer::~ScratchServer() { close(); }

Status ScratchServer::open(const ScratchOptions& options) {
  as_superuser_ = options.migrations_as_superuser;
  what_ = options.database_url.empty() ? "embedded PostgreSQL" : "--database-url";
  tag_ = new_run_tag(options.lifetime_s + kRunExpiryMarginS);
  if (options.database_url.empty()) {
    auto started = EphemeralServer::start(options.postgres_bin, options.cache_dir);
    if (!started) return Status::fail(started.error);
    server_ = std::move(*started.value);
    base_url_ = server_->url();
  } else {
    base_url_ = options.database_url;
    // Before the first connection: from here on, whatever way schemagate ends, it sweeps.
    auto reaper = SharedServerReaper::start(base_url_, tag_.text);
    if (!reaper) return Status::fail(reaper.error);
    reaper_ = std::move(*reaper.value);
  }
  auto admin = Session::connect(base_url_);
  if (!admin) return Status::fail(what_ + ": cannot connect: " + admin.error);
  admin_ = std::move(*admin.value);
  // Names this session sends resolve in pg_catalog only, whatever a migration created.
  if (auto e = admin_->exec("SET search_path = pg_catalog")) {
    return Status::fail(what_ + ": " + e->message);
  }
  if (!embedded()) stale_dropped_ = sweep_expired(*admin_, epoch_seconds());
  return create_migration_role();
}

// The embedded cluster is new: one fixed role. A shared server gets a role for this run, with a
// random password (a secret, redacted like any other), which close() drops again.
Status ScratchServer::create_migration_role() {
  bool embedded = this->embedded();
  migration_role_ = embedded ? kEmbeddedRole : name("migrator");
  std::string sql = "CREATE ROLE " + quote_ident(migration_role_) + kRoleAttributes;
  if (!embedded) {
    migration_password_ = random_hex(2);
    add_secret(migration_password_);
    sql += " PASSWORD " + quote_literal(migration_password_);
  }
  if (auto e = admin_->exec(sql)) {
    return Status::fail(what_ + ": cannot create the migration role " + migration_role_ + ": " +
                        e->message +
                        (embedded ? "" : " (the --database-url role needs CREATEROLE and CREATEDB)"));
  }
  role_created_ = true;
  std::vector<Row> rows;
  if (auto e = admin_->query("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", rows)) {
    return Status::fail(what_ + ": " + e->message);
  }
  bool admin_is_superuser = !rows.empty() && rows[0][0] && *rows[0][0] == "t";
  // A CREATEROLE role may only make databases owned by roles it is a member of.
  if (!admin_is_superuser) {
    if (auto e = admin_->exec("GRANT " + quote_ident(migration_role_) + " TO CURRENT_USER")) {
      return Status::fail(what_ + ": cannot grant the migration role " + migration_role_ + ": " +
                          e->message);
    }
  }
  return ok();
}

void ScratchServer::close() {
  if (admin_) {
    for (auto it = created_.rbegin(); it != created_.rend(); ++it) {
      admin_->exec("DROP DATABASE IF EXISTS " + quote_ident(*it));
    }
    if (!embedded()) drop_cluster_objects(drop_on_close_, "");
    if (role_created_ && !embedded()) {
      admin_->exec("DROP ROLE IF EXISTS " + quote_ident(migration_role_));
    }
  }
  role_created_ = false;
  created_.clear();
  drop_on_close_.clear();
  admin_.reset();
  if (server_) server_->stop();
  if (reaper_) reaper_->stop();
}

// PostgreSQL 15 copies a template through the WAL by default; for the small databases of a
// round trip a file copy is several times faster (and durability is off anyway).
std::optional<DbError> ScratchServer::create(const std::string& name, const std::string& from) {
  bool file_copy = admin_->server_version_num() >= 150000;
  auto failure = admin_->exec("CREATE DATABASE " + quote_ident(name) + " OWNER " +
                              quote_ident(migration_role_) + " TEMPLATE " + quote_ident(from) +
                              (file_copy ? " STRATEGY = FILE_COPY" : ""));
  if (!failure && std::find(created_.begin(), created_.end(), name) == created_.end()) {
    created_.push_back(name);
  }
  return failure;
}

std::optional<DbError> ScratchServer::drop(const std::string& name) {
  auto failure = admin_->exec("DROP DATABASE IF EXISTS " + quote_ident(name));
  if (!failure) created_.erase(std::remove(created_.begin(), created_.end(), name), created_.end());
  return failure;
}

namespace {

Result<std::unique_ptr<Session>> connect_with_timeouts(const std::string& url,
                                                       const std::string& name,
                                                       int lock_timeout_ms,
                                                       int statement_timeout_ms) {
  using Connected = Result<std::unique_ptr<Session>>;
  auto session = Session::connect(url);
  if (!session) return Connected::fail("cannot connect to " + name + ": " + session.error);
  if (auto e = (*session.value)->exec("SET lock_timeout = " + std::to_string(lock_timeout_ms) +
                                      "; SET statement_timeout = " +
                                      std::to_string(statement_timeout_ms))) {
    return Connected::fail(e->message);
  }
  return session;
}

}  // namespace

Result<std::unique_ptr<Session>> ScratchServer::connect(const std::string& name,
                                                        int lock_timeout_ms,
                                                        int statement_timeout_ms) const {
  return connect_with_timeouts(url_of(name), name, lock_timeout_ms, statement_timeout_ms);
}

Result<std::unique_ptr<Session>> ScratchServer::connect_admin(const std::string& name,
                                                              int lock_timeout_ms,
                                                              int statement_timeout_ms) const {
  return connect_with_timeouts(admin_url(name), name, lock_timeout_ms, statement_timeout_ms);
}

std::vector<std::string> ScratchServer::roles() const {
  std::vector<Row> rows;
  std::vector<std::string> out;
  if (admin_ && !admin_->query("SELECT rolname FROM pg_roles ORDER BY 1", rows)) {
    for (const auto& r : rows) out.push_back(r[0].value_or(""));
  }
  return out;
}

Result<SchemaSnapshot> ScratchServer::cluster_objects() const {
  std::vector<Row> rows;
  if (auto e = admin_->query(
          "SELECT 'role ' || rolname, concat_ws(', ', CASE WHEN rolcanlogin THEN 'login' END, "
          "CASE WHEN rolsuper THEN 'superuser' END, CASE WHEN rolcreatedb THEN 'createdb' END, "
          "CASE WHEN rolcreaterole THEN 'createrole' END, CASE WHEN rolreplication THEN "
          "'replication' END, CASE WHEN rolbypassrls THEN 'bypassrls' END) FROM pg_roles WHERE "
          "rolname NOT LIKE 'pg\\_%' UNION ALL SELECT 'database ' || datname, 'owner ' || "
          "pg_get_userbyid(datdba) FROM pg_database",
          rows)) {
    return Result<SchemaSnapshot>::fail("snapshot: reading roles and databases: " + e->message);
  }
  SchemaSnapshot out;
  for (const auto& r : rows) {
    std::string key = r[0].value_or("");
    std::string name = key.substr(key.find(' ') + 1);
    if (expiry_of(name) || name == migration_role_) continue;  // a run's own
    out.objects.emplace(key, r[1].value_or(""));
  }
  return {out, {}};
}

void ScratchServer::drop_cluster_objects(const std::vector<std::string>& created,
                                         const std::string& in_db) {
  if (!admin_) return;
  std::unique_ptr<Session> there;  // on `in_db`, opened for the first role
  for (const auto& key : created) {
    std::string name = key.substr(key.find(' ') + 1);
    if (key.rfind("database ", 0) == 0) {
      drop_database(*admin_, name);
      continue;
    }
    if (!in_db.empty() && !there) {
      if (auto connected = connect_admin(in_db, 60000, 60000)) there = std::move(*connected.value);
    }
    if (there) there->exec("DROP OWNED BY " + quote_ident(name));
    admin_->exec("DROP ROLE IF EXISTS " + quote_ident(name));
  }
}

void ScratchServer::drop_on_close(const std::vector<std::string>& created) {
  for (const auto& key : created) {
    if (std::find(drop_on_close_.begin(), drop_on_close_.end(), key) == drop_on_close_.end()) {
      drop_on_close_.push_back(key);
    }
  }
}

std::optional<DbError> ScratchServer::adopt_new_roles(const std::vector<std::string>& before) {
  std::vector<Row> rows;
  if (auto e = admin_->query("SELECT rolname FROM pg_roles WHERE NOT rolsuper AND rolname <> " +
                                 quote_literal(migration_role_) + " ORDER BY 1",
                             rows)) {
    return e;
  }
  for (const auto& r : rows) {
    std::string role = r[0].value_or("");
    if (std::find(before.begin(), before.end(), role) != before.end()) continue;
    if (role.rfind("pg_", 0) == 0) continue;
    if (auto e = admin_->exec("GRANT " + quote_ident(role) + " TO " + quote_ident(migration_role_))) {
      return e;
    }
  }
  return std::nullopt;
}

std::string ScratchServer::admin_url(const std::string& name) const {
  return with_database(base_url_, name);
}

std::string ScratchServer::url_of(const std::string& name) const {
  if (as_superuser_) return admin_url(name);
  if (server_) return server_->url(name, migration_role_);
  return with_credentials(with_database(base_url_, name), migration_role_, migration_password_);
}

}  // namespace sg
