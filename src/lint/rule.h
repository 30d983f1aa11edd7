// The rule contract. A rule is one file in src/rules/ plus one line in src/rules/rules.def.
//
// The engine makes a fresh instance of every enabled rule for each file, so a rule may keep
// per-file state in members (tables seen, transactions so far) without cleanup.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "lint/context.h"
#include "sql/parser.h"

namespace sg {

// Where a rule sends findings. In check(), `location` is a node's "location" field (the
// engine maps it into the file) and a negative one means "the statement's first token".
// In finish(), there is no current statement: pass a file byte offset saved earlier
// (Statement::begin, or a node location plus Statement::location_offset).
class Emitter {
 public:
  virtual ~Emitter() = default;
  virtual void report(long location, std::string message, std::string help) = 0;
};

class Rule {
 public:
  virtual ~Rule() = default;

  // Called for every statement of the file, in order, with the context as it stands before
  // the statement runs (a table it creates is not yet "created earlier").
  virtual void check(const Statement& stmt, const LintContext& ctx, Emitter& out) = 0;
  // Called once after the last statement, for rules that reason over a transaction or file.
  virtual void finish(const LintContext& ctx, Emitter& out) {
    (void)ctx;
    (void)out;
  }
  // Rules about destructive or breaking changes return false: a down migration's job is to
  // undo, so dropping what the up created is expected there.
  virtual bool applies_to_down() const { return true; }

  // Options with their defaults (documented in the rule's page); config may override them.
  virtual nlohmann::json default_options() const { return nlohmann::json::object(); }
  void set_options(nlohmann::json options) { options_ = std::move(options); }

 protected:
  // The effective value of an option declared in default_options().
  const nlohmann::json& option(const std::string& key) const;

 private:
  nlohmann::json options_ = nlohmann::json::object();
  mutable nlohmann::json defaults_cache_;
};

// A rule the engine raises itself (syntax-error, nesting-too-deep, unused-ignore): it exists so
// the id is registered, configurable and documented like every other, with nothing of its own
// to check per statement.
class EngineRaisedRule : public Rule {
 public:
  void check(const Statement&, const LintContext&, Emitter&) override {}
};

}  // namespace sg
