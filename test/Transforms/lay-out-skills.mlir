// kq-lay-out-skills: each kq.show_skills becomes a section for each
// operation the template's plan uses as it now stands, in kq.skill's order
// (follow, follow_back, intersect, exclude, unite), each with a new skill
// block on the benchmark's full graph with the prompt's seed and size. A
// path counts as its projections, a complement as an exclusion.
// RUN: kq-opt %s --split-input-file --kq-lay-out-skills --verify-diagnostics | FileCheck %s

kq.graph @g load "g"
// A plan the kq passes may leave with an intersection and a union where
// the formula had a difference from a complement.
kq.query @template.t attributes {parameters = ["entity", "entity", "entity", "relation"], pattern = [["p3", "p0", "v0", "+"]], text = ["t"]} {
  %0 = kq.param 0
  %1 = kq.project_param %0 by 3
  %2 = kq.param 1
  %3 = kq.path %2 by ["r", "s"] inverse [false, true]
  %4 = kq.param 2
  %5 = kq.project_param %4 by 3
  %6 = kq.union %3, %5
  %7 = kq.intersect %1, %6
  kq.yield %7
}
kq.sample @b from [@template.t] on @g observed ["train"] full ["train", "test"] count 1 seed 1
kq.skill @skill.f teaches follow step "{output}" description "Follow."
kq.skill @skill.fb teaches follow_back step "{output}" description "Back."
kq.skill @skill.i teaches intersect step "{output}" description "Meet."
kq.skill @skill.x teaches exclude step "{output}" description "Drop."
kq.skill @skill.u teaches unite step "{output}" description "Join."

// CHECK: kq.skill_block @block.0 of @skill.f on @g ["train", "test"] seed 5 max_shown 3
// CHECK-NEXT: kq.skill_block @block.1 of @skill.fb on @g ["train", "test"] seed 5 max_shown 3
// CHECK-NEXT: kq.skill_block @block.2 of @skill.i on @g ["train", "test"] seed 5 max_shown 3
// CHECK-NEXT: kq.skill_block @block.3 of @skill.u on @g ["train", "test"] seed 5 max_shown 3
// CHECK-NEXT: kq.prompt @p
// CHECK: kq.text "Skills:"
// CHECK-NEXT: kq.text "Skill f: "
// CHECK-NEXT: kq.skill_text @skill.f
// CHECK-NEXT: kq.text "\0AExample: "
// CHECK-NEXT: kq.show @block.0
// CHECK-NEXT: kq.text "\0A\0A"
// CHECK-NEXT: kq.text "Skill fb: "
// CHECK-NEXT: kq.skill_text @skill.fb
// CHECK: kq.show @block.1
// CHECK: kq.text "Skill i: "
// CHECK: kq.show @block.2
// CHECK: kq.text "Skill u: "
// CHECK: kq.show @block.3
// CHECK-NEXT: kq.text "\0A\0A"
// CHECK-NEXT: kq.worked_examples
// CHECK-NOT: kq.show_skills
kq.prompt @p over @b examples 1 seed 5 max_shown 3 {
  kq.prompt_case @template.t question ["q"] skills [@skill.f, @skill.fb, @skill.i, @skill.x, @skill.u] {
    kq.text "Skills:"
    kq.show_skills
    kq.worked_examples
    kq.question
  }
}

// -----

kq.graph @g load "g"
kq.query @template.t attributes {parameters = ["entity", "relation"], pattern = [["p1", "p0", "v0", "+"]], text = ["t"]} {
  %0 = kq.param 0
  %1 = kq.project_param %0 by 1
  %2 = kq.self_loops "r"
  %3 = kq.intersect %1, %2
  kq.yield %3
}
kq.sample @b from [@template.t] on @g observed ["train"] full ["train"] count 1 seed 1
kq.skill @f teaches follow step "{output}" description "Follow."
kq.skill @fb teaches follow_back step "{output}" description "Back."
kq.skill @i teaches intersect step "{output}" description "Meet."
kq.skill @x teaches exclude step "{output}" description "Drop."
kq.skill @u teaches unite step "{output}" description "Join."
kq.prompt @p over @b examples 1 seed 1 max_shown 8 {
  // expected-error @+1 {{'kq.prompt_case' op @template.t is not a tree of skill steps}}
  kq.prompt_case @template.t question ["q"] skills [@f, @fb, @i, @x, @u] {
    kq.show_skills
    kq.question
  }
}
