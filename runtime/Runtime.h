/*===- Runtime.h - The C ABI that generated code calls -------------------===*\
|*                                                                            *|
|* Compiled kq programs call these functions. The handles are opaque. Errors *|
|* are sticky: the first failure (a missing file, an unknown name) is kept in *|
|* the context, and every later call returns at once, so generated code need *|
|* not test results; the host reads the error when the program returns.     *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/
#ifndef KQ_RUNTIME_RUNTIME_H
#define KQ_RUNTIME_RUNTIME_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kq_context kq_context; /* one run: graphs, output, error */
typedef struct kq_view kq_view;       /* a graph restricted to some splits */

/* A set of entities of one graph: `size` distinct ids in increasing order
 * from `ids`. Generated code reads both fields; it writes the ids (and then
 * the size) only of the sets that kq_rt_new_set has just returned. The
 * set operations are generated code (backend/KQToRuntime/SetKernels.cpp);
 * the runtime allocates. */
typedef struct kq_set {
  uint32_t *ids;
  int64_t size;
} kq_set;

/* One direction of one relation in a view: a row for each of the
 * `num_rows` entities with edges, `sources` sorted; the targets of row i,
 * sorted, are targets[offsets[i] .. offsets[i + 1]). */
typedef struct kq_adjacency {
  const uint32_t *sources;
  const uint32_t *offsets;
  const uint32_t *targets;
  int64_t num_rows;
} kq_adjacency;

/* Split bits for kq_rt_graph_view. */
enum { KQ_SPLIT_TRAIN = 1, KQ_SPLIT_VALID = 2, KQ_SPLIT_TEST = 4 };

/* Loads the graph in folder `path` under `name` (train/valid/test.txt). */
void kq_rt_load_graph(kq_context *ctx, const char *name, const char *path);

/* Reads how the entities and relations of graph `name` read in prompts
 * from the file `path`: `name<TAB>text` lines. */
void kq_rt_load_labels(kq_context *ctx, const char *name, const char *path);

/* The union of the splits in `split_mask` of graph `name`. */
kq_view *kq_rt_graph_view(kq_context *ctx, const char *name, int32_t split_mask);

/* Every function below that returns a set or an adjacency returns a usable
 * one even after a failure (an empty one), so generated code never tests. */

/* A new set of the running statement with room for `capacity` ids, not yet
 * written: generated code fills ids[0 .. n) and sets size = n <= capacity. */
kq_set *kq_rt_new_set(kq_view *view, int64_t capacity);
/* {entity} */
kq_set *kq_rt_entity(kq_view *view, const char *name);
/* Every entity of the view's graph (the domain of its semantics); the
 * empty set. */
kq_set *kq_rt_universe(kq_view *view);
kq_set *kq_rt_empty(kq_view *view);
/* Makes `accumulator` hold the ids of `value` in storage of its own, which
 * kq_rt_release of later sets keeps, and returns it: how the union a
 * lowered kq.foreach builds (by the union kernel) survives its iteration. */
kq_set *kq_rt_keep(kq_view *view, kq_set *accumulator, kq_set *value);

/* The edges of `relation` in the view, head to tails, or tail to heads
 * when `inverse`; by name or by id. */
const kq_adjacency *kq_rt_adjacency(kq_view *view, const char *relation, int32_t inverse);
const kq_adjacency *kq_rt_adjacency_id(kq_view *view, int32_t relation, int32_t inverse);
/* A bitmap of one bit an entity of the view's graph, all zero: scratch
 * space of the projection kernels, which leave it zero. */
uint64_t *kq_rt_bitmap(kq_view *view);
/* The number of sets the running statement has allocated, and the release
 * of every set allocated after such a checkpoint. */
int64_t kq_rt_checkpoint(kq_view *view);
void kq_rt_release(kq_view *view, int64_t checkpoint);
/* The number of entities in a set, and the set of its `index`-th entity
 * (in id order): the loop that enumerates a variable's bindings. */
int64_t kq_rt_set_size(kq_set *set);
kq_set *kq_rt_set_element(kq_view *view, kq_set *set, int64_t index);

/* Writes an `answer` record. `arguments` holds `num_arguments` template
 * arguments, each ended by a NUL byte. */
void kq_rt_emit_answer(kq_context *ctx, kq_view *view, const char *query,
                       int32_t num_arguments, const char *arguments, kq_set *answers);

/* {the entity with id `id`}: the anchors of templates whose arguments are
 * given when they run (the generated code reads them as ids). */
kq_set *kq_rt_entity_id(kq_view *view, int32_t id);

/* A template computed for any arguments: `arguments` holds one id a
 * parameter (an entity's or a relation's). */
typedef kq_set *(*kq_template_function)(kq_view *view, const int32_t *arguments);

/* Template `index` of the kq_rt_answer_batch that comes next: its function,
 * the name its records report, and its parameters' kinds ('e' or 'r'). */
void kq_rt_batch_template(kq_context *ctx, int32_t index, const char *query,
                          kq_template_function function, const char *kinds);
/* Answers `num_rows` template instances on `view`, writing one `answer`
 * record a row as kq_rt_emit_answer would. `rows` holds, for each row, its
 * template's index in decimal and then the names of its arguments, each
 * ended by a NUL byte. */
void kq_rt_answer_batch(kq_context *ctx, kq_view *view, int32_t num_rows, const char *rows);

/* Adds template `name` to the benchmark `bench` that kq_rt_sample draws
 * next: its function, its parameters' kinds ('e' or 'r' each), its
 * `num_atoms` atoms (each ended by a NUL byte) and its text, as
 * frontend/TemplatePattern.h encodes them, its BetaE query structure and
 * its FIT formula string (each empty when it has none). */
void kq_rt_sample_template(kq_context *ctx, const char *bench, const char *name,
                           kq_template_function function, const char *kinds, int32_t num_atoms,
                           const char *pattern, const char *text, const char *structure,
                           const char *fit_formula);
/* Draws benchmark `bench` from the templates added to it: `count` instances
 * of each on graph `graph`, easy answers from the splits in `observed`,
 * hard ones from those in `full`; at most `max_answers` answers an instance
 * (0: any number); none equal to an instance of the `num_exclude`
 * benchmarks named in `exclude` (each ended by a NUL byte). */
void kq_rt_sample(kq_context *ctx, const char *bench, const char *graph, int32_t observed,
                  int32_t full, int64_t count, int64_t seed, int64_t max_answers,
                  int32_t num_exclude, const char *exclude);
/* Distractor strategies of kq_rt_quiz's multiple-choice items. */
enum { KQ_DISTRACTORS_RANDOM = 0, KQ_DISTRACTORS_RANGE = 1, KQ_DISTRACTORS_NEIGHBOURHOOD = 2 };

/* Draws quiz `name`: `count` KGQuiz items of each of the `num_formats`
 * formats in `formats` (tf, mc, blank, edit, open; each ended by a NUL
 * byte) from the facts of the splits in `split_mask` of graph `graph`. */
void kq_rt_quiz(kq_context *ctx, const char *name, const char *graph, int32_t split_mask,
                int32_t num_formats, const char *formats, int64_t count, int64_t seed,
                int32_t distractors);

/* The sets of a traced template's steps, and a template computed for any
 * arguments that hands each step's set to kq_rt_trace: what prompts solve
 * their worked examples with. */
typedef struct kq_trace kq_trace;
typedef kq_set *(*kq_traced_function)(kq_view *view, const int32_t *arguments, kq_trace *trace);
void kq_rt_trace(kq_trace *trace, int32_t step, kq_set *set);

/* Declares skill `name`: the operation it `teaches` (follow, follow_back,
 * intersect, exclude, unite), the text of a `step`, and how its worked
 * example is drawn (`example`: random or uniform). */
void kq_rt_skill(kq_context *ctx, const char *name, const char *teaches, const char *step,
                 const char *example);
/* Draws and renders skill block `name`: a worked example of `skill` on the
 * splits in `split_mask` of graph `graph`. */
void kq_rt_skill_block(kq_context *ctx, const char *name, const char *skill, const char *graph,
                       int32_t split_mask, int64_t seed, int64_t max_shown);
/* Adds the case of template `template_name` to the prompt set `prompt`
 * that kq_rt_prompt renders next: its traced function; its `num_steps`
 * steps, each ended by a NUL byte, a kind letter and fields after '\x1f'
 * separators (e c<name>, p p<index>: anchors; a: every entity; n: nothing;
 * f|b RELATION INPUT: follow forwards or back, the relation "c<name>" or
 * "p<index>"; i|u INPUTS...: intersect, unite; x INPUT EXCLUDED: exclude);
 * its question; its `num_pieces` pieces, each ended by a NUL byte, a kind
 * letter and its text (T text, B a skill block's name, W the worked
 * examples, Q the question); and its five skills' names (follow,
 * follow_back, intersect, exclude, unite), each ended by a NUL byte. */
void kq_rt_prompt_case(kq_context *ctx, const char *prompt, const char *template_name,
                       kq_traced_function traced, int32_t num_steps, const char *steps,
                       const char *question, int32_t num_pieces, const char *pieces,
                       const char *skills);
/* Renders prompt set `prompt` for the instances of benchmark `bench`. */
void kq_rt_prompt(kq_context *ctx, const char *prompt, const char *bench, int64_t examples,
                  int64_t seed, int64_t max_shown);

/* Declares language model `name` behind the OpenAI-compatible `endpoint`. */
void kq_rt_llm(kq_context *ctx, const char *name, const char *endpoint, const char *model,
               double temperature, int64_t max_tokens, int64_t concurrency, double timeout,
               int64_t retries, const char *api_key_env);
/* Asks `llm` every prompt of the quiz or prompt set `source` and writes a
 * `score` record; each reply and its scores also go to the file `replies`
 * unless it is empty. */
void kq_rt_ask(kq_context *ctx, const char *llm, const char *source, const char *replies);

/* Formats of kq_rt_emit. */
enum { KQ_EMIT_JSONL = 0, KQ_EMIT_BETAE = 1, KQ_EMIT_FIT = 2 };

/* Writes benchmark or quiz `source` to the file `path`, one JSON object a line
 * (KQ_EMIT_JSONL), or into the folder `path` as BetaE's pickles
 * (KQ_EMIT_BETAE) or FIT's NAME-qaa.json (KQ_EMIT_FIT). */
void kq_rt_emit(kq_context *ctx, const char *source, const char *path, int32_t format);

/* Reads the model of `family` (transe, distmult, complex, rotate) in folder
 * `path`, whose rows are the entities and relations of graph `graph`. */
void kq_rt_load_model(kq_context *ctx, const char *name, const char *family, const char *path,
                      const char *graph);

/* The link-prediction kernels the compiler generates for one model family
 * and element type T (float or double). `parameters` points to T[2]: the
 * margin gamma and embedding_range / pi. Entities are packed in panels of
 * `panel_width`: panel p holds, for k = 0 .. entity_dim - 1, the k-th
 * column of entities p * panel_width + j (j < panel_width) side by side. */
/* The query vector of (anchor, relation): the head and relation rows when
 * ranking tails, the tail and relation rows when ranking heads (head_side). */
typedef void (*kq_query_kernel)(const void *anchor, const void *relation, void *query,
                                int64_t entity_dim, int32_t head_side, const void *parameters);
/* Stores to `score` (a T) the score of the candidate in lane `lane` of
 * `panel`, with exactly the arithmetic of the rank kernel. */
typedef void (*kq_score_kernel)(const void *query, const void *panel, int64_t lane,
                                int64_t entity_dim, const void *parameters, void *score);
/* For each of `num_queries` query vectors (a multiple of query_block), adds
 * to greater[q] and equal[q] the candidates of all panels that score higher
 * than, and as high as, true_scores[q], skipping those whose byte in row q
 * of `excluded` (num_panels * panel_width bytes a row) is not zero. */
typedef void (*kq_rank_kernel)(const void *queries, int64_t num_queries, const void *panels,
                               int64_t num_panels, int64_t entity_dim, const void *parameters,
                               const void *true_scores, const uint8_t *excluded,
                               int64_t *greater, int64_t *equal);

/* Tie policies and breakdowns of kq_rt_linkpred. */
enum { KQ_TIES_OPTIMISTIC = 0, KQ_TIES_PESSIMISTIC = 1, KQ_TIES_REALISTIC = 2 };
enum { KQ_PER_RELATION = 1, KQ_PER_DIRECTION = 2 };

/* Filtered link prediction of `model` on the triples of split `split`
 * (a KQ_SPLIT_ bit) of `graph`; writes the `linkpred` records. Kernels are
 * given for float32 models (f32_*) and float64 models (f64_*). */
void kq_rt_linkpred(kq_context *ctx, const char *model, const char *graph, int32_t split,
                    int32_t ties, int32_t per, int64_t f32_panel_width, int64_t f32_query_block,
                    kq_query_kernel f32_query, kq_score_kernel f32_score, kq_rank_kernel f32_rank,
                    int64_t f64_panel_width, int64_t f64_query_block, kq_query_kernel f64_query,
                    kq_score_kernel f64_score, kq_rank_kernel f64_rank);

/* Releases what the statement just finished allocated (sets, views). */
void kq_rt_end_statement(kq_context *ctx);

/* The entry point every compiled program defines. */
typedef void (*kq_program_main)(kq_context *ctx);

#ifdef __cplusplus
}
#endif

#endif /* KQ_RUNTIME_RUNTIME_H */
