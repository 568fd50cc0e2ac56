// Options are parsed by the attributes ir/KQOptions.td defines: an unknown
// value is an error where it stands, naming every value the option has.
// RUN: not kq-opt %s --split-input-file 2>&1 | FileCheck %s

// CHECK: error: custom op 'kq.model' expected ::mlir::kq::ModelFamily to be one of: transe, distmult, complex, rotate
kq.graph @g load "g"
kq.model @m rotatee "m" on @g

// -----
// CHECK: error: custom op 'kq.linkpred' expected ::mlir::kq::TiePolicy to be one of: optimistic, pessimistic, realistic
kq.linkpred @m on @g "test" ties random

// -----
// CHECK: error: custom op 'kq.linkpred' unknown option 'entity'; expected relation or direction
kq.linkpred @m on @g "test" per [entity]

// -----
// CHECK: error: custom op 'kq.emit' expected ::mlir::kq::EmitFormat to be one of: jsonl, betae, fit
kq.emit @b to "b" format csv

// -----
// CHECK: error: custom op 'kq.quiz' unknown option 'mcq'; expected tf, mc, blank, edit or open
kq.quiz @z from @g ["test"] formats [mcq] count 1 seed 1

// -----
// CHECK: error: custom op 'kq.quiz' expected ::mlir::kq::Distractors to be one of: random, range, neighbourhood
kq.quiz @z from @g ["test"] formats [mc] count 1 seed 1 distractors nearby

// -----
// CHECK: error: custom op 'kq.skill' expected ::mlir::kq::SkillOperation to be one of: follow, follow_back, intersect, exclude, unite
kq.skill @s teaches jump step "{output}" description "d"

// -----
// CHECK: error: custom op 'kq.skill' expected ::mlir::kq::SkillExample to be one of: random, uniform
kq.skill @s teaches follow step "{output}" example often description "d"
