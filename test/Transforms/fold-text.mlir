// kq-fold-text: skill descriptions become text, and runs of adjacent texts
// one text; the other pieces stay where they are.
// RUN: kq-opt %s --kq-fold-text | FileCheck %s

kq.graph @g load "g"
kq.query @template.t attributes {parameters = ["entity", "relation"], pattern = [["p1", "p0", "v0", "+"]], text = ["t"]} {
  %0 = kq.param 0
  %1 = kq.project_param %0 by 1
  kq.yield %1
}
kq.sample @b from [@template.t] on @g observed ["train"] full ["train"] count 1 seed 1
kq.skill @f teaches follow step "{output}" description "Follow it."
kq.skill @fb teaches follow_back step "{output}" description "Back."
kq.skill @i teaches intersect step "{output}" description "Meet."
kq.skill @x teaches exclude step "{output}" description "Drop."
kq.skill @u teaches unite step "{output}" description "Join."
kq.skill_block @blk of @f on @g ["train"] seed 1 max_shown 8

// CHECK-LABEL: kq.prompt_case @template.t
// CHECK-NEXT: kq.text "Skills.\0ASkill f: Follow it.\0AExample: "
// CHECK-NEXT: kq.show @blk
// CHECK-NEXT: kq.text "\0A\0A"
// CHECK-NEXT: kq.worked_examples
// CHECK-NEXT: kq.text "Question: "
// CHECK-NEXT: kq.question
// CHECK-NEXT: kq.text "\0AAnswer: Meet."
// CHECK-NEXT: }
// CHECK-NOT: kq.skill_text
kq.prompt @p over @b examples 1 seed 1 max_shown 8 {
  kq.prompt_case @template.t question ["q"] skills [@f, @fb, @i, @x, @u] {
    kq.text "Skills.\0A"
    kq.text "Skill f: "
    kq.skill_text @f
    kq.text "\0AExample: "
    kq.show @blk
    kq.text "\0A\0A"
    kq.worked_examples
    kq.text ""
    kq.text "Question: "
    kq.question
    kq.text "\0AAnswer: "
    kq.skill_text @i
    kq.text ""
  }
}
