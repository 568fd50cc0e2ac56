//===- Passes.td - The kq optimisation passes --------------*- tablegen -*-===//
#ifndef KQ_PASSES_TD
#define KQ_PASSES_TD

include "mlir/Pass/PassBase.td"

def KQSimplify : Pass<"kq-simplify", "mlir::ModuleOp"> {
  let summary = "Algebraic simplification of kq set expressions";
  let description = [{
    Applies the kq ops' folders and canonicalisation patterns to a fixed
    point: idempotence (`a & a = a`), flattening of nested intersections and
    unions, removal of repeated inputs, absorption (`a & (a | b) = a`),
    empty and universal sets (`a & U = a`, `a | U = U`, `a \ a = {}`,
    projections and enumerations of nothing), double complement, repeated
    difference, and a projection that ends a `kq.foreach` body taken once
    after the loop (a projection distributes over union and over the
    supremum of truth vectors, in every logic).

    Each law is applied only to values of a logic that has it
    (ir/Logic.h): idempotence, repeated inputs, absorption and repeated
    difference need an idempotent logic (Boolean, Goedel); `a \ a = {}`
    needs non-contradiction (Boolean, Lukasiewicz); the rest hold in all.

    Before:
    ```mlir
    %0 = kq.intersect %a, %b
    %1 = kq.intersect %0, %b, %c
    ```
    After:
    ```mlir
    %1 = kq.intersect %a, %b, %c
    ```
  }];
  let dependentDialects = ["mlir::kq::KQDialect"];
}

def KQNormalize : Pass<"kq-normalize", "mlir::ModuleOp"> {
  let summary = "Negation normal form in set algebra: differences instead of complements";
  let description = [{
    A complement costs a pass over every entity of the graph; a difference
    costs only its inputs. This pass rewrites negations so that complements
    remain only where nothing positive stands beside them:

    - `a & !b & !c`        ->  `a \ (b | c)`
    - `a \ !b`            ->  `a & b`
    - `!a & !b`            ->  `!(a | b)`     (De Morgan: one complement, not two)
    - `!a | !b`            ->  `!(a & b)`
    - `p(a, r) | p(b, r)`  ->  `p(a | b, r)`  (one projection, not two)
    - `a & p(x, r)`        ->  `a & p(x & p(a, r^-1), r)`  when x holds a
      complement and a does not: x is restricted to a's neighbours first,
      so the complement becomes a difference (a negated atom whose two
      ends a join binds costs the bindings' neighbourhood, not every entity)

    Double negations are removed by kq-simplify. Unions are not lifted
    above projections (DNF): under Boolean semantics that repeats every
    projection above the union and never saves work. Each rule holds in
    every logic (De Morgan with the dual t-conorm and `1 - x`) except the
    last two: factoring needs a max for the union and is applied to Boolean
    and Goedel values only; the restriction to neighbours would weigh them
    twice under a fuzzy logic and is applied to Boolean sets only.

    Before:
    ```mlir
    %n = kq.complement %b
    %r = kq.intersect %a, %n
    ```
    After:
    ```mlir
    %r = kq.difference %a, %b
    ```
  }];
  let dependentDialects = ["mlir::kq::KQDialect"];
}

def KQRelax : Pass<"kq-relax", "mlir::ModuleOp"> {
  let summary = "Give every Boolean query a twin under a fuzzy logic";
  let description = [{
    One query graph serves both semantics: each Boolean `kq.query @Q`
    (values `!kq.set`) gets a copy `@Q.LOGIC` whose values are
    `!kq.truth<LOGIC>`, the same ops read as t-norm, t-conorm, `1 - x` and
    max-t-norm projection. Statements keep answering the Boolean originals.
    The other passes then apply to the twin only the laws its logic has
    (`a & a == a` under `godel`, not under `product`). Run it before them:
    a twin copies the query as it is, with whatever Boolean laws were
    applied to it already. A name `@Q.LOGIC` taken by anything but such a
    twin is an error. With `for-evals`, only the templates that `kq.eval`
    statements answer get twins, under the logic each statement names; kqc
    runs it so, first in its pipeline.

    Before:
    ```mlir
    kq.query @q {
      %0 = kq.entity "a"
      %1 = kq.project %0 by "r"
      kq.yield %1
    }
    ```
    After (`logic=product`), beside it:
    ```mlir
    kq.query @q.product {
      %0 = kq.entity "a" : !kq.truth<product>
      %1 = kq.project %0 by "r" : !kq.truth<product>
      kq.yield %1 : !kq.truth<product>
    }
    ```
  }];
  let options = [
    Option<"logicName", "logic", "std::string", /*default=*/"\"product\"",
           "The fuzzy logic of the twins: godel, product or lukasiewicz">,
    Option<"forEvals", "for-evals", "bool", /*default=*/"false",
           "Relax only the templates of the benchmarks kq.eval statements "
           "answer, each under its statement's logic (what kqc runs)">,
  ];
  let dependentDialects = ["mlir::kq::KQDialect"];
}

def KQBatchTemplates : Pass<"kq-batch-templates", "mlir::ModuleOp"> {
  let summary = "Answer template instances with one function a template";
  let description = [{
    A run of at least `min-instances` consecutive `kq.answer`s of template
    instances on the same graph and splits becomes one `kq.answer_batch`:
    each instance is a row of arguments for its template computed for any
    arguments (the `open_template` the answers name). The program then holds
    one function a template instead of one an instance, which is what
    compiling thousands of instances costs; the instances' own queries,
    unused, are removed. It runs first, so sharing (kq-share, CSE) works on
    what is left.

    Before:
    ```mlir
    kq.answer @"2p(a,r,s)" on @g ["train"] {arguments = ["a", "r", "s"], label = "2p", open_template = @template.2p}
    kq.answer @"2i(a,b,r,s)" on @g ["train"] {arguments = ["a", "b", "r", "s"], label = "2i", open_template = @template.2i}
    ```
    After:
    ```mlir
    kq.answer_batch on @g ["train"] templates [@template.2p, @template.2i] labels ["2p", "2i"]
        instance_of [0, 1] arguments [["a", "r", "s"], ["a", "b", "r", "s"]]
    ```
  }];
  let options = [
    Option<"minInstances", "min-instances", "unsigned", /*default=*/"16",
           "The fewest consecutive template instances worth a batch">,
  ];
  let dependentDialects = ["mlir::kq::KQDialect"];
}

def KQShare : Pass<"kq-share", "mlir::ModuleOp"> {
  let summary = "Share sub-queries across the queries answered on one graph view";
  let description = [{
    Consecutive `kq.answer` statements on the same graph and splits become
    one `kq.evaluate` whose body holds every query, each ending in a
    `kq.report`. Since the dialect has no variable names, sub-queries that
    are equal up to renaming of bound variables are equal ops, and CSE (which
    runs next) computes each once. Queries no statement uses any more are
    removed.

    Before:
    ```mlir
    kq.query @q1 { %0 = kq.entity "a"  %1 = kq.project %0 by "r"  kq.yield %1 }
    kq.query @q2 { %0 = kq.entity "a"  %1 = kq.project %0 by "r"
                   %2 = kq.project %1 by "s"  kq.yield %2 }
    kq.answer @q1 on @g ["train"]
    kq.answer @q2 on @g ["train"]
    ```
    After (and CSE):
    ```mlir
    kq.evaluate on @g ["train"] {
      %0 = kq.entity "a"
      %1 = kq.project %0 by "r"
      kq.report %1 as "q1"
      %2 = kq.project %1 by "s"
      kq.report %2 as "q2"
    }
    ```
  }];
  let dependentDialects = ["mlir::kq::KQDialect"];
}

def KQFuseProjections : Pass<"kq-fuse-projections", "mlir::ModuleOp"> {
  let summary = "Fuse chains of projections into one kq.path";
  let description = [{
    A projection whose input is another projection used nowhere else
    becomes one step of a `kq.path`, which follows the whole chain with one
    frontier and sorts only the final set. Runs after CSE, so shared
    prefixes of chains stay shared.

    Before:
    ```mlir
    %1 = kq.project %0 by "r"
    %2 = kq.project %1 by "s" inverse
    ```
    After:
    ```mlir
    %2 = kq.path %0 by ["r", "s"] inverse [false, true]
    ```
  }];
  let dependentDialects = ["mlir::kq::KQDialect"];
}

def KQOrderIntersections : Pass<"kq-order-intersections", "mlir::ModuleOp"> {
  let summary = "Order the inputs of intersections by estimated cardinality, smallest first";
  let description = [{
    An intersection is computed as a left fold, so its cost follows the size
    of what it carries along: starting from the smallest input keeps every
    step small. Sizes are estimated from the statistics a `kq.graph` carries
    (`statistics = {entities = N, relations = {r = array<i64: edges,
    sources, targets>}}`, attached when kqc has loaded the graph) for the
    statements of a `kq.evaluate` on it, and otherwise from the shape alone
    (an anchor is one entity, each projection multiplies by a typical
    degree, a complement or universe is everything).

    Before:
    ```mlir
    %r = kq.intersect %two_hops, %one_hop
    ```
    After:
    ```mlir
    %r = kq.intersect %one_hop, %two_hops
    ```
  }];
  let dependentDialects = ["mlir::kq::KQDialect"];
}

def KQLayOutSkills : Pass<"kq-lay-out-skills", "mlir::ModuleOp"> {
  let summary = "Puts the skills of each template's final plan into its prompts";
  let description = [{
    A prompt shows the skills its query is answered by, and its worked
    examples are solved by the plan as it is finally computed; the kq passes
    may change which operations that plan has (kq-normalize trades a
    difference from a complement for an intersection). Run after them, this
    pass replaces each `kq.show_skills` by a section for each operation the
    template's plan now uses: heading, description and a `kq.show` of a new
    `kq.skill_block` on the benchmark's full graph. The conversion to the
    runtime does the same for any left (when the pass is disabled).

    Before:
    ```mlir
    kq.show_skills
    ```
    After:
    ```mlir
    kq.text "Skill follow: "
    kq.skill_text @skill.follow
    kq.text "\nExample: "
    kq.show @block.0
    kq.text "\n\n"
    ```
  }];
  let dependentDialects = ["mlir::kq::KQDialect"];
}

def KQFoldText : Pass<"kq-fold-text", "mlir::ModuleOp"> {
  let summary = "Folds the constant text of prompts";
  let description = [{
    A skill's description is constant once the program is compiled: each
    `kq.skill_text` becomes the `kq.text` of its skill's description, and
    adjacent `kq.text` pieces of a prompt case become one, so that the
    runtime copies one string where the program wrote many.

    Before:
    ```mlir
    kq.text "Skill follow: "
    kq.skill_text @follow
    kq.text "\nExample: "
    ```
    After:
    ```mlir
    kq.text "Skill follow: Follow a relation forwards: ...\nExample: "
    ```
  }];
  let dependentDialects = ["mlir::kq::KQDialect"];
}

def KQShareSkillBlocks : Pass<"kq-share-skill-blocks", "mlir::ModuleOp"> {
  let summary = "Keeps one of each skill block that prompts show";
  let description = [{
    A skill block (`kq.skill_block`) is a skill's worked example drawn from
    a graph with a seed: blocks of the same skill, graph, splits, seed and
    `max_shown` render the same text. Every prompt case gets blocks of its
    own from the front end; this pass keeps the first of each kind, points
    every `kq.show` at it and erases the others, so each is drawn and
    rendered once however many templates and prompts show it.

    Before:
    ```mlir
    kq.skill_block @"block.0" of @follow on @fb ["train"] seed 1 max_shown 8
    kq.skill_block @"block.3" of @follow on @fb ["train"] seed 1 max_shown 8
    ```
    After:
    ```mlir
    kq.skill_block @"block.0" of @follow on @fb ["train"] seed 1 max_shown 8
    ```
  }];
  let dependentDialects = ["mlir::kq::KQDialect"];
}

#endif // KQ_PASSES_TD
