//===- KQOps.td - Operations of the kq dialect -------------*- tablegen -*-===//
#ifndef KQ_OPS_TD
#define KQ_OPS_TD

include "ir/KQBase.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Declarations and statements
//===----------------------------------------------------------------------===//

def KQ_GraphOp : KQ_Op<"graph", [Symbol]> {
  let summary = "declares a knowledge graph loaded from a folder";
  let description = [{
    Names a graph stored as `train.txt`, `valid.txt` and `test.txt` (one
    `head<TAB>relation<TAB>tail` triple a line) in the folder `path`. The
    graph is loaded where the op stands among the statements. `labels`
    names a file of `name<TAB>text` lines: how entities read in prompts,
    and how relations do (a text with `{h}` and `{t}` is a template).

    ```mlir
    kq.graph @world load "examples/world"
    kq.graph @fb load "data/FB15k-237" labels "data/fb-labels.tsv"
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, StrAttr:$path,
                       OptionalAttr<StrAttr>:$labels,
                       OptionalAttr<DictionaryAttr>:$statistics);
  let assemblyFormat = "$sym_name `load` $path (`labels` $labels^)? attr-dict";
  let hasVerifier = 1;
}

def KQ_QueryOp : KQ_Op<"query", [Symbol, IsolatedFromAbove]> {
  let summary = "a query: the set of entities that satisfy a formula";
  let description = [{
    The body computes the answer set from anchors and set operations and ends
    in `kq.yield`. A query is independent of any graph; `kq.answer` evaluates
    it on one.

    A template (`parameters` lists each parameter's kind, `entity` or
    `relation`) is computed once for any arguments: `kq.param` and
    `kq.project_param` stand for them, and the arguments are given when it
    runs. `pattern` (its atoms, each `[relation, subject, object, sign]`,
    for grounding) and `text` (the formula as pieces: strings, and the
    index of each parameter where it stands) serve `kq.sample`; `structure`, the query
    structure of BetaE's data sets when the template is one of
    std/betae.kq's, and `fit_formula`, its formula string in FIT's syntax
    when that can say it, serve `kq.emit` in those formats.

    The type its body yields is its semantics: `!kq.set` for exact answers,
    `!kq.truth<LOGIC>` for fuzzy ones (kq-relax makes the latter from the
    former, so one query graph serves both). Every value in the body has
    that type.

    ```mlir
    kq.query @grandparents {
      %0 = kq.entity "alice"
      %1 = kq.project %0 by "parent"
      %2 = kq.project %1 by "parent"
      kq.yield %2
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name,
                       OptionalAttr<StrArrayAttr>:$parameters,
                       OptionalAttr<TypedArrayAttrBase<StrArrayAttr,
                                    "atoms, each [relation, subject, object, sign]">>:$pattern,
                       OptionalAttr<ArrayAttr>:$text,
                       OptionalAttr<StrAttr>:$structure,
                       OptionalAttr<StrAttr>:$fit_formula);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$sym_name attr-dict-with-keyword $body";
  let hasRegionVerifier = 1;
  let extraClassDeclaration = [{
    /// What the query computes: `!kq.set` (Boolean) or `!kq.truth<LOGIC>`.
    ::mlir::Type getValueType();
  }];
  let builders = [
    // A query that is not a template.
    OpBuilder<(ins "::llvm::StringRef":$sym_name), [{
      build($_builder, $_state, sym_name, nullptr, nullptr, nullptr, nullptr, nullptr);
    }]>,
  ];
}

def KQ_YieldOp : KQ_Op<"yield", [Pure, Terminator, ReturnLike,
                                  ParentOneOf<["QueryOp", "ForEachOp"]>]> {
  let summary = "returns the set a query or a kq.foreach body computes";
  let description = [{
    ```mlir
    kq.yield %answers
    ```
  }];
  let arguments = (ins KQ_QueryValueType:$result);
  let assemblyFormat = "$result attr-dict `` custom<Semantics>(type($result))";
}

def KQ_AnswerOp : KQ_Op<"answer", [DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "computes and reports the exact answers of a query";
  let description = [{
    Evaluates the query on the graph made of the union of the named splits
    and writes one `answer` record. `label` is the query's name as the program
    wrote it and `arguments` the template arguments, for the record;
    `open_template`, when set, names the template computed for any arguments
    that the query is an instance of (kq-batch-templates uses it).

    ```mlir
    kq.answer @grandparents on @world ["train", "valid"]
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$query, FlatSymbolRefAttr:$graph,
                       StrArrayAttr:$splits, OptionalAttr<StrAttr>:$label,
                       OptionalAttr<StrArrayAttr>:$arguments,
                       OptionalAttr<FlatSymbolRefAttr>:$open_template);
  let assemblyFormat = "$query `on` $graph $splits attr-dict";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The query name to report: the label when there is one.
    ::llvm::StringRef getReportedName() {
      return getLabel() ? *getLabel() : getQuery();
    }
  }];
}

def KQ_ModelOp : KQ_Op<"model", [Symbol,
                                   DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "declares a trained link predictor of a graph";
  let description = [{
    A model of one of the families `transe`, `distmult`, `complex`, `rotate`,
    stored in the folder `path` as the RotatE code base writes it
    (`config.json`, `entity_embedding.npy`, `relation_embedding.npy`), with
    one row per entity and relation of `graph`. It is read where the op
    stands among the statements.

    ```mlir
    kq.model @rot rotate "data/kinship/RotatE_500" on @kin
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, KQ_ModelFamilyAttr:$family, StrAttr:$path,
                       FlatSymbolRefAttr:$graph);
  let assemblyFormat = "$sym_name $family $path `on` $graph attr-dict";
  let hasVerifier = 1;
}

def KQ_LinkPredOp : KQ_Op<"linkpred", [DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "filtered link-prediction evaluation of a model on a split";
  let description = [{
    Ranks, for every triple of `split`, the true tail among all entities for
    (head, relation, ?) and the true head for (?, relation, tail), leaving
    out every other entity that forms a triple of the graph in any split;
    rank = 1 + the number of entities scoring strictly higher (`optimistic`),
    + those scoring equal (`pessimistic`), or the mean of the two
    (`realistic`). Writes one `linkpred` record, then one per relation
    and/or direction when `per` asks for it.

    ```mlir
    kq.linkpred @rot on @kin "test" ties realistic per [direction]
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$model, FlatSymbolRefAttr:$graph, StrAttr:$split,
                       DefaultValuedAttr<KQ_TiePolicyAttr,
                                         "::mlir::kq::TiePolicy::Optimistic">:$ties,
                       DefaultValuedAttr<KQ_BreakdownArrayAttr, "{}">:$per);
  let assemblyFormat = [{
    $model `on` $graph $split (`ties` $ties^)? (`per` custom<Breakdowns>($per)^)? attr-dict
  }];
  let hasVerifier = 1;
}

def KQ_EvalOp : KQ_Op<"eval", [DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "answers a benchmark with a link predictor and measures the hard answers";
  let description = [{
    Scores every entity for every instance of benchmark `bench` with the
    fuzzy twin of its template under `logic` (made by kq-relax): atoms on
    the observed graph are 1, the others the model's calibrated, thresholded
    truth (LANGUAGE.md, "Neural query answering"). `beam` (0: exact) keeps
    each existential variable's K best candidates. With `scores` instead of
    `model`, the rows of that `.npy` file (named `scores` in the program,
    found at `scores_path`) are the scores. Ranks each hard
    answer against the entities that are no answer, with `ties`, and writes
    one `eval` record a template (marked seen when benchmark `seen` has the
    type), then the seen and unseen means and the mean of all; `ranks`
    names a file for each instance's ranks and best predictions. `twins`,
    set by kq-relax, names the fuzzy twins, one a template of the bench.

    ```mlir
    kq.eval @rot on @b
    kq.eval scores "preds.npy" at "/data/preds.npy" on @b ties optimistic
    kq.eval @rot on @b logic godel threshold 1.000000e-02 beam 16 seen @train
    ```
  }];
  let arguments = (ins OptionalAttr<FlatSymbolRefAttr>:$model, OptionalAttr<StrAttr>:$scores,
                       OptionalAttr<StrAttr>:$scores_path, FlatSymbolRefAttr:$bench,
                       DefaultValuedAttr<KQ_LogicAttr, "::mlir::kq::Logic::product">:$logic,
                       DefaultValuedAttr<F64Attr, "0.005">:$threshold,
                       DefaultValuedAttr<I64Attr, "0">:$beam,
                       DefaultValuedAttr<KQ_TiePolicyAttr,
                                         "::mlir::kq::TiePolicy::Realistic">:$ties,
                       OptionalAttr<FlatSymbolRefAttr>:$seen, OptionalAttr<StrAttr>:$ranks,
                       OptionalAttr<FlatSymbolRefArrayAttr>:$twins);
  let assemblyFormat = [{
    ($model^)? (`scores` $scores^ `at` $scores_path)? `on` $bench (`logic` $logic^)?
    (`threshold` $threshold^)? (`beam` $beam^)? (`ties` $ties^)? (`seen` $seen^)?
    (`ranks` $ranks^)? (`with` $twins^)? attr-dict
  }];
  let hasVerifier = 1;
}

def KQ_SampleOp : KQ_Op<"sample", [Symbol,
                                     DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "grounds templates into a benchmark with easy and hard answers";
  let description = [{
    Grounds each template `count` times on `graph`: a random walk over the
    full graph (the union of `full`) binds the parameters, and an instance is
    kept when it has a hard answer (entailed by the full graph and not by the
    observed one, the union of `observed`), has at most `max_answers` answers
    (when not 0), and equals no instance kept before nor one of the
    benchmarks in `exclude`. The same seed gives the same instances.

    ```mlir
    kq.sample @b from [@"template.2p", @"template.2in"] on @fb
        observed ["train"] full ["train", "valid", "test"] count 1000 seed 7
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, FlatSymbolRefArrayAttr:$templates,
                       FlatSymbolRefAttr:$graph, StrArrayAttr:$observed, StrArrayAttr:$full,
                       I64Attr:$count, I64Attr:$seed,
                       DefaultValuedAttr<I64Attr, "0">:$max_answers,
                       OptionalAttr<FlatSymbolRefArrayAttr>:$exclude);
  let assemblyFormat = [{
    $sym_name `from` $templates `on` $graph `observed` $observed `full` $full
    `count` $count `seed` $seed attr-dict
  }];
  let hasVerifier = 1;
}

def KQ_QuizOp : KQ_Op<"quiz", [Symbol, DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "draws KGQuiz items with answer keys from a graph's facts";
  let description = [{
    `count` items of each of `formats` (`tf`, `mc`, `blank`, `edit`,
    `open`, in this order) from the facts of the union of `splits`, with
    answer keys the graph guarantees: a false statement's fact, a
    multiple-choice distractor's fact and an edit's wrong facts are in no
    split. `distractors` chooses multiple-choice distractors: `random`
    entities, entities in the relation's `range`, or entities in the head's
    `neighbourhood` (two edges). `keys` says which facts blank and edit
    items ask about: `all` (each item lists every right answer) or `unique`
    (only facts with one right answer). The same seed gives the same items.

    ```mlir
    kq.quiz @z from @kin ["test"] formats [tf, mc, blank, edit, open] count 10 seed 3
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, FlatSymbolRefAttr:$graph,
                       StrArrayAttr:$splits, KQ_QuizFormatArrayAttr:$formats, I64Attr:$count,
                       I64Attr:$seed,
                       DefaultValuedAttr<KQ_DistractorsAttr,
                                         "::mlir::kq::Distractors::Random">:$distractors,
                       DefaultValuedAttr<KQ_QuizKeysAttr, "::mlir::kq::QuizKeys::All">:$keys);
  let assemblyFormat = [{
    $sym_name `from` $graph $splits `formats` custom<QuizFormats>($formats) `count` $count
    `seed` $seed (`distractors` $distractors^)? (`keys` $keys^)? attr-dict
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Prompt programs: skills, prompts and language models
//===----------------------------------------------------------------------===//

def KQ_SkillOp : KQ_Op<"skill", [Symbol]> {
  let summary = "a basic skill of Skills-in-Context prompts";
  let description = [{
    Teaches one operation a query is answered by (`teaches`: `follow`,
    `follow_back`, `intersect`, `exclude`, `unite`). `description` says
    what it does; `step` is the text of one application, with placeholders
    filled when it is rendered (`{relation}`, `{input}`, `{output}` for the
    follows; `{inputs}`, `{output}` for intersect and unite; `{input}`,
    `{excluded}`, `{output}` for exclude); `example` says how its worked
    example is drawn from a graph (`random`: a random fact; `uniform`: a
    relation drawn uniformly first).

    ```mlir
    kq.skill @follow teaches follow step "following \"{relation}\" from X in {input} gives Y in {output}"
        description "Follow a relation forwards: ..."
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, KQ_SkillOperationAttr:$teaches, StrAttr:$step,
                       StrAttr:$description,
                       DefaultValuedAttr<KQ_SkillExampleAttr,
                                         "::mlir::kq::SkillExample::Random">:$example);
  let assemblyFormat = [{
    $sym_name `teaches` $teaches `step` $step (`example` $example^)? `description` $description
    attr-dict
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// What is wrong with `step` as the step of a skill teaching
    /// `operation` (an unknown or unclosed placeholder), or "".
    static std::string checkStep(SkillOperation operation, ::llvm::StringRef step);
  }];
}

def KQ_SkillBlockOp : KQ_Op<"skill_block", [Symbol,
                                             DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "a skill's worked example, drawn from a graph";
  let description = [{
    One step of `skill` applied to sets drawn from the union of `splits` of
    `graph` with `seed`, listing at most `max_shown` entities a set. Prompts
    show it with `kq.show`; kq-share-skill-blocks keeps one of each.

    ```mlir
    kq.skill_block @"block.0" of @follow on @fb ["train", "valid", "test"] seed 1 max_shown 8
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, FlatSymbolRefAttr:$skill,
                       FlatSymbolRefAttr:$graph, StrArrayAttr:$splits, I64Attr:$seed,
                       I64Attr:$max_shown);
  let assemblyFormat = [{
    $sym_name `of` $skill `on` $graph $splits `seed` $seed `max_shown` $max_shown attr-dict
  }];
  let hasVerifier = 1;
}

def KQ_PromptOp : KQ_Op<"prompt", [Symbol, NoTerminator, SingleBlock,
                                    DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "Skills-in-Context prompts for the instances of a benchmark";
  let description = [{
    Renders one prompt for every instance of `bench`, with the
    `kq.prompt_case` of its template, `examples` composed worked examples
    (groundings of the same template on the benchmark's full graph drawn
    with `seed`, solved step by step) and the answers of the instance on the
    full graph. A worked example lists at most `max_shown` entities a set.

    ```mlir
    kq.prompt @p over @b examples 2 seed 1 max_shown 8 {
      kq.prompt_case @"template.2p" question "..." skills [...] { ... }
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, FlatSymbolRefAttr:$bench, I64Attr:$examples,
                       I64Attr:$seed, I64Attr:$max_shown);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $sym_name `over` $bench `examples` $examples `seed` $seed `max_shown` $max_shown
    attr-dict-with-keyword $body
  }];
  let hasVerifier = 1;
}

def KQ_PromptCaseOp : KQ_Op<"prompt_case", [HasParent<"PromptOp">, NoTerminator, SingleBlock,
                                             DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "the prompt of the instances of one template";
  let description = [{
    The body lists the prompt's pieces in order: `kq.text`, `kq.skill_text`,
    `kq.show`, `kq.worked_examples` and one `kq.question`. `question` is
    the template's formula in words: strings, and each atom as its
    `[relation, subject, object]` for the runtime to word; `skills` names the skill of each operation
    in `kq.skill`'s order (follow, follow_back, intersect, exclude, unite),
    which the steps of worked examples are told by.
  }];
  let arguments = (ins FlatSymbolRefAttr:$of, ArrayAttr:$question,
                       FlatSymbolRefArrayAttr:$skills);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $of `question` $question `skills` $skills attr-dict-with-keyword $body
  }];
  let hasVerifier = 1;
}

class KQ_PromptPieceOp<string mnemonic, list<Trait> traits = []>
    : KQ_Op<mnemonic, !listconcat(traits, [HasParent<"PromptCaseOp">])>;

def KQ_TextOp : KQ_PromptPieceOp<"text"> {
  let summary = "constant text of a prompt";
  let arguments = (ins StrAttr:$text);
  let assemblyFormat = "$text attr-dict";
}

def KQ_SkillTextOp : KQ_PromptPieceOp<"skill_text",
                                      [DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "the description of a skill, folded into text by kq-fold-text";
  let arguments = (ins FlatSymbolRefAttr:$skill);
  let assemblyFormat = "$skill attr-dict";
}

def KQ_ShowOp : KQ_PromptPieceOp<"show", [DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "the worked example of a skill block";
  let arguments = (ins FlatSymbolRefAttr:$block);
  let assemblyFormat = "$block attr-dict";
}

def KQ_ShowSkillsOp : KQ_PromptPieceOp<"show_skills"> {
  let summary = "where the skills of the template's final plan go";
  let description = [{
    kq-lay-out-skills replaces it, once the kq passes have settled the
    plan, by a section for each operation the plan uses: the skill's
    heading, its `kq.skill_text` and a `kq.show` of a new skill block.
  }];
  let assemblyFormat = "attr-dict";
}

def KQ_WorkedExamplesOp : KQ_PromptPieceOp<"worked_examples"> {
  let summary = "the composed worked examples of an instance, solved step by step";
  let assemblyFormat = "attr-dict";
}

def KQ_QuestionOp : KQ_PromptPieceOp<"question"> {
  let summary = "the question: the instance's formula in words";
  let assemblyFormat = "attr-dict";
}

def KQ_TraceOp : KQ_Op<"trace", [MemoryEffects<[MemWrite]>]> {
  let summary = "records the set of one step of a traced template";
  let description = [{
    The conversion to the runtime makes a traced copy of each template a
    prompt renders: after each step, `kq.trace` hands its set to the
    runtime, which writes the worked examples from them.
  }];
  let arguments = (ins KQ_EntitySetType:$set, I32Attr:$step);
  let assemblyFormat = "$set `step` $step attr-dict";
}

def KQ_LlmOp : KQ_Op<"llm", [Symbol]> {
  let summary = "declares a language model behind an OpenAI-compatible endpoint";
  let description = [{
    `endpoint` is the API's base URL (`.../v1`); requests go to
    `endpoint/chat/completions` with `model`, `temperature` and
    `max_tokens`, at most `concurrency` at a time, each given `timeout`
    seconds and `retries` more tries, with back-off. `api_key_env` names an
    environment variable holding a bearer token.

    ```mlir
    kq.llm @m openai "http://127.0.0.1:8000/v1" model "small"
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, StrAttr:$endpoint, StrAttr:$model,
                       DefaultValuedAttr<F64Attr, "0.0">:$temperature,
                       DefaultValuedAttr<I64Attr, "256">:$max_tokens,
                       DefaultValuedAttr<I64Attr, "4">:$concurrency,
                       DefaultValuedAttr<F64Attr, "60.0">:$timeout,
                       DefaultValuedAttr<I64Attr, "3">:$retries,
                       DefaultValuedStrAttr<StrAttr, "">:$api_key_env);
  let assemblyFormat = "$sym_name `openai` $endpoint `model` $model attr-dict";
  let hasVerifier = 1;
}

def KQ_AskOp : KQ_Op<"ask", [DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "asks a language model the prompts of a quiz or prompt set, and scores it";
  let description = [{
    Sends every prompt of `source` (a `kq.quiz` or `kq.prompt`) to `llm`,
    through an on-disk cache keyed by endpoint, model, prompt and
    parameters, and writes one `score` record: accuracy for tf and mc,
    exact match and token F1 for blank and edit, precision and recall of
    facts for open, Hits@1/3/10 and exact set match for query prompts.
    With `replies`, each reply and its scores go to that file.

    ```mlir
    kq.ask @m on @z replies "replies.jsonl"
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$llm, FlatSymbolRefAttr:$source,
                       DefaultValuedStrAttr<StrAttr, "">:$replies);
  let assemblyFormat = "$llm `on` $source (`replies` $replies^)? attr-dict";
}

def KQ_EmitOp : KQ_Op<"emit", [DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "writes a benchmark or a quiz to a file, one JSON object a line";
  let description = [{
    Each instance of `source` as
    `{"type": T, "query": Q, "easy": [...], "hard": [...]}`, `Q` the grounded
    formula in kq syntax, answers sorted by their UTF-8 bytes. With
    `format betae`, `path` is a folder that gets BetaE's pickles:
    `NAME-queries.pkl` ({structure: {query}}), `NAME-easy-answers.pkl` and
    `NAME-hard-answers.pkl` ({query: {entity id}}), and the id maps
    `ent2id.pkl`, `id2ent.pkl`, `rel2id.pkl`, `id2rel.pkl`. With `format
    fit`, the folder gets FIT's `NAME-qaa.json`, which maps each formula to
    a list of (grounding, easy, hard) triples: the grounding maps s1, r1,
    ... to ids, each answer set maps f to a list of ids; and the same id
    maps. Files appear complete or not at all. A quiz (`kq.quiz`) is
    written as its items' JSON lines, in `jsonl` only.

    ```mlir
    kq.emit @b to "b.jsonl"
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$source, StrAttr:$path,
                       DefaultValuedAttr<KQ_EmitFormatAttr,
                                         "::mlir::kq::EmitFormat::JSONL">:$format);
  let assemblyFormat = "$source `to` $path (`format` $format^)? attr-dict";
}

def KQ_AnswerBatchOp : KQ_Op<"answer_batch",
                              [DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "answers many template instances, one function a template";
  let description = [{
    The consecutive `kq.answer`s of template instances on one graph view:
    instance i is of template `templates[instance_of[i]]` (reported under
    `labels[...]`) with the names of row i of `arguments`. Each template,
    computed for any arguments, runs once a row, and each row writes the
    record its `kq.answer` would have written, in order. kq-batch-templates
    makes it.

    ```mlir
    kq.answer_batch on @fb ["train"] templates [@template.2p, @template.2i]
        labels ["2p", "2i"] instance_of [0, 1, 0]
        arguments [["a", "r1", "r2"], ["a", "b", "r1", "r3"], ["c", "r1", "r3"]]
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$graph, StrArrayAttr:$splits,
                       FlatSymbolRefArrayAttr:$templates, StrArrayAttr:$labels,
                       DenseI32ArrayAttr:$instance_of,
                       TypedArrayAttrBase<StrArrayAttr, "argument rows">:$arguments);
  let assemblyFormat = [{
    `on` $graph $splits `templates` $templates `labels` $labels `instance_of` $instance_of
    `arguments` $arguments attr-dict
  }];
  let hasVerifier = 1;
}

def KQ_EvaluateOp : KQ_Op<"evaluate", [NoTerminator, SingleBlock,
                                       DeclareOpInterfaceMethods<SymbolUserOpInterface>]> {
  let summary = "answers several queries on one graph view, sharing their sub-queries";
  let description = [{
    The statement kq-share makes of consecutive `kq.answer`s on the same
    graph and splits: the queries' bodies side by side, each result handed
    to a `kq.report`, so that equal sub-queries are computed once.

    ```mlir
    kq.evaluate on @world ["train"] {
      %0 = kq.entity "berlin"
      %1 = kq.project %0 by "lives_in" inverse
      kq.report %1 as "berliners"
    }
    ```
  }];
  let arguments = (ins FlatSymbolRefAttr:$graph, StrArrayAttr:$splits);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "`on` $graph $splits attr-dict-with-keyword $body";
  let hasVerifier = 1;
}

def KQ_ReportOp : KQ_Op<"report", [HasParent<"EvaluateOp">]> {
  let summary = "writes the answer record of one query in a kq.evaluate";
  let description = [{
    `label` is the query's name as written, `arguments` its template
    arguments.

    ```mlir
    kq.report %answers as "2p" {arguments = ["a", "r", "s"]}
    ```
  }];
  let arguments = (ins KQ_EntitySetType:$answers, StrAttr:$label,
                       OptionalAttr<StrArrayAttr>:$arguments);
  let assemblyFormat = "$answers `as` $label attr-dict";
}

//===----------------------------------------------------------------------===//
// Set operations inside a query
//===----------------------------------------------------------------------===//

def KQ_EntityOp : KQ_Op<"entity", [Pure]> {
  let summary = "an anchor: the set holding one named entity";
  let description = [{
    ```mlir
    %alice = kq.entity "alice"
    ```
  }];
  let arguments = (ins StrAttr:$name);
  let results = (outs KQ_QueryValueType:$result);
  let assemblyFormat = "$name attr-dict `` custom<Semantics>(type($result))";
}

def KQ_ProjectOp : KQ_Op<"project", [Pure, SameOperandsAndResultType]> {
  let summary = "relation projection: the entities one edge away";
  let description = [{
    Forward: `{t | exists h in input . (h, relation, t)}`; with `inverse`:
    `{h | exists t in input . (h, relation, t)}`. This is existential
    elimination of the variable the input set stands for. On truth vectors,
    `t(y) = max_x T(input(x), truth(x, relation, y))` with the logic's
    t-norm T.

    ```mlir
    %children = kq.project %parents by "parent"
    %parents  = kq.project %children by "parent" inverse
    ```
  }];
  let arguments = (ins KQ_QueryValueType:$input, StrAttr:$relation, UnitAttr:$inverse);
  let results = (outs KQ_QueryValueType:$result);
  let assemblyFormat =
      "$input `by` $relation (`inverse` $inverse^)? attr-dict `` custom<Semantics>(type($result))";
  let hasFolder = 1;
}

def KQ_ParamOp : KQ_Op<"param", [Pure]> {
  let summary = "an anchor given as an argument of a template";
  let description = [{
    The set holding the entity bound to parameter `index` of the enclosing
    template `kq.query`.

    ```mlir
    %s1 = kq.param 0
    ```
  }];
  let arguments = (ins I32Attr:$index);
  let results = (outs KQ_QueryValueType:$result);
  let assemblyFormat = "$index attr-dict `` custom<Semantics>(type($result))";
  let hasVerifier = 1;
}

def KQ_ProjectParamOp : KQ_Op<"project_param", [Pure, SameOperandsAndResultType]> {
  let summary = "relation projection by a relation given as an argument";
  let description = [{
    `kq.project` by the relation bound to parameter `index` of the enclosing
    template `kq.query`.

    ```mlir
    %tails = kq.project_param %s1 by 1
    %heads = kq.project_param %s1 by 1 inverse
    ```
  }];
  let arguments = (ins KQ_QueryValueType:$input, I32Attr:$index, UnitAttr:$inverse);
  let results = (outs KQ_QueryValueType:$result);
  let assemblyFormat =
      "$input `by` $index (`inverse` $inverse^)? attr-dict `` custom<Semantics>(type($result))";
  let hasVerifier = 1;
}

def KQ_PathOp : KQ_Op<"path", [Pure, SameOperandsAndResultType]> {
  let summary = "a chain of relation projections, computed as one";
  let description = [{
    The projection of `input` by each relation in turn (backwards where
    `inverse` says so). kq-fuse-projections makes it from chains of
    `kq.project` whose intermediate sets serve nothing else, so the
    intermediate frontiers are never sorted or materialised as sets.

    ```mlir
    %grandchildren = kq.path %people by ["parent", "parent"] inverse [false, false]
    ```
  }];
  let arguments = (ins KQ_QueryValueType:$input, StrArrayAttr:$relations,
                       DenseBoolArrayAttr:$inverse);
  let results = (outs KQ_QueryValueType:$result);
  let assemblyFormat =
      "$input `by` $relations `inverse` $inverse attr-dict `` custom<Semantics>(type($result))";
  let hasVerifier = 1;
}

class KQ_SetCombineOp<string mnemonic, string what>
    : KQ_Op<mnemonic, [Pure, Commutative, SameOperandsAndResultType]> {
  let summary = what # " of two or more entity sets or truth vectors";
  let arguments = (ins Variadic<KQ_QueryValueType>:$inputs);
  let results = (outs KQ_QueryValueType:$result);
  let assemblyFormat = "$inputs attr-dict `` custom<Semantics>(type($result))";
  let hasVerifier = 1;
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def KQ_IntersectOp : KQ_SetCombineOp<"intersect", "intersection"> {
  let description = [{
    The entities in every input (conjunction of the inputs' formulas); on
    truth vectors, the logic's t-norm entity by entity.

    ```mlir
    %both = kq.intersect %a, %b
    %fuzzy = kq.intersect %x, %y : !kq.truth<product>
    ```
  }];
}

def KQ_UnionOp : KQ_SetCombineOp<"union", "union"> {
  let description = [{
    The entities in at least one input (disjunction); on truth vectors,
    the t-conorm dual to the logic's t-norm.

    ```mlir
    %either = kq.union %a, %b
    ```
  }];
}

def KQ_SelfLoopsOp : KQ_Op<"self_loops", [Pure]> {
  let summary = "the entities related to themselves";
  let description = [{
    `{x | (x, relation, x)}`: the values of `?x` in an atom `r(?x, ?x)`.

    ```mlir
    %reflexive = kq.self_loops "similar_to"
    ```
  }];
  let arguments = (ins StrAttr:$relation);
  let results = (outs KQ_QueryValueType:$result);
  let assemblyFormat = "$relation attr-dict `` custom<Semantics>(type($result))";
}

def KQ_UniverseOp : KQ_Op<"universe", [Pure]> {
  let summary = "every entity of the graph";
  let description = [{
    The values of a variable that nothing constrains, such as the leaf of
    `exists ?e . r(?e, ?f)`.

    ```mlir
    %all = kq.universe
    ```
  }];
  let results = (outs KQ_QueryValueType:$result);
  let assemblyFormat = "attr-dict `` custom<Semantics>(type($result))";
}

def KQ_ForEachOp : KQ_Op<"foreach", [RecursiveMemoryEffects, SameOperandsAndResultType]> {
  let summary = "enumerates the bindings of a variable: the union over its candidates";
  let description = [{
    Evaluates the body once for every entity of `candidates`, with the block
    argument bound to the set holding just that entity, and returns the union
    of what the bodies yield. This is how a query graph with a cycle, a
    multi-edge, or a negation between two variables is answered exactly: the
    enumerated variable becomes an anchor, and what remains is a tree.
    On truth vectors, each entity c with a degree above 0 is bound to its
    one-hot vector and the result is `max_c T(candidates(c), body(c))`:
    the existential quantifier as a supremum. With `domain`, the candidates
    only bound the enumeration (the ends of atoms that the body states
    again), so their degrees do not weigh in: `max_c body(c)`. Without it a
    t-norm that is not idempotent, the product, would count those atoms
    twice.

    ```mlir
    %answers = kq.foreach %candidates {
    ^bb0(%e: !kq.set):
      %a = kq.project %e by "r2"
      %b = kq.project %e by "r3"
      %both = kq.intersect %a, %b
      kq.yield %both
    }
    ```
  }];
  let arguments = (ins KQ_QueryValueType:$candidates, UnitAttr:$domain);
  let results = (outs KQ_QueryValueType:$result);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$candidates `` custom<Semantics>(type($result)) (`domain` $domain^)? "
                       "attr-dict-with-keyword $body";
  let hasRegionVerifier = 1;
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}

def KQ_GuardOp : KQ_Op<"guard", [Pure, SameOperandsAndResultType]> {
  let summary = "a set, or nothing when a condition set is empty";
  let description = [{
    `value` when `condition` holds an entity, the empty set otherwise: a
    condition that only mentions enumerated variables and constants (such
    as `city_in(?c, germany)` while `?c` is bound by a `kq.foreach`) is
    true or false for the whole iteration. On truth vectors the result is
    `T(value(y), max_x condition(x))`.

    ```mlir
    %kept = kq.guard %answers if %witness
    ```
  }];
  let arguments = (ins KQ_QueryValueType:$value, KQ_QueryValueType:$condition);
  let results = (outs KQ_QueryValueType:$result);
  let assemblyFormat = "$value `if` $condition attr-dict `` custom<Semantics>(type($result))";
  let hasFolder = 1;
}

def KQ_AccumulateOp : KQ_Op<"accumulate", [MemoryEffects<[MemWrite]>]> {
  let summary = "adds a set's ids to an accumulator in place";
  let description = [{
    The union a lowered `kq.foreach` builds up: each iteration appends its
    answers to the accumulator (in no order, repeats kept), so an iteration
    costs its own answers, not the union so far; `kq.accumulated` makes a
    set of them once the loop ends. Returns the accumulator.

    ```mlir
    %acc2 = kq.accumulate %acc, %answers
    ```
  }];
  let arguments = (ins KQ_EntitySetType:$accumulator, KQ_EntitySetType:$input);
  let results = (outs KQ_EntitySetType:$result);
  let assemblyFormat = "$accumulator `,` $input attr-dict";
}

def KQ_AccumulatedOp : KQ_Op<"accumulated", [MemoryEffects<[MemWrite]>]> {
  let summary = "the set of the ids an accumulator gathered";
  let description = [{
    Sorts the ids `kq.accumulate` appended and keeps one of each, in place:
    the result of a lowered `kq.foreach`.

    ```mlir
    %all = kq.accumulated %acc
    ```
  }];
  let arguments = (ins KQ_EntitySetType:$accumulator);
  let results = (outs KQ_EntitySetType:$result);
  let assemblyFormat = "$accumulator attr-dict";
}

def KQ_CheckpointOp : KQ_Op<"checkpoint", [MemoryEffects<[MemWrite]>]> {
  let summary = "marks the sets allocated so far in the running statement";
  let description = [{
    With `kq.release`, frees what one iteration of a lowered `kq.foreach`
    allocated once its answers are accumulated.

    ```mlir
    %mark = kq.checkpoint
    ```
  }];
  let results = (outs Index:$mark);
  let assemblyFormat = "attr-dict";
}

def KQ_ReleaseOp : KQ_Op<"release", [MemoryEffects<[MemWrite]>]> {
  let summary = "frees the sets allocated since a checkpoint";
  let description = [{
    ```mlir
    kq.release %mark
    ```
  }];
  let arguments = (ins Index:$mark);
  let assemblyFormat = "$mark attr-dict";
}

def KQ_EmptyOp : KQ_Op<"empty", [Pure]> {
  let summary = "the empty set";
  let description = [{
    The start of the union a lowered `kq.foreach` accumulates.

    ```mlir
    %none = kq.empty
    ```
  }];
  let results = (outs KQ_QueryValueType:$result);
  let assemblyFormat = "attr-dict `` custom<Semantics>(type($result))";
}

def KQ_SizeOp : KQ_Op<"size", [Pure]> {
  let summary = "the number of entities in a set";
  let description = [{
    Bounds the loop a `kq.foreach` is lowered to.

    ```mlir
    %n = kq.size %s
    ```
  }];
  let arguments = (ins KQ_EntitySetType:$input);
  let results = (outs Index:$result);
  let assemblyFormat = "$input attr-dict";
}

def KQ_ElementOp : KQ_Op<"element", [Pure]> {
  let summary = "the set holding the i-th entity of a set (in id order)";
  let description = [{
    Binds the enumerated variable in the loop a `kq.foreach` is lowered to.

    ```mlir
    %one = kq.element %s[%i]
    ```
  }];
  let arguments = (ins KQ_EntitySetType:$input, Index:$index);
  let results = (outs KQ_EntitySetType:$result);
  let assemblyFormat = "$input `[` $index `]` attr-dict";
}

def KQ_DifferenceOp : KQ_Op<"difference", [Pure, SameOperandsAndResultType]> {
  let summary = "set difference: negation against a positive part";
  let description = [{
    The entities of `lhs` that are not in `rhs`, i.e. `lhs & !rhs`; on
    truth vectors `T(lhs, 1 - rhs)`.

    ```mlir
    %rest = kq.difference %a, %b
    ```
  }];
  let arguments = (ins KQ_QueryValueType:$lhs, KQ_QueryValueType:$rhs);
  let results = (outs KQ_QueryValueType:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `` custom<Semantics>(type($result))";
  let hasCanonicalizer = 1;
}

def KQ_ComplementOp : KQ_Op<"complement", [Pure, SameOperandsAndResultType]> {
  let summary = "set complement with respect to all entities of the graph";
  let description = [{
    Negation as set complement: every entity of the graph not in the input;
    on truth vectors `1 - input`.

    ```mlir
    %others = kq.complement %a
    ```
  }];
  let arguments = (ins KQ_QueryValueType:$input);
  let results = (outs KQ_QueryValueType:$result);
  let assemblyFormat = "$input attr-dict `` custom<Semantics>(type($result))";
  let hasCanonicalizer = 1;
}

#endif // KQ_OPS_TD
