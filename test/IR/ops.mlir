// Every op parses, verifies and prints back to the same text.
// RUN: kq-opt %s | FileCheck %s
// RUN: kq-opt %s | kq-opt | FileCheck %s

// CHECK: kq.graph @world load "examples/world"
kq.graph @world load "examples/world"

// CHECK-LABEL: kq.query @all_ops
kq.query @all_ops {
  // CHECK: %[[A:.+]] = kq.entity "berlin"
  %a = kq.entity "berlin"
  // CHECK: %[[P:.+]] = kq.project %[[A]] by "lives_in" inverse
  %p = kq.project %a by "lives_in" inverse
  // CHECK: %[[F:.+]] = kq.project %[[P]] by "born_in"
  %f = kq.project %p by "born_in"
  // CHECK: %[[I:.+]] = kq.intersect %[[P]], %[[F]]
  %i = kq.intersect %p, %f
  // CHECK: %[[U:.+]] = kq.union %[[I]], %[[F]], %[[P]]
  %u = kq.union %i, %f, %p
  // CHECK: %[[D:.+]] = kq.difference %[[U]], %[[A]]
  %d = kq.difference %u, %a
  // CHECK: %[[C:.+]] = kq.complement %[[D]]
  %c = kq.complement %d
  // CHECK: %{{.+}} = kq.path %[[C]] by ["r", "s"] inverse [true, false]
  %path = kq.path %c by ["r", "s"] inverse [true, false]
  // CHECK: kq.yield %[[C]]
  kq.yield %c
}

// The same ops under a fuzzy logic: the type says which, Boolean is elided.
// CHECK-LABEL: kq.query @fuzzy
kq.query @fuzzy {
  // CHECK: %[[A:.+]] = kq.entity "berlin" : !kq.truth<product>
  %a = kq.entity "berlin" : !kq.truth<product>
  // CHECK: %[[P:.+]] = kq.project %[[A]] by "lives_in" inverse : !kq.truth<product>
  %p = kq.project %a by "lives_in" inverse : !kq.truth<product>
  // CHECK: %[[PATH:.+]] = kq.path %[[P]] by ["r", "s"] inverse [false, true] : !kq.truth<product>
  %path = kq.path %p by ["r", "s"] inverse [false, true] : !kq.truth<product>
  // CHECK: %[[I:.+]] = kq.intersect %[[P]], %[[PATH]] : !kq.truth<product>
  %i = kq.intersect %p, %path : !kq.truth<product>
  // CHECK: %[[U:.+]] = kq.union %[[I]], %[[A]] : !kq.truth<product>
  %u = kq.union %i, %a : !kq.truth<product>
  // CHECK: %[[D:.+]] = kq.difference %[[U]], %[[A]] : !kq.truth<product>
  %d = kq.difference %u, %a : !kq.truth<product>
  // CHECK: %[[C:.+]] = kq.complement %[[D]] : !kq.truth<product>
  %c = kq.complement %d : !kq.truth<product>
  // CHECK: %[[ALL:.+]] = kq.universe : !kq.truth<product>
  %all = kq.universe : !kq.truth<product>
  // CHECK: %[[NONE:.+]] = kq.empty : !kq.truth<product>
  %none = kq.empty : !kq.truth<product>
  // CHECK: %[[LOOPS:.+]] = kq.self_loops "similar_to" : !kq.truth<product>
  %loops = kq.self_loops "similar_to" : !kq.truth<product>
  // CHECK: %[[R:.+]] = kq.foreach %[[ALL]] : !kq.truth<product> {
  // CHECK-NEXT: ^bb0(%[[E:.+]]: !kq.truth<product>):
  // CHECK-NEXT:   %[[Q:.+]] = kq.project %[[E]] by "r" : !kq.truth<product>
  // CHECK-NEXT:   kq.yield %[[Q]] : !kq.truth<product>
  // CHECK-NEXT: }
  %r = kq.foreach %all : !kq.truth<product> {
  ^bb0(%e: !kq.truth<product>):
    %q = kq.project %e by "r" : !kq.truth<product>
    kq.yield %q : !kq.truth<product>
  }
  // CHECK: %[[D2:.+]] = kq.foreach %[[ALL]] : !kq.truth<product> domain {
  %r2 = kq.foreach %all : !kq.truth<product> domain {
  ^bb0(%e: !kq.truth<product>):
    kq.yield %e : !kq.truth<product>
  }
  // CHECK: %[[G:.+]] = kq.guard %[[R]] if %[[LOOPS]] : !kq.truth<product>
  %g = kq.guard %r if %loops : !kq.truth<product>
  // CHECK: kq.union %[[C]], %[[G]], %[[NONE]] : !kq.truth<product>
  %v = kq.union %c, %g, %none : !kq.truth<product>
  kq.yield %v : !kq.truth<product>
}

// CHECK-LABEL: kq.query @godel
kq.query @godel {
  // CHECK: kq.entity "a" : !kq.truth<godel>
  %a = kq.entity "a" : !kq.truth<godel>
  kq.yield %a : !kq.truth<godel>
}

// CHECK-LABEL: kq.query @lukasiewicz
kq.query @lukasiewicz {
  // CHECK: kq.entity "a" : !kq.truth<lukasiewicz>
  %a = kq.entity "a" : !kq.truth<lukasiewicz>
  kq.yield %a : !kq.truth<lukasiewicz>
}

// CHECK-LABEL: kq.query @template.fuzzy
kq.query @template.fuzzy attributes {parameters = ["entity", "relation"]} {
  // CHECK: %[[S:.+]] = kq.param 0 : !kq.truth<godel>
  // CHECK: kq.project_param %[[S]] by 1 inverse : !kq.truth<godel>
  %s = kq.param 0 : !kq.truth<godel>
  %t = kq.project_param %s by 1 inverse : !kq.truth<godel>
  kq.yield %t : !kq.truth<godel>
}

// CHECK-LABEL: kq.query @enumeration
kq.query @enumeration {
  // CHECK: %[[ALL:.+]] = kq.universe
  %all = kq.universe
  // CHECK: %[[LOOPS:.+]] = kq.self_loops "similar_to"
  %loops = kq.self_loops "similar_to"
  // CHECK: %[[R:.+]] = kq.foreach %[[ALL]] {
  // CHECK-NEXT: ^bb0(%[[E:.+]]: !kq.set):
  // CHECK-NEXT:   %[[P:.+]] = kq.project %[[E]] by "r"
  // CHECK-NEXT:   %[[I:.+]] = kq.intersect %[[P]], %[[LOOPS]]
  // CHECK-NEXT:   kq.yield %[[I]]
  // CHECK-NEXT: }
  %r = kq.foreach %all {
  ^bb0(%e: !kq.set):
    %p = kq.project %e by "r"
    %i = kq.intersect %p, %loops
    kq.yield %i
  }
  // CHECK: %[[N:.+]] = kq.size %[[R]]
  %n = kq.size %r
  // CHECK: %[[ONE:.+]] = kq.element %[[R]][%[[N]]]
  %one = kq.element %r[%n]
  // CHECK: %[[NONE:.+]] = kq.empty
  %none = kq.empty
  // CHECK: %[[G:.+]] = kq.guard %[[ONE]] if %[[R]]
  %g = kq.guard %one if %r
  // CHECK: %[[MARK:.+]] = kq.checkpoint
  %mark = kq.checkpoint
  // CHECK: %[[ACC:.+]] = kq.accumulate %[[NONE]], %[[G]]
  %acc = kq.accumulate %none, %g
  // CHECK: kq.accumulated %[[ACC]]
  %gathered = kq.accumulated %acc
  // CHECK: kq.release %[[MARK]]
  kq.release %mark
  // CHECK: %[[U:.+]] = kq.union %[[ONE]], %[[NONE]]
  %u = kq.union %one, %none
  kq.yield %u
}

// CHECK: kq.answer @all_ops on @world ["train", "test"]
kq.answer @all_ops on @world ["train", "test"]
// CHECK: kq.answer @all_ops on @world ["valid"] {arguments = ["a"], label = "t"}
kq.answer @all_ops on @world ["valid"] {arguments = ["a"], label = "t"}

// CHECK: kq.model @rot rotate "models/rot" on @world
kq.model @rot rotate "models/rot" on @world
// CHECK: kq.linkpred @rot on @world "test"{{$}}
kq.linkpred @rot on @world "test"
// CHECK: kq.linkpred @rot on @world "valid" ties realistic per [relation, direction]
kq.linkpred @rot on @world "valid" ties realistic per [relation, direction]

// CHECK: kq.query @template.2p attributes {parameters = ["entity", "relation", "relation"], pattern = {{\[}}["p1", "p0", "v1", "+"], ["p2", "v1", "v0", "+"]], text = ["?y . exists ?x . ", 1, "(", 0, ", ?x) & ", 2, "(?x, ?y)"]}
kq.query @template.2p attributes {parameters = ["entity", "relation", "relation"], pattern = [["p1", "p0", "v1", "+"], ["p2", "v1", "v0", "+"]], text = ["?y . exists ?x . ", 1, "(", 0, ", ?x) & ", 2, "(?x, ?y)"]} {
  // CHECK: %[[S:.+]] = kq.param 0
  %s = kq.param 0
  // CHECK: %[[X:.+]] = kq.project_param %[[S]] by 1
  %x = kq.project_param %s by 1
  // CHECK: kq.project_param %[[X]] by 2 inverse
  %y = kq.project_param %x by 2 inverse
  kq.yield %y
}
// CHECK: kq.sample @b from [@template.2p] on @world observed ["train"] full ["train", "test"] count 10 seed 7
kq.sample @b from [@template.2p] on @world observed ["train"] full ["train", "test"] count 10 seed 7
// CHECK: kq.sample @c from [@template.2p] on @world observed ["train"] full ["train"] count 1 seed 0 {exclude = [@b], max_answers = 5 : i64}
kq.sample @c from [@template.2p] on @world observed ["train"] full ["train"] count 1 seed 0 {exclude = [@b], max_answers = 5 : i64}

// CHECK: kq.eval @rot on @b{{$}}
kq.eval @rot on @b
// CHECK: kq.eval @rot on @b logic godel threshold 1.000000e-02 beam 16 ties optimistic seen @c ranks "r.jsonl"
kq.eval @rot on @b logic godel threshold 1.000000e-02 beam 16 ties optimistic seen @c ranks "r.jsonl"
// CHECK: kq.eval scores "p.npy" at "/data/p.npy" on @b ties pessimistic{{$}}
kq.eval scores "p.npy" at "/data/p.npy" on @b ties pessimistic
// CHECK: kq.emit @b to "b.jsonl"{{$}}
kq.emit @b to "b.jsonl"
// CHECK: kq.emit @b to "out" format betae
kq.emit @b to "out" format betae
// CHECK: kq.answer @all_ops on @world ["train"] {arguments = ["a"], label = "t", open_template = @template.2p}
kq.answer @all_ops on @world ["train"] {arguments = ["a"], label = "t", open_template = @template.2p}
// CHECK: kq.answer_batch on @world ["train"] templates [@template.2p] labels ["2p"] instance_of [0, 0] arguments {{\[}}["a", "r", "s"], ["b", "r", "s"]]
kq.answer_batch on @world ["train"] templates [@template.2p] labels ["2p"] instance_of [0, 0] arguments [["a", "r", "s"], ["b", "r", "s"]]

// CHECK: kq.quiz @z from @world ["test"] formats [tf, mc, blank, edit, open] count 10 seed 3{{$}}
kq.quiz @z from @world ["test"] formats [tf, mc, blank, edit, open] count 10 seed 3
// CHECK: kq.quiz @r from @world ["train", "valid"] formats [mc] count 2 seed 0 distractors range
kq.quiz @r from @world ["train", "valid"] formats [mc] count 2 seed 0 distractors range
// CHECK: kq.quiz @u from @world ["test"] formats [blank, edit] count 2 seed 0 keys unique{{$}}
kq.quiz @u from @world ["test"] formats [blank, edit] count 2 seed 0 keys unique
// CHECK: kq.emit @z to "quiz.jsonl"
kq.emit @z to "quiz.jsonl"

// Prompt programs.
// CHECK: kq.skill @follow teaches follow step "{input} --{relation}--> {output}" description "Walk."{{$}}
kq.skill @follow teaches follow step "{input} --{relation}--> {output}" description "Walk."
// CHECK: kq.skill @back teaches follow_back step "{output}" example uniform description "Back."
kq.skill @back teaches follow_back step "{output}" example uniform description "Back."
kq.skill @meet teaches intersect step "{inputs}: {output}" description "Meet."
kq.skill @drop teaches exclude step "{input} - {excluded} = {output}" description "Drop."
kq.skill @join teaches unite step "{inputs}: {output}" description "Join."
// CHECK: kq.skill_block @block.0 of @follow on @world ["train"] seed 3 max_shown 8
kq.skill_block @"block.0" of @follow on @world ["train"] seed 3 max_shown 8
// CHECK: kq.prompt @p over @b examples 2 seed 1 max_shown 8 {
// CHECK-NEXT: kq.prompt_case @template.2p question ["Which ?y?"] skills [@follow, @back, @meet, @drop, @join] {
// CHECK-NEXT: kq.text "Skills:"
// CHECK-NEXT: kq.skill_text @follow
// CHECK-NEXT: kq.show @block.0
// CHECK-NEXT: kq.show_skills
// CHECK-NEXT: kq.worked_examples
// CHECK-NEXT: kq.question
kq.prompt @p over @b examples 2 seed 1 max_shown 8 {
  kq.prompt_case @template.2p question ["Which ?y?"] skills [@follow, @back, @meet, @drop, @join] {
    kq.text "Skills:"
    kq.skill_text @follow
    kq.show @"block.0"
    kq.show_skills
    kq.worked_examples
    kq.question
  }
}
// CHECK: kq.emit @p to "p.jsonl"
kq.emit @p to "p.jsonl"
// CHECK: kq.llm @m openai "http://127.0.0.1:8000/v1" model "small" {concurrency = 2 : i64, temperature = 5.000000e-01 : f64}
kq.llm @m openai "http://127.0.0.1:8000/v1" model "small" {concurrency = 2 : i64, temperature = 0.5 : f64}
// CHECK: kq.ask @m on @z replies "r.jsonl"
kq.ask @m on @z replies "r.jsonl"
// CHECK: kq.ask @m on @p{{$}}
kq.ask @m on @p

// CHECK-LABEL: kq.query @traced
// CHECK-NEXT: %[[A:.+]] = kq.entity "a"
// CHECK-NEXT: kq.trace %[[A]] step 0
kq.query @traced {
  %0 = kq.entity "a"
  kq.trace %0 step 0
  kq.yield %0
}
