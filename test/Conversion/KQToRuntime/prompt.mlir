// A prompt's template gets a traced copy: its path split into projections,
// its complement a difference from every entity, and a kq_rt_trace after
// every step; the steps are described for the runtime in order. Skills,
// skill blocks, prompt cases (their pieces packed), prompts, language
// models and asking become runtime calls in program order.
// RUN: kq-opt %s --convert-kq-to-runtime | FileCheck %s

// CHECK-DAG: llvm.mlir.global private constant @[[$PIECES:kq\.str\.[0-9]+]]("TSkill f: \00TFollow.\00Bblk\00W\00Q\00\00")
// CHECK-DAG: llvm.mlir.global private constant @[[$SKILLS:kq\.str\.[0-9]+]]("f\00fb\00i\00x\00u\00\00")
// CHECK-DAG: llvm.mlir.global private constant @[[$STEPS:kq\.str\.[0-9]+]]("p\1Fp0\00f\1Fp1\1F0\00f\1Fcr\1F1\00b\1Fcs\1F2\00p\1Fp2\00a\00x\1F5\1F4\00i\1F3\1F6\00\00")

// CHECK-LABEL: func.func private @kq.query.trace.template.t(
// CHECK-SAME: %{{.+}}: !llvm.ptr, %{{.+}}: !llvm.ptr, %[[TRACE:.+]]: !llvm.ptr) -> !llvm.ptr
// CHECK: %[[S0:.+]] = call @kq_rt_entity_id
// CHECK: %[[I0:.+]] = llvm.mlir.constant(0 : i32)
// CHECK: call @kq_rt_trace(%[[TRACE]], %[[I0]], %[[S0]])
// CHECK: call @kq.kernel.set.project
// CHECK: call @kq_rt_trace(%[[TRACE]]
// CHECK: call @kq.kernel.set.project
// CHECK: call @kq_rt_trace(%[[TRACE]]
// CHECK: call @kq.kernel.set.project
// CHECK: call @kq_rt_trace(%[[TRACE]]
// CHECK: call @kq_rt_entity_id
// CHECK: call @kq_rt_trace(%[[TRACE]]
// CHECK: call @kq_rt_universe
// CHECK: call @kq_rt_trace(%[[TRACE]]
// CHECK: call @kq.kernel.set.difference
// CHECK: call @kq_rt_trace(%[[TRACE]]
// CHECK: call @kq.kernel.set.intersect
// CHECK: %[[I7:.+]] = llvm.mlir.constant(7 : i32)
// CHECK: call @kq_rt_trace(%[[TRACE]], %[[I7]],
// CHECK-NOT: kq_rt_trace
// CHECK: return

// The template itself is untouched: its path stays one kernel call.
// CHECK-LABEL: func.func private @kq.query.template.t(
// CHECK-NOT: kq_rt_trace
// CHECK: return

// CHECK-LABEL: func.func @kq_main(
// CHECK: call @kq_rt_sample(
// CHECK-COUNT-5: call @kq_rt_skill(
// CHECK: call @kq_rt_skill_block(
// CHECK: %[[TRACED:.+]] = constant @kq.query.trace.template.t
// CHECK: %[[NSTEPS:.+]] = llvm.mlir.constant(8 : i32)
// CHECK: %[[STEPS:.+]] = llvm.mlir.addressof @[[$STEPS]]
// CHECK: %[[NPIECES:.+]] = llvm.mlir.constant(5 : i32)
// CHECK: %[[PIECES:.+]] = llvm.mlir.addressof @[[$PIECES]]
// CHECK: %[[SKILLS:.+]] = llvm.mlir.addressof @[[$SKILLS]]
// CHECK: call @kq_rt_prompt_case(%{{.+}}, %{{.+}}, %{{.+}}, %[[TRACED]], %[[NSTEPS]], %[[STEPS]], %{{.+}}, %[[NPIECES]], %[[PIECES]], %[[SKILLS]])
// CHECK: call @kq_rt_prompt(
// CHECK: call @kq_rt_end_statement(
// CHECK: call @kq_rt_emit(
// CHECK: %[[TEMPERATURE:.+]] = arith.constant 0.000000e+00 : f64
// CHECK: %[[TIMEOUT:.+]] = arith.constant 2.500000e+00 : f64
// CHECK: call @kq_rt_llm(%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %[[TEMPERATURE]], %{{.+}}, %{{.+}}, %[[TIMEOUT]],
// CHECK: call @kq_rt_ask(
// CHECK: call @kq_rt_end_statement(

kq.graph @g load "g"
kq.query @template.t attributes {parameters = ["entity", "relation", "entity"], pattern = [["p1", "p0", "v0", "+"]], text = ["t"]} {
  %0 = kq.param 0
  %1 = kq.project_param %0 by 1
  %2 = kq.path %1 by ["r", "s"] inverse [false, true]
  %3 = kq.param 2
  %4 = kq.complement %3
  %5 = kq.intersect %2, %4
  kq.yield %5
}
kq.sample @b from [@template.t] on @g observed ["train"] full ["train", "test"] count 1 seed 1
kq.skill @f teaches follow step "{output}" description "Follow."
kq.skill @fb teaches follow_back step "{output}" description "Back."
kq.skill @i teaches intersect step "{output}" description "Meet."
kq.skill @x teaches exclude step "{output}" description "Drop."
kq.skill @u teaches unite step "{output}" description "Join."
kq.skill_block @blk of @f on @g ["train", "test"] seed 1 max_shown 8
kq.prompt @p over @b examples 2 seed 1 max_shown 8 {
  kq.prompt_case @template.t question ["q"] skills [@f, @fb, @i, @x, @u] {
    kq.text "Skill f: "
    kq.skill_text @f
    kq.show @blk
    kq.worked_examples
    kq.question
  }
}
kq.emit @p to "p.jsonl"
kq.llm @m openai "http://127.0.0.1:9/v1" model "small" {retries = 1 : i64, timeout = 2.5 : f64}
kq.ask @m on @p replies "r.jsonl"
