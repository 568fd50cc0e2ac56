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

/* The option codes (KQ_TIES_*, KQ_QUIZ_*, KQ_MODEL_*, ...), written from
 * ir/KQOptions.td: the compiler passes them, the runtime switches on them. */
#include "ir/KQOptions.h"

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

/* A template computed for any arguments: `arguments` holds one id a
 * parameter (an entity's or a relation's). */
typedef kq_set *(*kq_template_function)(kq_view *view, const int32_t *arguments);

/* The sets of a traced template's steps, and a template computed for any
 * arguments that hands each step's set to kq_rt_trace: what prompts solve
 * their worked examples with. */
typedef struct kq_trace kq_trace;
typedef kq_set *(*kq_traced_function)(kq_view *view, const int32_t *arguments, kq_trace *trace);

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
                               const void *true_scores, const uint8_t *excluded, int64_t *greater,
                               int64_t *equal);

/* Neural query answering (`eval`). A template's fuzzy twin is compiled into
 * a kq_truth_function: for one instance's arguments it computes a truth
 * degree for every entity, calling the kq_rt_truth_* functions on the
 * state of the worker that runs it (kq_eval). */
typedef struct kq_eval kq_eval;
typedef struct kq_truth kq_truth;
typedef kq_truth *(*kq_truth_function)(kq_eval *eval, const int32_t *arguments);
/* Stores to `scores` (row q at q * num_panels * panel_width, a T each) the
 * score of each of `num_queries` query vectors (a multiple of query_block)
 * against every candidate of all panels, with the rank kernel's arithmetic:
 * the rows that fuzzy projections calibrate. */
typedef void (*kq_rows_kernel)(const void *queries, int64_t num_queries, const void *panels,
                               int64_t num_panels, int64_t entity_dim, const void *parameters,
                               void *scores);
/* Stores exps[t] = exp(scores[t] - max) for the `n` scores (T) and their
 * sum (a double) to `sum`: a row's softmax. */
typedef void (*kq_softmax_kernel)(const void *scores, int64_t n, void *exps, double *sum);

/* The functions, from the one list of them. */
#define KQ_RUNTIME_FUNCTION(RESULT, NAME, PARAMETERS) RESULT NAME PARAMETERS;
#include "runtime/RuntimeFunctions.def"

/* The entry point every compiled program defines. */
typedef void (*kq_program_main)(kq_context *ctx);

#ifdef __cplusplus
}
#endif

#endif /* KQ_RUNTIME_RUNTIME_H */
