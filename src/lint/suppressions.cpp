#include "lint/suppressions.h"

#include <algorithm>
#include <iterator>
#include <map>

#include "core/rule_info.h"
#include "lint/squawk_ignores.h"
#include "sql/comments.h"

namespace sg {
namespace {

constexpr std::string_view kFilePrefix = "schemagate-ignore-file:";
constexpr std::string_view kStatementPrefix = "schemagate-ignore:";
constexpr std::string_view kAnyPrefix = "schemagate-ignore";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

struct Ignore {
  const LineComment* comment = nullptr;
  bool file_wide = false;
  std::string id;
  std::string reason;
  int first_line = 0;  // the statement's lines it covers (file-wide: unused)
  int last_line = 0;
  bool used = false;
  bool from_squawk = false;  // a squawk-ignore comment (lint/squawk_ignores.h)
};

class Suppressor {
 public:
  Suppressor(const ParsedFile& parsed, const RuleSet& rules, std::vector<Finding>& findings)
      : parsed_(parsed), rules_(rules), findings_(findings) {
    for (const auto& stmt : parsed.statements) {
      if (stmt.from_plpgsql) continue;
      size_t last_byte = stmt.end > stmt.begin ? stmt.end - 1 : stmt.begin;
      spans_.push_back(
          {stmt.begin, stmt.position.line, parsed.source->position_of(last_byte).line});
    }
  }

  // Parses one comment into ignores; reports malformed ones.
  void read(const LineComment& comment) {
    std::string_view text = trim(comment.text);
    if (auto squawk = parse_squawk_ignore(text)) {
      auto [first, last] = covered_lines(comment, squawk->file_wide);
      for (auto& id : squawk->rule_ids) {
        ignores_.push_back(
            {&comment, squawk->file_wide, id, std::string(text), first, last, false, true});
      }
      return;
    }
    bool file_wide = text.rfind(kFilePrefix, 0) == 0;
    if (!file_wide && text.rfind(kStatementPrefix, 0) != 0) {
      if (text.rfind(kAnyPrefix, 0) == 0) {
        report(comment, "invalid-ignore",
               "malformed ignore comment; write `-- schemagate-ignore: <rule-id> -- <reason>`");
      }
      return;
    }
    text.remove_prefix(file_wide ? kFilePrefix.size() : kStatementPrefix.size());
    size_t dashes = text.find("--");
    std::string_view ids = text.substr(0, dashes);
    std::string_view reason = dashes == std::string_view::npos ? "" : trim(text.substr(dashes + 2));
    if (reason.empty()) {
      report(comment, "invalid-ignore",
             "ignore comment without a reason; add one after ` -- ` so reviewers see why the "
             "risk is accepted");
      return;
    }
    if (reason.size() < min_reason_length()) {
      report(comment, "invalid-ignore",
             "ignore comment reason is shorter than " + std::to_string(min_reason_length()) +
                 " characters (rules.invalid-ignore.min_reason_length)");
      return;
    }
    auto [first, last] = covered_lines(comment, file_wide);
    size_t start = 0;
    while (start <= ids.size()) {
      size_t comma = std::min(ids.find(',', start), ids.size());
      std::string id(trim(ids.substr(start, comma - start)));
      start = comma + 1;
      if (id.empty()) continue;
      if (find_rule(id) == nullptr) {
        report(comment, "invalid-ignore", "ignore comment: " + unknown_rule_message(id));
        continue;
      }
      ignores_.push_back({&comment, file_wide, id, std::string(reason), first, last, false});
    }
    if (trim(ids).empty()) {
      report(comment, "invalid-ignore", "ignore comment names no rule id");
    }
  }

  // Indexed by rule id and first line: a migration may carry thousands of ignores.
  void apply() {
    std::map<std::pair<std::string, int>, std::vector<Ignore*>> by_statement;
    std::map<std::string, std::vector<Ignore*>> by_file;
    for (auto& ignore : ignores_) {
      if (ignore.file_wide) {
        by_file[ignore.id].push_back(&ignore);
      } else if (ignore.first_line > 0) {
        by_statement[{ignore.id, ignore.first_line}].push_back(&ignore);
      }
    }
    for (auto& f : findings_) {
      if (f.suppressed) continue;
      std::vector<Ignore*>* matches = nullptr;
      auto next = by_statement.upper_bound({f.rule_id, f.line});
      if (next != by_statement.begin()) {
        auto candidate = std::prev(next);
        if (candidate->first.first == f.rule_id && candidate->second.front()->last_line >= f.line) {
          matches = &candidate->second;
        }
      }
      if (matches == nullptr) {
        auto file = by_file.find(f.rule_id);
        if (file != by_file.end()) matches = &file->second;
      }
      if (matches == nullptr) continue;
      f.suppressed = true;
      f.suppression_reason = matches->front()->reason;
      for (Ignore* ignore : *matches) ignore->used = true;
    }
  }

  void report_unused(const std::set<std::string>& rules_run) {
    for (const auto& ignore : ignores_) {
      if (ignore.used || ignore.from_squawk) continue;
      // Configured but not run (off, or not for this direction): it could match elsewhere.
      if (rules_.find(ignore.id) != nullptr && rules_run.count(ignore.id) == 0) continue;
      report(*ignore.comment, "unused-ignore",
             "ignore comment for " + ignore.id + " matches no finding; remove it");
    }
  }

  void flush() {
    findings_.insert(findings_.end(), std::make_move_iterator(added_.begin()),
                     std::make_move_iterator(added_.end()));
  }

 private:
  size_t min_reason_length() const {
    const ConfiguredRule* rule = rules_.find("invalid-ignore");
    if (rule == nullptr) return 1;
    long n = rule->options.value("min_reason_length", 1L);
    return n < 1 ? 1 : static_cast<size_t>(n);
  }

  // A trailing comment covers the statement it ends or starts; a comment on its own line
  // covers the next statement when only comments stand between them.
  std::pair<int, int> covered_lines(const LineComment& comment, bool file_wide) const {
    if (file_wide) return {0, 0};
    int line = comment.position.line;
    if (parsed_.source->source_map() != nullptr) {
      int covered = comment.after_code ? line : next_code_line(line);
      return {covered, covered};
    }
    if (comment.after_code) {
      auto it = std::lower_bound(spans_.begin(), spans_.end(), line,
                                 [](const Span& s, int l) { return s.last < l; });
      if (it != spans_.end() && (it->first == line || it->last == line)) {
        return {it->first, it->last};
      }
      return {-1, -1};
    }
    auto it = std::upper_bound(spans_.begin(), spans_.end(), comment.offset,
                               [](size_t offset, const Span& s) { return offset < s.begin; });
    if (it != spans_.end() &&
        skip_space_and_comments(parsed_.source->text(), comment.offset) == it->begin &&
        !blank_line_between(line, it->first)) {
      return {it->first, it->last};
    }
    return {-1, -1};  // covers nothing: reported as unused
  }

  // In a captured script's JavaScript, a comment on its own line covers what the next line of
  // code does (the call it starts, the variable it reads); -1 past a blank line.
  int next_code_line(int comment_line) const {
    for (int l = comment_line + 1;; ++l) {
      std::string_view text = trim(parsed_.source->line_text(l));
      if (text.empty()) return -1;
      if (text.rfind("//", 0) != 0) return l;
    }
  }

  // A blank line detaches a comment from the statement below it.
  bool blank_line_between(int comment_line, int stmt_line) const {
    for (int l = comment_line + 1; l < stmt_line; ++l) {
      if (trim(parsed_.source->line_text(l)).empty()) return true;
    }
    return false;
  }

  void report(const LineComment& comment, const char* rule_id, std::string message) {
    const ConfiguredRule* rule = rules_.find(rule_id);
    if (rule == nullptr || rule->severity == Severity::kOff) return;
    Finding f;
    f.rule_id = rule_id;
    f.severity = rule->severity;
    f.risk = rule->info->risk;
    f.file = parsed_.source->path();
    f.line = comment.position.line;
    f.column = comment.position.column;
    f.message = std::move(message);
    f.help =
        "write `-- schemagate-ignore: <rule-id>[, <rule-id>] -- <reason>` on the line "
        "before the statement or at its end, or `-- schemagate-ignore-file: <rule-id> -- "
        "<reason>` for the whole file";
    added_.push_back(std::move(f));
  }

  struct Span {
    size_t begin;  // byte offset of the statement's first token
    int first;     // its first and last lines
    int last;
  };

  const ParsedFile& parsed_;
  const RuleSet& rules_;
  std::vector<Span> spans_;  // top-level statements, in file order
  std::vector<Finding>& findings_;
  std::vector<Finding> added_;
  std::vector<Ignore> ignores_;
};

}  // namespace

void apply_suppressions(const ParsedFile& parsed, const RuleSet& rules,
                        const std::set<std::string>& rules_run, std::vector<Finding>& findings) {
  std::vector<LineComment> comments = line_comments(*parsed.source);
  Suppressor suppressor(parsed, rules, findings);
  for (const auto& comment : comments) suppressor.read(comment);
  suppressor.apply();
  suppressor.report_unused(rules_run);
  suppressor.flush();
}

}  // namespace sg
