#include "rules/lock_evidence.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <tuple>

namespace sg {
namespace {

// Static rules whose finding is about the lock its statement takes: the trace measured exactly
// what they describe. Others on the same statement (a type preference, a naming rule) are
// about something else, so a measured lock next to them stays blocking-lock's.
constexpr std::string_view kLockRules[] = {
    "adding-field-with-default",
    "adding-foreign-key-constraint",
    "adding-not-nullable-field",
    "adding-primary-key-constraint",
    "adding-required-field",
    "adding-serial-primary-key-field",
    "ban-alter-domain-with-add-constraint",
    "ban-drop-cascade",
    "ban-drop-column",
    "ban-drop-not-null",
    "ban-drop-table",
    "ban-truncate",
    "ban-truncate-cascade",
    "changing-column-type",
    "constraint-missing-not-valid",
    "disallowed-unique-constraint",
    "locking-multiple-tables",
    "mixed-ddl-and-dml",
    "prefer-repack",
    "refresh-matview-without-concurrently",
    "renaming-column",
    "renaming-table",
    "require-concurrent-index-creation",
    "require-concurrent-index-deletion",
    "require-concurrent-partition-detach",
    "require-concurrent-reindex",
    "require-lock-timeout",
    "table-rewrite",
    "unbatched-backfill",
};

bool about_the_lock(const Finding& f) {
  return std::find(std::begin(kLockRules), std::end(kLockRules), f.rule_id) !=
         std::end(kLockRules);
}

bool before(const Position& a, int line, int column) {
  return std::tie(a.line, a.column) < std::tie(line, column);
}

// The statement of `trace` that starts at `at`, as [start, end): end is the next applied
// statement's start, or the end of the file.
struct Span {
  Position start;
  Position end{1 << 30, 0};
  bool contains(const Finding& f) const {
    return !before(Position{f.line, f.column}, start.line, start.column) &&
           before(Position{f.line, f.column}, end.line, end.column);
  }
};

Span span_of(const LockTrace& trace, const Position& at) {
  Span span{at};
  for (const auto& s : trace.statements) {
    if (before(at, s.position.line, s.position.column) &&
        before(s.position, span.end.line, span.end.column)) {
      span.end = s.position;
    }
  }
  return span;
}

std::string evidence_text(const std::vector<TracedLockEvidence>& locks) {
  std::string out;
  for (const auto& lock : locks) {
    out += (out.empty() ? "" : "; ") + lock.mode + " on " + lock.relation + ", held " +
           std::to_string(lock.held_ms) + " ms";
  }
  return " (lock trace: " + out + ")";
}

}  // namespace

void fold_lock_evidence(const std::vector<MigrationFacts>& facts, std::vector<Finding>& linted,
                        std::vector<Finding>& roundtrip) {
  std::vector<Finding*> strengthened;
  for (const auto& m : facts) {
    if (m.history) continue;
    for (const auto& lock : m.trace.locks) {
      if (lock.kind != "table" || lock.concurrent || !is_blocking(lock.mode)) continue;
      Span span = span_of(m.trace, lock.statement);
      auto target = std::find_if(linted.begin(), linted.end(), [&](const Finding& f) {
        return f.file == m.up.path && about_the_lock(f) && span.contains(f);
      });
      if (target == linted.end()) continue;
      std::string mode(lock_mode_name(lock.mode));
      target->lock_trace.push_back({lock.relation, mode, std::lround(lock.held_ms)});
      if (std::find(strengthened.begin(), strengthened.end(), &*target) == strengthened.end()) {
        strengthened.push_back(&*target);
      }
      roundtrip.erase(std::remove_if(roundtrip.begin(), roundtrip.end(),
                                     [&](const Finding& f) {
                                       return f.rule_id == "blocking-lock" &&
                                              f.file == m.up.path &&
                                              f.line == lock.statement.line &&
                                              f.column == lock.statement.column &&
                                              !f.lock_trace.empty() &&
                                              f.lock_trace.front().relation == lock.relation;
                                     }),
                      roundtrip.end());
    }
  }
  for (Finding* f : strengthened) f->message += evidence_text(f->lock_trace);
}

}  // namespace sg
