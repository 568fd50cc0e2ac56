// Every verifier of the kq dialect.
// RUN: kq-opt %s --split-input-file --verify-diagnostics

// expected-error @+1 {{'kq.graph' op needs a non-empty path}}
kq.graph @g load ""

// -----

kq.query @q {
  %a = kq.entity "a"
  // expected-error @+1 {{'kq.intersect' op needs at least two inputs}}
  %i = kq.intersect %a
  kq.yield %i
}

// -----

kq.query @q {
  %a = kq.entity "a"
  // expected-error @+1 {{'kq.union' op needs at least two inputs}}
  %u = kq.union %a
  kq.yield %u
}

// -----

// expected-error @+1 {{'kq.query' op body must end in 'kq.yield'}}
"kq.query"() ({
  %a = kq.entity "a"
  llvm.unreachable
}) {sym_name = "q"} : () -> ()

// -----

// expected-error @+1 {{'kq.query' op body takes no arguments}}
"kq.query"() ({
^bb0(%arg0: !kq.set):
  kq.yield %arg0
}) {sym_name = "q"} : () -> ()

// -----

func.func @f(%s: !kq.set) {
  // expected-error @+1 {{'kq.yield' op expects parent op to be one of 'kq.query, kq.foreach'}}
  kq.yield %s
}

// -----

kq.query @q {
  %a = kq.universe
  // expected-error @+1 {{'kq.foreach' op body takes one argument of the candidates' type, the enumerated entity}}
  %r = kq.foreach %a {
    kq.yield %a
  }
  kq.yield %r
}

// -----

kq.query @q {
  %a = kq.universe
  // expected-error @+1 {{'kq.foreach' op body must end in 'kq.yield'}}
  %r = "kq.foreach"(%a) ({
  ^bb0(%e: !kq.set):
    llvm.unreachable
  }) : (!kq.set) -> !kq.set
  kq.yield %r
}

// -----

kq.graph @g load "x"
kq.query @q {
  %a = kq.entity "a"
  kq.yield %a
}
// expected-error @+1 {{'kq.answer' op unknown split 'tain'; expected train, valid or test}}
kq.answer @q on @g ["tain"]

// -----

kq.graph @g load "x"
kq.query @q {
  %a = kq.entity "a"
  kq.yield %a
}
// expected-error @+1 {{'kq.answer' op split 'test' is named twice}}
kq.answer @q on @g ["test", "test"]

// -----

kq.graph @g load "x"
kq.query @q {
  %a = kq.entity "a"
  kq.yield %a
}
// expected-error @+1 {{'kq.answer' op needs at least one split}}
kq.answer @q on @g []

// -----

kq.graph @g load "x"
// expected-error @+1 {{'kq.answer' op 'missing' does not name a kq.query}}
kq.answer @missing on @g ["train"]

// -----

kq.query @q {
  %a = kq.entity "a"
  kq.yield %a
}
// expected-error @+1 {{'kq.answer' op 'q' does not name a kq.graph}}
kq.answer @q on @q ["train"]

// -----

kq.graph @g load "x"
// expected-error @+1 {{'kq.evaluate' op unknown split 'tests'; expected train, valid or test}}
kq.evaluate on @g ["tests"] {
}

// -----

kq.graph @g load "x"
// expected-error @+1 {{'kq.evaluate' op needs at least one split}}
kq.evaluate on @g [] {
}

// -----

// expected-error @+1 {{'kq.evaluate' op 'nowhere' does not name a kq.graph}}
kq.evaluate on @nowhere ["train"] {
}

// -----

kq.query @q {
  %a = kq.entity "a"
  // expected-error @+1 {{'kq.report' op expects parent op 'kq.evaluate'}}
  kq.report %a as "q"
  kq.yield %a
}

// -----

kq.query @q {
  %a = kq.entity "a"
  // expected-error @+1 {{'kq.path' op needs at least two relations; one is a kq.project}}
  %p = kq.path %a by ["r"] inverse [false]
  kq.yield %p
}

// -----

kq.query @q {
  %a = kq.entity "a"
  // expected-error @+1 {{'kq.path' op needs one inverse flag per relation, got 1 for 2}}
  %p = kq.path %a by ["r", "s"] inverse [false]
  kq.yield %p
}

// -----

kq.graph @g load "g"
// expected-error @+1 {{'kq.model' op needs a non-empty path}}
kq.model @m rotate "" on @g

// -----

// expected-error @+1 {{'kq.model' op 'g' does not name a kq.graph}}
kq.model @m rotate "m" on @g

// -----

kq.graph @g load "g"
kq.model @m rotate "m" on @g
// expected-error @+1 {{'kq.linkpred' op unknown split 'dev'; expected train, valid or test}}
kq.linkpred @m on @g "dev"

// -----

kq.graph @g load "g"
kq.model @m rotate "m" on @g
// expected-error @+1 {{'kq.linkpred' op 'relation' is named twice in 'per'}}
kq.linkpred @m on @g "test" per [relation, relation]

// -----

kq.graph @g load "g"
// expected-error @+1 {{'kq.linkpred' op 'm' does not name a kq.model}}
kq.linkpred @m on @g "test"

// -----

kq.graph @g load "g"
kq.graph @h load "h"
kq.model @m rotate "m" on @g
// expected-error @+1 {{'kq.linkpred' op model 'm' belongs to graph 'g', not to 'h'}}
kq.linkpred @m on @h "test"

// -----

kq.query @q {
  // expected-error @+1 {{'kq.param' op must be inside a template kq.query (one with 'parameters')}}
  %a = kq.param 0
  kq.yield %a
}

// -----

kq.query @t attributes {parameters = ["entity"]} {
  // expected-error @+1 {{'kq.param' op parameter 1 is out of range: the template has 1}}
  %a = kq.param 1
  kq.yield %a
}

// -----

kq.query @t attributes {parameters = ["relation"]} {
  // expected-error @+1 {{'kq.param' op parameter 0 is a relation, not an entity}}
  %a = kq.param 0
  kq.yield %a
}

// -----

kq.query @t attributes {parameters = ["entity", "entity"]} {
  %a = kq.param 0
  // expected-error @+1 {{'kq.project_param' op parameter 1 is an entity, not a relation}}
  %b = kq.project_param %a by 1
  kq.yield %b
}

// -----

kq.graph @g load "g"
kq.query @t attributes {parameters = ["entity"]} {
  %a = kq.param 0
  kq.yield %a
}
// expected-error @+1 {{'kq.sample' op @t is not a template with a pattern and a text}}
kq.sample @b from [@t] on @g observed ["train"] full ["train"] count 1 seed 1

// -----

kq.graph @g load "g"
// expected-error @+1 {{'kq.sample' op observed split "valid" is not part of the full graph}}
kq.sample @b from [@t] on @g observed ["valid"] full ["train"] count 1 seed 1

// -----

kq.graph @g load "g"
// expected-error @+1 {{'kq.sample' op count must be at least 1}}
kq.sample @b from [@t] on @g observed ["train"] full ["train"] count 0 seed 1

// -----

kq.graph @g load "g"
// expected-error @+1 {{'kq.sample' op @nothing does not name a kq.query}}
kq.sample @b from [@nothing] on @g observed ["train"] full ["train"] count 1 seed 1

// -----

kq.graph @g load "g"
// expected-error @+1 {{'kq.emit' op 'b' does not name a kq.sample}}
kq.emit @b to "b.jsonl"

// -----

kq.graph @g load "g"
kq.query @t attributes {parameters = ["entity"]} {
  %a = kq.param 0
  kq.yield %a
}
// expected-error @+1 {{'kq.answer_batch' op needs one template index a row of arguments, got 1 for 2}}
kq.answer_batch on @g ["train"] templates [@t] labels ["t"] instance_of [0] arguments [["a"], ["b"]]

// -----

kq.graph @g load "g"
kq.query @t attributes {parameters = ["entity"]} {
  %a = kq.param 0
  kq.yield %a
}
// expected-error @+1 {{'kq.answer_batch' op template index 1 is out of range}}
kq.answer_batch on @g ["train"] templates [@t] labels ["t"] instance_of [1] arguments [["a"]]

// -----

kq.graph @g load "g"
kq.query @t attributes {parameters = ["entity"]} {
  %a = kq.param 0
  kq.yield %a
}
// expected-error @+1 {{'kq.answer_batch' op a row of 2 arguments for a template of 1 parameters}}
kq.answer_batch on @g ["train"] templates [@t] labels ["t"] instance_of [0] arguments [["a", "b"]]

// -----

kq.graph @g load "g"
kq.query @q {
  %a = kq.entity "a"
  kq.yield %a
}
// expected-error @+1 {{'kq.answer_batch' op @q does not name a template kq.query}}
kq.answer_batch on @g ["train"] templates [@q] labels ["q"] instance_of [0] arguments [["a"]]

// -----

kq.graph @g load "g"
kq.query @q {
  %a = kq.entity "a"
  kq.yield %a
}
// expected-error @+1 {{'kq.answer' op 'q' does not name a template kq.query}}
kq.answer @q on @g ["train"] {open_template = @q}

// -----

kq.query @q {
  // expected-error @+1 {{Boolean values are !kq.set, not !kq.truth<boolean>}}
  %a = kq.entity "a" : !kq.truth<boolean>
  kq.yield %a
}

// -----

kq.query @q {
  // expected-error @+2 {{expected ::mlir::kq::Logic to be one of: boolean, godel, product, lukasiewicz}}
  // expected-error @+1 {{failed to parse KQ_TruthVectorType parameter 'logic'}}
  %a = kq.entity "a" : !kq.truth<minimum>
  kq.yield %a
}

// -----

kq.query @q {
  %a = kq.entity "a"
  // expected-note @+1 {{prior use here}}
  %b = kq.entity "b" : !kq.truth<product>
  // expected-error @+1 {{use of value '%b' expects different type than prior uses: '!kq.set' vs '!kq.truth<product>'}}
  %i = kq.intersect %a, %b
  kq.yield %i
}

// -----

kq.query @q {
  %a = kq.entity "a" : !kq.truth<godel>
  // expected-error @+1 {{'kq.project' op requires the same type for all operands and results}}
  %p = "kq.project"(%a) {relation = "r"} : (!kq.truth<godel>) -> !kq.truth<product>
  kq.yield %p : !kq.truth<product>
}

// -----

kq.query @q {
  %a = kq.entity "a" : !kq.truth<product>
  // expected-error @+1 {{'kq.entity' op computes '!kq.truth<godel>' in a query that yields '!kq.truth<product>'; a query computes under one logic}}
  %b = kq.entity "b" : !kq.truth<godel>
  kq.yield %a : !kq.truth<product>
}

// -----

kq.query @q {
  %a = kq.universe : !kq.truth<product>
  // expected-error @+1 {{'kq.foreach' op body takes one argument of the candidates' type, the enumerated entity}}
  %r = kq.foreach %a : !kq.truth<product> {
  ^bb0(%e: !kq.set):
    kq.yield %a : !kq.truth<product>
  }
  kq.yield %r : !kq.truth<product>
}

// -----

kq.query @q {
  %a = kq.universe : !kq.truth<product>
  // expected-error @+1 {{'kq.foreach' op body must yield the candidates' type}}
  %r = kq.foreach %a : !kq.truth<product> {
  ^bb0(%e: !kq.truth<product>):
    %s = kq.entity "s"
    kq.yield %s
  }
  kq.yield %r : !kq.truth<product>
}

// -----

kq.graph @g load "g"
kq.query @q {
  %a = kq.entity "a" : !kq.truth<product>
  kq.yield %a : !kq.truth<product>
}
// expected-error @+1 {{'kq.answer' op needs a Boolean query, but 'q' computes '!kq.truth<product>'}}
kq.answer @q on @g ["train"]

// -----

kq.graph @g load "g"
kq.query @t attributes {parameters = ["entity"], pattern = [], text = []} {
  %a = kq.param 0 : !kq.truth<godel>
  kq.yield %a : !kq.truth<godel>
}
// expected-error @+1 {{'kq.sample' op needs a Boolean query, but 't' computes '!kq.truth<godel>'}}
kq.sample @b from [@t] on @g observed ["train"] full ["train"] count 1 seed 1

// -----

kq.graph @g load "g"
kq.query @t attributes {parameters = ["entity"]} {
  %a = kq.param 0 : !kq.truth<godel>
  kq.yield %a : !kq.truth<godel>
}
// expected-error @+1 {{'kq.answer_batch' op needs a Boolean query, but 't' computes '!kq.truth<godel>'}}
kq.answer_batch on @g ["train"] templates [@t] labels ["t"] instance_of [0] arguments [["a"]]

// -----

kq.graph @g load "g"
// expected-error @+1 {{'kq.quiz' op format 'tf' is named twice}}
kq.quiz @z from @g ["test"] formats [tf, tf] count 1 seed 1

// -----

kq.graph @g load "g"
// expected-error @+1 {{'kq.quiz' op needs at least one format}}
kq.quiz @z from @g ["test"] formats [] count 1 seed 1

// -----

kq.graph @g load "g"
// expected-error @+1 {{'kq.quiz' op count must be at least 1}}
kq.quiz @z from @g ["test"] formats [tf] count 0 seed 1

// -----

kq.graph @g load "g"
// expected-error @+1 {{'kq.quiz' op unknown split 'tests'; expected train, valid or test}}
kq.quiz @z from @g ["tests"] formats [mc] count 1 seed 1

// -----

// expected-error @+1 {{'kq.quiz' op 'g' does not name a kq.graph}}
kq.quiz @z from @g ["test"] formats [mc] count 1 seed 1

// -----

kq.graph @g load "g"
kq.quiz @z from @g ["test"] formats [tf] count 1 seed 1
// expected-error @+1 {{'kq.emit' op a quiz or prompt set is written as JSON lines, not in format 'betae'}}
kq.emit @z to "z" format betae

// -----

// expected-error @+1 {{'kq.skill' op unknown placeholder {relation} in a step of 'unite'; it may use {output}, {inputs}}}
kq.skill @s teaches unite step "{relation}" description "d"

// -----

kq.graph @g load "g"
// expected-error @+1 {{'kq.skill_block' op 'missing' does not name a kq.skill}}
kq.skill_block @b of @missing on @g ["train"] seed 1 max_shown 8

// -----

kq.skill @s teaches unite step "{output}" description "d"
kq.graph @g load "g"
// expected-error @+1 {{'kq.skill_block' op max_shown must be at least 1}}
kq.skill_block @b of @s on @g ["train"] seed 1 max_shown 0

// -----

kq.graph @g load "g"
// expected-error @+1 {{'kq.prompt' op 'b' does not name a kq.sample}}
kq.prompt @p over @b examples 1 seed 1 max_shown 8 {
}

// -----

kq.graph @g load "g"
kq.query @template.t attributes {parameters = ["entity"], pattern = [["p0", "p0", "v0", "+"]], text = ["t"]} {
  %0 = kq.param 0
  kq.yield %0
}
kq.sample @b from [@template.t] on @g observed ["train"] full ["train"] count 1 seed 1
kq.skill @s teaches unite step "{output}" description "d"
kq.prompt @p over @b examples 1 seed 1 max_shown 8 {
  // expected-error @+1 {{'kq.prompt_case' op names 1 skills, not one for each of the 5 operations}}
  kq.prompt_case @template.t question ["q"] skills [@s] {
    kq.question
  }
}

// -----

kq.graph @g load "g"
kq.query @template.t attributes {parameters = ["entity"], pattern = [["p0", "p0", "v0", "+"]], text = ["t"]} {
  %0 = kq.param 0
  kq.yield %0
}
kq.sample @b from [@template.t] on @g observed ["train"] full ["train"] count 1 seed 1
kq.skill @s teaches unite step "{output}" description "d"
kq.prompt @p over @b examples 1 seed 1 max_shown 8 {
  // expected-error @+1 {{'kq.prompt_case' op @s teaches 'unite', not 'follow'}}
  kq.prompt_case @template.t question ["q"] skills [@s, @s, @s, @s, @s] {
    kq.question
  }
}

// -----

kq.graph @g load "g"
kq.query @template.t attributes {parameters = ["entity"], pattern = [["p0", "p0", "v0", "+"]], text = ["t"]} {
  %0 = kq.param 0
  kq.yield %0
}
kq.sample @b from [@template.t] on @g observed ["train"] full ["train"] count 1 seed 1
kq.skill @s teaches unite step "{output}" description "d"
kq.prompt @p over @b examples 1 seed 1 max_shown 8 {
  // expected-error @+1 {{'kq.prompt_case' op needs exactly one kq.question}}
  kq.prompt_case @template.t question ["q"] skills [@s, @s, @s, @s, @s] {
    kq.worked_examples
  }
}

// -----

// expected-error @+1 {{'kq.text' op expects parent op 'kq.prompt_case'}}
kq.text "loose"

// -----

// expected-error @+1 {{'kq.llm' op the endpoint must be an http:// or https:// URL}}
kq.llm @m openai "ftp://host" model "x"

// -----

kq.llm @m openai "http://host/v1" model "x"
// expected-error @+1 {{'kq.ask' op 'z' does not name a kq.quiz or a kq.prompt}}
kq.ask @m on @z

// -----

// A template's pattern atoms are [relation, subject, object, sign].
// expected-error @+1 {{'kq.query' op pattern atom ["p0", "v0", "+"] is not [relation, subject, object, sign]}}
kq.query @template.t attributes {parameters = ["relation"], pattern = [["p0", "v0", "+"]], text = ["t"]} {
  %0 = kq.universe
  kq.yield %0
}

// -----

// A text's places are indexes of the template's parameters.
// expected-error @+1 {{'kq.query' op text pieces must be strings and indexes of the template's parameters}}
kq.query @template.t attributes {parameters = ["entity"], pattern = [], text = ["?y . ", 1, "(?y, ?y)"]} {
  %0 = kq.param 0
  kq.yield %0
}

// -----

kq.graph @g load "g"
kq.query @template.t attributes {parameters = ["entity"], pattern = [["p0", "p0", "v0", "+"]], text = ["t"]} {
  %0 = kq.param 0
  kq.yield %0
}
kq.sample @b from [@template.t] on @g observed ["train"] full ["train"] count 1 seed 1
kq.skill @s teaches unite step "{output}" description "d"
kq.prompt @p over @b examples 1 seed 1 max_shown 8 {
  // expected-error @+1 {{'kq.prompt_case' op question pieces must be strings and atoms [relation, subject, object]}}
  kq.prompt_case @template.t question ["Which ", ["p0", "v?y"], "?"] skills [@s, @s, @s, @s, @s] {
    kq.question
  }
}

// -----

kq.graph @g load "g"
kq.model @m rotate "m" on @g
kq.query @t attributes {parameters = ["entity", "relation"], pattern = [["p1", "p0", "v0", "+"]], text = ["?y . ", 1, "(", 0, ", ?y)"]} {
  %s = kq.param 0
  %p = kq.project_param %s by 1
  kq.yield %p
}
kq.sample @b from [@t] on @g observed ["train"] full ["train", "test"] count 1 seed 1
// expected-error @+1 {{'kq.eval' op needs a model or a scores file, not both}}
kq.eval @m scores "p.npy" at "/p.npy" on @b

// -----

kq.graph @g load "g"
kq.model @m rotate "m" on @g
// expected-error @+1 {{'kq.eval' op needs a fuzzy logic: godel, product or lukasiewicz}}
kq.eval @m on @b logic boolean

// -----

kq.graph @g load "g"
kq.model @m rotate "m" on @g
// expected-error @+1 {{'kq.eval' op threshold 1.000000e+00 is not in [0, 1)}}
kq.eval @m on @b threshold 1.0

// -----

kq.graph @g load "g"
kq.model @m rotate "m" on @g
// expected-error @+1 {{'kq.eval' op 'b' does not name a kq.sample}}
kq.eval @m on @b

// -----

kq.graph @g load "g"
kq.graph @h load "h"
kq.model @m rotate "m" on @h
kq.query @t attributes {parameters = ["entity", "relation"], pattern = [["p1", "p0", "v0", "+"]], text = ["?y . ", 1, "(", 0, ", ?y)"]} {
  %s = kq.param 0
  %p = kq.project_param %s by 1
  kq.yield %p
}
kq.sample @b from [@t] on @g observed ["train"] full ["train", "test"] count 1 seed 1
// expected-error @+1 {{'kq.eval' op model 'm' belongs to graph 'h', not to the benchmark's 'g'}}
kq.eval @m on @b

// -----

kq.graph @g load "g"
kq.model @m rotate "m" on @g
kq.query @t attributes {parameters = ["entity", "relation"], pattern = [["p1", "p0", "v0", "+"]], text = ["?y . ", 1, "(", 0, ", ?y)"]} {
  %s = kq.param 0
  %p = kq.project_param %s by 1
  kq.yield %p
}
kq.sample @b from [@t] on @g observed ["train"] full ["train", "test"] count 1 seed 1
// expected-error @+1 {{'kq.eval' op @t does not name a kq.query of '!kq.truth<product>'}}
kq.eval @m on @b with [@t]
