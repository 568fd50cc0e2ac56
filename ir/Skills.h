//===- Skills.h - The skills a template's plan is solved with -------------===//
//
// A Skills-in-Context prompt shows the skills its query is answered by:
// the operations of the template's plan as it is finally computed (after
// the kq passes, which may trade a complement for an intersection). The
// front end marks where they go with kq.show_skills; layOutSkills puts
// there, for each operation the plan uses, the skill's heading, its
// description and a kq.show of a skill block of its own (one of each kind
// is kept by kq-share-skill-blocks).
//
//===----------------------------------------------------------------------===//
#ifndef KQ_IR_SKILLS_H
#define KQ_IR_SKILLS_H

#include "ir/KQOps.h"

#include <array>
#include <optional>

namespace mlir::kq {

/// Whether the plan of `query` uses each operation, in kq.skill's order
/// (follow, follow_back, intersect, exclude, unite); nothing when part of
/// it is not a skill's step (a variable enumerated by kq.foreach, a
/// self-loop, a guard).
std::optional<std::array<bool, 5>> skillOperationsOf(QueryOp query);

/// Replaces every kq.show_skills of `module` by its skills' sections.
/// Fails, with a diagnostic, on a template that is not a tree of steps.
LogicalResult layOutSkills(ModuleOp module);

} // namespace mlir::kq

#endif // KQ_IR_SKILLS_H
