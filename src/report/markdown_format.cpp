// The pull-request report: about the change (the migrations it adds, edits, renames or deletes,
// newest first; the history in one line), not the whole history. It must stay under GitHub's
// comment limit however large the report: it renders with full detail first, then drops help
// text, then shortens schema diffs and finding lists, and the checklists last, saying what.
#include <cmath>
#include <sstream>

#include "report/formats.h"
#include "util/join.h"

namespace sg {
namespace {

// Finding text comes from SQL files: HTML or markdown in it must show as text, never render.
std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\n':
      case '\r':
        out += ' ';
        break;
      case '@':
        out += "@&#8203;";  // a zero-width space: "@name" from a file must not notify anyone
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '|':
      case '#':
        out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

// A code span that survives backticks in the text.
std::string code(const std::string& s) {
  std::string plain;  // nothing renders inside a code span, but a backtick would end it
  for (char c : s) plain += (c == '`' || c == '\n' || c == '\r') ? '\'' : c;
  return "`" + plain + "`";
}

std::string fence(const std::string& body) {
  size_t longest = 0;
  size_t run = 0;
  for (char c : body) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max<size_t>(3, longest + 1), '`');
}

const char* risk_icon(Risk risk) {
  switch (risk) {
    case Risk::kCritical: return "🟥";
    case Risk::kHigh: return "🟧";
    case Risk::kMedium: return "🟨";
    case Risk::kLow: break;
  }
  return "🟩";
}

long long ms(double value) { return std::llround(value); }

struct Detail {
  size_t max_findings = SIZE_MAX;  // per migration
  size_t max_diff = SIZE_MAX;      // characters of schema diff per migration
  bool checklist = true;
  bool help = true;
};

// What a shortened comment left out, in the order it gives things up.
std::string shortened_note(const Detail& d) {
  std::vector<std::string> dropped;
  if (!d.help) dropped.push_back("help text");
  if (d.max_diff != SIZE_MAX) dropped.push_back("schema diffs past " + std::to_string(d.max_diff) +
                                                " characters");
  if (d.max_findings != SIZE_MAX) {
    dropped.push_back("findings past " + std::to_string(d.max_findings) + " per migration");
  }
  if (!d.checklist) dropped.push_back("review checklists");
  if (dropped.empty()) return "";
  return "\n_Shortened to fit GitHub's comment limit: " + join_prose(dropped) +
         " left out; the full report is in the job's annotations and `--format json`._\n";
}

void write_finding(std::ostream& out, const Finding& f, const RenderOptions& o, const Detail& d) {
  out << "- **" << to_string(f.severity) << "** [" << escape(f.rule_id) << "](" << o.docs_url
      << f.rule_id << ".md) " << code(f.file + ":" + std::to_string(f.line)) << ": "
      << escape(f.message);
  if (f.suppressed) {
    out << " (suppressed: "
        << escape(f.suppression_reason.empty() ? "no reason given" : f.suppression_reason) << ")";
  }
  out << "\n";
  if (d.help && !f.help.empty()) out << "  - help: " << escape(f.help) << "\n";
}

// The locks the round trip's first up took on relations that existed before it: only those
// that block reads or writes (an ACCESS SHARE on a table it reads is no news), and nothing at
// all when the up never ran (a skipped round trip traced nothing).
void write_lock_trace(std::ostream& out, const MigrationRoundTrip& rt) {
  if (rt.steps.empty()) return;
  const std::string& note = rt.trace.note;  // why part of the trace is missing
  std::vector<const TracedLock*> blocking;
  for (const auto& l : rt.trace.locks) {
    if (is_blocking(l.mode)) blocking.push_back(&l);
  }
  if (blocking.empty()) {
    out << "\nLock trace: "
        << (note.empty() ? "no lock that blocks reads or writes on a relation that existed "
                           "before the migration."
                         : escape(note))
        << "\n";
  } else {
    out << "\n**Locks** on existing relations\n\n| Line | Relation | Mode | Blocks | Held |\n"
           "|---|---|---|---|---|\n";
    for (const auto* lock : blocking) {
      const TracedLock& l = *lock;
      out << "| " << l.statement.line << " | " << escape(l.kind) << " " << code(l.relation)
          << " | " << escape(std::string(lock_mode_name(l.mode))) << " | "
          << escape(std::string(lock_blocks(l.mode))) << " | " << ms(l.held_ms) << " ms |\n";
    }
    if (!note.empty()) out << "\nLock trace incomplete: " << escape(note) << "\n";
  }
  if (rt.lock_disagreements.empty()) return;
  out << "\n";
  for (const auto& d : rt.lock_disagreements) {
    out << "- Lock model and trace disagree (" << escape(d.kind) << ") at "
        << code(d.file + ":" + std::to_string(d.line)) << ": " << escape(d.detail) << "\n";
  }
}

// The fill that ran before the round trip; tables left empty are listed, never hidden.
void write_rehearsal(std::ostream& out, const RehearsalReport& r) {
  out << "\n**Data rehearsal**: " << r.rows_per_table << " rows in each of " << r.tables.size()
      << (r.tables.size() == 1 ? " table" : " tables") << " (" << ms(r.fill_ms) << " ms)\n";
  if (!r.unfilled.empty()) out << "\n";
  for (const auto& u : r.unfilled) {
    out << "- ⚠️ " << code(u.table) << " not filled: " << escape(u.reason) << "\n";
  }
}

void write_roundtrip(std::ostream& out, const MigrationRoundTrip& rt,
                     const RehearsalReport* rehearsal, const Detail& d) {
  out << "\n**Round trip**"
      << (rt.server_version.empty() ? "" : " on PostgreSQL " + escape(rt.server_version)) << ": "
      << escape(rt.status) << "\n\n| Step | Result | Time |\n|---|---|---|\n";
  for (const auto& s : rt.steps) {
    out << "| " << escape(s.step) << " | " << (s.ok ? "ok" : "failed: " + escape(s.error))
        << " | " << ms(s.ms) << " ms |\n";
  }
  write_lock_trace(out, rt);
  if (rehearsal != nullptr) write_rehearsal(out, *rehearsal);
  std::string text;
  for (const auto& line : rt.schema_diff) text += (text.empty() ? "" : "\n") + line;
  if (text.empty()) return;
  std::string note;
  if (text.size() > d.max_diff) {
    note = "\n(schema diff shortened: " + std::to_string(d.max_diff) + " of " +
           std::to_string(text.size()) + " characters shown)\n";
    text.resize(d.max_diff);
  }
  std::string f = fence(text);
  out << "\n<details><summary>Schema difference after down and up</summary>\n\n"
      << f << "diff\n"
      << text << "\n"
      << f << "\n"
      << note << "\n</details>\n";
}

// The fill ran once, before the first new migration: its entry shows it.
const RehearsalReport* rehearsal_of(const Report& report, const MigrationRoundTrip* rt) {
  if (rt == nullptr || !report.roundtrip || !report.roundtrip->rehearsal ||
      report.roundtrip->migrations.empty() || rt != &report.roundtrip->migrations.front()) {
    return nullptr;
  }
  return &*report.roundtrip->rehearsal;
}

void write_migration(std::ostream& out, const Report& report, const MigrationAssessment& m,
                     const RenderOptions& o, const Detail& d) {
  out << "\n### " << risk_icon(m.risk) << " " << code(m.title) << ": " << to_string(m.risk)
      << " risk";
  if (!m.change.empty()) out << " (" << escape(m.change) << ")";
  out << "\n\n";
  if (!m.approvals.empty()) {
    out << "Required approvals: ";
    for (size_t i = 0; i < m.approvals.size(); ++i) {
      out << (i ? ", " : "") << escape(m.approvals[i]);
    }
    out << "\n\n";
  }
  for (const auto& reason : m.risk_reasons) out << "- " << escape(reason) << "\n";
  std::vector<const Finding*> active;
  std::vector<const Finding*> suppressed;
  for (const auto* f : m.findings) (f->suppressed ? suppressed : active).push_back(f);
  size_t shown = 0;
  if (!active.empty()) out << "\n**Findings**\n\n";
  for (const auto* f : active) {
    if (shown++ < d.max_findings) write_finding(out, *f, o, d);
  }
  if (!suppressed.empty()) out << "\n**Suppressed**\n\n";
  for (const auto* f : suppressed) {
    if (shown++ < d.max_findings) write_finding(out, *f, o, d);
  }
  if (shown > d.max_findings) {
    out << "\n_" << (shown - d.max_findings) << " of " << shown
        << " findings for this migration left out to fit GitHub's comment limit; the full list "
           "is in the job's annotations and `--format json`._\n";
  }
  if (m.roundtrip != nullptr) {
    write_roundtrip(out, *m.roundtrip, rehearsal_of(report, m.roundtrip), d);
  }
  if (!d.checklist) return;
  out << "\n<details><summary>Review checklist</summary>\n\n";
  for (const auto& item : build_checklist(m, o.checklist)) {
    out << "- [" << (item.done ? "x" : " ") << "] " << escape(item.text);
    if (item.done) out << ": " << escape(item.evidence);
    out << "\n";
  }
  out << "\n</details>\n";
}

std::string render(const Report& report, const Assessment& a, const RenderOptions& o,
                   const Detail& d) {
  std::ostringstream out;
  out << "## " << risk_icon(a.risk) << " schemagate: " << to_string(a.risk) << " risk, "
      << (a.pass ? "✅ PASS" : a.incomplete ? "⚠️ INCOMPLETE: not round-tripped" : "❌ FAIL")
      << "\n\n"
      << a.errors << (a.errors == 1 ? " error, " : " errors, ") << a.warnings
      << (a.warnings == 1 ? " warning" : " warnings");
  if (a.suppressed > 0) out << ", " << a.suppressed << " suppressed";
  out << " in " << a.migrations.size() << (a.migrations.size() == 1 ? " migration" : " migrations")
      << ".\n";
  for (const auto& e : report.errors) out << "\n> **error:** " << escape(e) << "\n";
  if (report.containment) {
    for (const auto& n : containment_notes(*report.containment)) {
      out << "\n> **containment:** " << escape(n) << "\n";
    }
  }
  // Newest first; unchanged migrations are history, summed up in one line (their findings
  // are in the annotations, the JSON and --all runs).
  size_t unchanged = 0;
  size_t unchanged_findings = 0;
  for (auto m = a.migrations.rbegin(); m != a.migrations.rend(); ++m) {
    if (m->change.empty()) continue;  // a file outside any migration: after the migrations
    if (!report.review_all && m->change == "unchanged") {
      ++unchanged;
      unchanged_findings += m->findings.size();
      continue;
    }
    write_migration(out, report, *m, o, d);
  }
  for (const auto& m : a.migrations) {
    if (m.change.empty()) write_migration(out, report, m, o, d);
  }
  if (unchanged > 0) {
    out << "\n**History**: " << unchanged << (unchanged == 1 ? " unchanged migration" : " unchanged migrations");
    if (report.history && report.history->migrations > 0) {
      out << ", " << report.history->migrations << " applied before the round trip in "
          << ms(report.history->ms) << " ms";
    }
    out << ".";
    if (unchanged_findings > 0) {
      out << " " << unchanged_findings << (unchanged_findings == 1 ? " finding" : " findings")
          << " on them, not part of this change, are in the job's annotations and `--format "
             "json`.";
    }
    out << "\n";
  }
  out << shortened_note(d);
  out << "\n" << kStickyMarker << "\n";
  return out.str();
}

}  // namespace

std::string render_markdown(const Report& report, const RenderOptions& options) {
  Assessment assessment = assess(report);
  // Help first, then long diffs and finding lists; the checklists of the changed migrations
  // go last.
  static const Detail kLevels[] = {
      {},
      {SIZE_MAX, SIZE_MAX, true, false},
      {SIZE_MAX, 2000, true, false},
      {50, 2000, true, false},
      {20, 500, true, false},
      {5, 500, false, false},
      {0, 0, false, false},
  };
  std::string text;
  for (const auto& detail : kLevels) {
    text = render(report, assessment, options, detail);
    if (text.size() < options.markdown_limit) return text;
  }
  // So many migrations that even counts do not fit: cut at a line and say so.
  std::string tail =
      "\n_Report cut to fit GitHub's comment limit; the full report is in "
      "`--format json`._\n\n" +
      std::string(kStickyMarker) + "\n";
  size_t keep =
      options.markdown_limit > tail.size() + 1 ? options.markdown_limit - tail.size() - 1 : 0;
  size_t cut = text.rfind('\n', keep);
  return text.substr(0, cut == std::string::npos ? 0 : cut) + tail;
}

}  // namespace sg
