// The pull-request report. It must stay under GitHub's comment limit however large the report:
// it renders with full detail first, then with less detail per migration until it fits.
#include <sstream>

#include "report/formats.h"

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

const char* risk_icon(const std::string& risk) {
  if (risk == "CRITICAL") return "🟥";
  if (risk == "HIGH") return "🟧";
  if (risk == "MEDIUM") return "🟨";
  return "🟩";
}

struct Detail {
  size_t max_findings = SIZE_MAX;  // per migration
  size_t max_diff = SIZE_MAX;      // characters of schema diff per migration
  bool checklist = true;
  bool help = true;
};

void write_finding(std::ostream& out, const nlohmann::json& f, const RenderOptions& o,
                   const Detail& d) {
  std::string id = str(f, "rule_id");
  out << "- **" << str(f, "severity") << "** [" << escape(id) << "](" << o.docs_url << id << ".md) "
      << code(str(f, "file") + ":" + std::to_string(num(f, "line", 1))) << ": "
      << escape(str(f, "message"));
  if (f.value("suppressed", false)) {
    out << " (suppressed: " << escape(str(f, "suppression_reason", "no reason given")) << ")";
  }
  out << "\n";
  if (d.help && !str(f, "help").empty()) out << "  - help: " << escape(str(f, "help")) << "\n";
}

// The locks the round trip's first up took on relations that existed before it.
void write_lock_trace(std::ostream& out, const nlohmann::json& rt) {
  auto locks = rt.find("locks");
  if (locks == rt.end() || !locks->is_array()) return;
  if (locks->empty()) {
    out << "\nLock trace: no lock on a relation that existed before the migration.\n";
  } else {
    out << "\n**Locks** on existing relations\n\n| Line | Relation | Mode | Blocks | Held |\n"
           "|---|---|---|---|---|\n";
    for (const auto& l : *locks) {
      out << "| " << num(l, "statement_line") << " | " << escape(str(l, "kind")) << " "
          << code(str(l, "relation")) << " | " << escape(str(l, "mode")) << " | "
          << escape(str(l, "blocks")) << " | " << num(l, "held_ms") << " ms |\n";
    }
  }
  auto disagreements = rt.find("lock_disagreements");
  if (disagreements == rt.end() || !disagreements->is_array() || disagreements->empty()) return;
  out << "\n";
  for (const auto& d : *disagreements) {
    out << "- Lock model and trace disagree (" << escape(str(d, "kind")) << ") at "
        << code(str(d, "file") + ":" + std::to_string(num(d, "line"))) << ": "
        << escape(str(d, "detail")) << "\n";
  }
}

// The fill that ran before the round trip; tables left empty are listed, never hidden.
void write_rehearsal(std::ostream& out, const nlohmann::json& r) {
  auto tables = r.value("tables", nlohmann::json::array());
  auto unfilled = r.value("unfilled", nlohmann::json::array());
  out << "\n**Data rehearsal**: " << num(r, "rows_per_table") << " rows in each of "
      << tables.size() << (tables.size() == 1 ? " table" : " tables") << " ("
      << num(r, "fill_ms") << " ms)\n";
  if (!unfilled.empty()) out << "\n";
  for (const auto& u : unfilled) {
    out << "- ⚠️ " << code(str(u, "table")) << " not filled: " << escape(str(u, "reason")) << "\n";
  }
}

void write_roundtrip(std::ostream& out, const nlohmann::json& rt, const Detail& d) {
  std::string version = str(rt, "server_version");
  out << "\n**Round trip**" << (version.empty() ? "" : " on PostgreSQL " + escape(version)) << ": "
      << escape(str(rt, "status", "unknown")) << "\n\n| Step | Result | Time |\n|---|---|---|\n";
  auto steps = rt.find("steps");
  if (steps != rt.end() && steps->is_array()) {
    for (const auto& s : *steps) {
      out << "| " << escape(str(s, "step")) << " | "
          << (s.value("ok", false) ? "ok" : "failed: " + escape(str(s, "error"))) << " | "
          << num(s, "ms") << " ms |\n";
    }
  }
  write_lock_trace(out, rt);
  auto rehearsal = rt.find("rehearsal");
  if (rehearsal != rt.end() && rehearsal->is_object()) write_rehearsal(out, *rehearsal);
  auto diff = rt.find("schema_diff");
  if (diff == rt.end() || diff->is_null() || diff->empty()) return;
  std::string text = diff->is_string() ? diff->get<std::string>() : diff->dump(2);
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

void write_migration(std::ostream& out, const MigrationView& m, const RenderOptions& o,
                     const Detail& d) {
  out << "\n### " << risk_icon(m.risk) << " " << code(m.title) << ": " << m.risk << " risk";
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
  std::vector<const nlohmann::json*> active;
  std::vector<const nlohmann::json*> suppressed;
  for (const auto* f : m.findings) {
    (f->value("suppressed", false) ? suppressed : active).push_back(f);
  }
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
  if (m.roundtrip != nullptr) write_roundtrip(out, *m.roundtrip, d);
  if (!d.checklist) return;
  out << "\n<details><summary>Review checklist</summary>\n\n";
  for (const auto& item : build_checklist(m, o.checklist)) {
    out << "- [" << (item.done ? "x" : " ") << "] " << escape(item.text);
    if (item.done) out << ": " << escape(item.evidence);
    out << "\n";
  }
  out << "\n</details>\n";
}

std::string render(const ReportView& v, const RenderOptions& o, const Detail& d) {
  std::ostringstream out;
  out << "## " << risk_icon(v.risk) << " schemagate: " << v.risk << " risk, "
      << (v.verdict == "PASS" ? "✅ " : "❌ ") << v.verdict << "\n\n"
      << v.errors << (v.errors == 1 ? " error, " : " errors, ") << v.warnings
      << (v.warnings == 1 ? " warning" : " warnings");
  if (v.suppressed > 0) out << ", " << v.suppressed << " suppressed";
  out << " in " << v.migrations.size() << (v.migrations.size() == 1 ? " migration" : " migrations")
      << ".\n";
  for (const auto& e : v.runtime_errors) out << "\n> **error:** " << escape(e) << "\n";
  for (const auto& n : v.containment_notes) out << "\n> **containment:** " << escape(n) << "\n";
  for (const auto& m : v.migrations) write_migration(out, m, o, d);
  out << "\n" << kStickyMarker << "\n";
  return out.str();
}

}  // namespace

std::string render_markdown(const nlohmann::json& report, const RenderOptions& options) {
  ReportView view = make_view(report);
  static const Detail kLevels[] = {
      {},
      {50, 8000, true, true},
      {20, 2000, true, false},
      {5, 500, false, false},
      {0, 0, false, false},
  };
  std::string text;
  for (const auto& detail : kLevels) {
    text = render(view, options, detail);
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
