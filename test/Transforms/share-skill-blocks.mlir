// kq-share-skill-blocks: blocks of the same skill, graph, splits, seed and
// max_shown become the first of them, across prompt cases and prompts;
// blocks that differ in any of these stay.
// RUN: kq-opt %s --kq-share-skill-blocks | FileCheck %s

kq.graph @g load "g"
kq.query @template.t attributes {parameters = ["entity", "relation"], pattern = [["p1", "p0", "v0", "+"]], text = ["t"]} {
  %0 = kq.param 0
  %1 = kq.project_param %0 by 1
  kq.yield %1
}
kq.sample @b from [@template.t] on @g observed ["train"] full ["train"] count 1 seed 1
kq.skill @f teaches follow step "{output}" description "Follow."
kq.skill @fb teaches follow_back step "{output}" description "Back."
kq.skill @i teaches intersect step "{output}" description "Meet."
kq.skill @x teaches exclude step "{output}" description "Drop."
kq.skill @u teaches unite step "{output}" description "Join."

// CHECK: kq.skill_block @b0 of @f on @g ["train"] seed 1 max_shown 8
// CHECK-NEXT: kq.skill_block @b2 of @f on @g ["train"] seed 2 max_shown 8
// CHECK-NEXT: kq.skill_block @b3 of @f on @g ["train", "test"] seed 1 max_shown 8
// CHECK-NEXT: kq.skill_block @b4 of @f on @g ["train"] seed 1 max_shown 3
// CHECK-NEXT: kq.skill_block @b5 of @i on @g ["train"] seed 1 max_shown 8
// CHECK-NOT: kq.skill_block
kq.skill_block @b0 of @f on @g ["train"] seed 1 max_shown 8
kq.skill_block @b1 of @f on @g ["train"] seed 1 max_shown 8
kq.skill_block @b2 of @f on @g ["train"] seed 2 max_shown 8
kq.skill_block @b3 of @f on @g ["train", "test"] seed 1 max_shown 8
kq.skill_block @b4 of @f on @g ["train"] seed 1 max_shown 3
kq.skill_block @b5 of @i on @g ["train"] seed 1 max_shown 8
kq.skill_block @b6 of @f on @g ["train"] seed 1 max_shown 8

// CHECK-LABEL: kq.prompt @p
// CHECK: kq.show @b0
// CHECK-NEXT: kq.show @b0
// CHECK-NEXT: kq.show @b2
// CHECK-NEXT: kq.show @b5
// CHECK-LABEL: kq.prompt @q
// CHECK: kq.show @b0
// CHECK-NEXT: kq.show @b4
kq.prompt @p over @b examples 1 seed 1 max_shown 8 {
  kq.prompt_case @template.t question ["q"] skills [@f, @fb, @i, @x, @u] {
    kq.show @b0
    kq.show @b1
    kq.show @b2
    kq.show @b5
    kq.question
  }
}
kq.prompt @q over @b examples 1 seed 1 max_shown 8 {
  kq.prompt_case @template.t question ["q"] skills [@f, @fb, @i, @x, @u] {
    kq.show @b6
    kq.show @b4
    kq.question
  }
}
