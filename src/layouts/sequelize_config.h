// What a Sequelize project's own configuration says about its migrations: `.sequelizerc` paths
// (`'migrations-path'`, `config`) and, in the config file sequelize-cli reads, the table its
// SequelizeMeta rows live in (`migrationStorageTableName`, `migrationStorageTableSchema`).
#pragma once

#include <string>

namespace sg {

// `.sequelizerc`'s `'<key>': path.resolve('db', 'migrations')` (or path.join, with or without
// __dirname), relative to the folder of `rc_path`, repo-relative; "" when it names none.
std::string sequelizerc_path(const std::string& rc_path, const std::string& text,
                             const std::string& key);

// The tracking table the project configures for the migrations in `migrations_dir` (relative to
// `work_tree`): "schema.table", "table", or "" for Sequelize's default (SequelizeMeta in the
// search path). The config file is `.sequelizerc`'s `config`, else config/config.json (or .js)
// of the project (the folder of the nearest package.json or .sequelizerc above the migrations);
// its section is NODE_ENV's, "development" when unset, as sequelize-cli picks it. `where` says
// which file and section named the table. An error when the file names it in a way that cannot
// be read without running it (a variable, several different values in a .js file).
std::string sequelize_configured_table(const std::string& work_tree,
                                       const std::string& migrations_dir, std::string& where,
                                       std::string& error);

}  // namespace sg
