// A target database of its own per test on the shared embedded server, for `status` and `gate`.
#pragma once

#include <string>
#include <vector>

#include "db/session.h"
#include "test_support.h"

namespace sg::test {

// Seed 000's tracking table, as the plain layout's migrations fill it.
extern const char kSchemaMetadata[];

// A target where write_plain_repo's 001 and 002 are applied (and recorded), 003 pending.
extern const char kAppliedThrough002[];

// Seed 000's layout under migrations/: 001 users, 002 email, 003 an index; rollbacks for 002
// and 003 in rollback/.
void write_plain_repo(const TempDir& repo);

class TargetDb {
 public:
  // Creates database `name` (dropped first if a previous run left it).
  explicit TargetDb(const std::string& name);
  ~TargetDb();
  TargetDb(const TargetDb&) = delete;
  TargetDb& operator=(const TargetDb&) = delete;

  // The URL as the superuser, or as `user` (who must be able to log in).
  std::string url(const std::string& user = "postgres") const;
  // Runs `sql` as the superuser; a failure fails the test.
  void exec(const std::string& sql) const;
  // The first column of the rows of `sql`, as the superuser.
  std::vector<std::string> column(const std::string& sql) const;
  const std::string& error() const { return error_; }

 private:
  std::string name_;
  std::string error_;
};

}  // namespace sg::test
