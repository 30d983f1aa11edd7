// The review checklist for one migration, from the seeds' checklists (seed 000's migration
// checklist template, seed 003's pre-migration checklist, seed 004's template and HIPAA items),
// tailored by risk. Items schemagate verified itself are ticked with their evidence.
#pragma once

#include <string>
#include <vector>

#include "assess/assessment.h"

namespace sg {

struct ChecklistItem {
  std::string id;    // stable key; config uses it to replace a default item
  std::string text;  // "{approvals}" is replaced by the required approvals
  Risk min_risk = Risk::kLow;
  bool compliance_only = false;  // only for migrations touching a configured compliance table
};

// What a team's config says (the config engineer fills this from TOML/JSON):
// `replace` drops the default template; `items` are added, or replace a default with the same id.
struct ChecklistConfig {
  bool replace = false;
  std::vector<ChecklistItem> items;
};

struct CheckedItem {
  std::string id;
  std::string text;
  bool done = false;
  std::string evidence;  // why schemagate ticked it
};

const std::vector<ChecklistItem>& default_checklist();
std::vector<CheckedItem> build_checklist(const MigrationAssessment& migration,
                                         const ChecklistConfig& config = {});

}  // namespace sg
