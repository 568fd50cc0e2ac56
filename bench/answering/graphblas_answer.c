/* The 14 BetaE query types answered with SuiteSparse:GraphBLAS, the
 * baseline of bench_answering.py.
 *
 * Reads a graph's train.txt (head<TAB>relation<TAB>tail) into one Boolean
 * adjacency matrix per relation, then instances, one a line:
 * TYPE<TAB>ANCHOR...<TAB>RELATION... in the parameter order of std/betae.kq
 * (anchors s1.., then relations r1..). Each is answered with Boolean
 * semiring operations: a projection is a vector-matrix product over
 * (LOR, LAND) (with the matrix transposed for none here: every BetaE
 * projection goes forward), intersection eWiseMult(LAND), union
 * eWiseAdd(LOR), difference an assignment under the complemented mask.
 * Prints, for each instance, its number of answers, then the time of the
 * answering loop alone.
 *
 *     cc -O2 graphblas_answer.c -lgraphblas -o graphblas_answer
 *     graphblas_answer GRAPH_DIR INSTANCES > counts
 */
#include <GraphBLAS.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CHECK(call)                                                            \
  do {                                                                         \
    GrB_Info info_ = (call);                                                   \
    if (info_ != GrB_SUCCESS) {                                                \
      fprintf(stderr, "%s failed: %d\n", #call, (int)info_);                   \
      exit(2);                                                                 \
    }                                                                          \
  } while (0)

/* Names to dense ids: a hash table of open addressing. */
typedef struct {
  char **names;
  size_t size, capacity;
  long *slots; /* -1 free, else an id */
  size_t numSlots;
} Dictionary;

static unsigned long hashName(const char *s) {
  unsigned long h = 1469598103934665603UL;
  for (; *s; ++s)
    h = (h ^ (unsigned char)*s) * 1099511628211UL;
  return h;
}

static long lookup(Dictionary *d, const char *name, int add) {
  if (d->numSlots == 0) {
    d->numSlots = 1 << 16;
    d->slots = malloc(d->numSlots * sizeof(long));
    memset(d->slots, 0xff, d->numSlots * sizeof(long));
  }
  if (add && 2 * (d->size + 1) > d->numSlots) {
    size_t n = d->numSlots * 2;
    long *slots = malloc(n * sizeof(long));
    memset(slots, 0xff, n * sizeof(long));
    for (size_t i = 0; i < d->numSlots; ++i)
      if (d->slots[i] >= 0) {
        size_t at = hashName(d->names[d->slots[i]]) & (n - 1);
        while (slots[at] >= 0)
          at = (at + 1) & (n - 1);
        slots[at] = d->slots[i];
      }
    free(d->slots);
    d->slots = slots;
    d->numSlots = n;
  }
  size_t at = hashName(name) & (d->numSlots - 1);
  while (d->slots[at] >= 0) {
    if (strcmp(d->names[d->slots[at]], name) == 0)
      return d->slots[at];
    at = (at + 1) & (d->numSlots - 1);
  }
  if (!add)
    return -1;
  if (d->size == d->capacity) {
    d->capacity = d->capacity ? 2 * d->capacity : 1024;
    d->names = realloc(d->names, d->capacity * sizeof(char *));
  }
  d->names[d->size] = strdup(name);
  d->slots[at] = (long)d->size;
  return (long)d->size++;
}

static Dictionary entities, relations;
static GrB_Matrix *adjacency;
static GrB_Index n;

static GrB_Vector anchor(const char *name) {
  long id = lookup(&entities, name, 0);
  if (id < 0) {
    fprintf(stderr, "unknown entity %s\n", name);
    exit(2);
  }
  GrB_Vector v;
  CHECK(GrB_Vector_new(&v, GrB_BOOL, n));
  CHECK(GrB_Vector_setElement_BOOL(v, true, (GrB_Index)id));
  return v;
}

static GrB_Vector project(GrB_Vector v, const char *relation) {
  long r = lookup(&relations, relation, 0);
  if (r < 0) {
    fprintf(stderr, "unknown relation %s\n", relation);
    exit(2);
  }
  GrB_Vector w;
  CHECK(GrB_Vector_new(&w, GrB_BOOL, n));
  CHECK(GrB_vxm(w, NULL, NULL, GrB_LOR_LAND_SEMIRING_BOOL, v, adjacency[r], NULL));
  GrB_Vector_free(&v);
  return w;
}

static GrB_Vector both(GrB_Vector a, GrB_Vector b) {
  GrB_Vector w;
  CHECK(GrB_Vector_new(&w, GrB_BOOL, n));
  CHECK(GrB_Vector_eWiseMult_BinaryOp(w, NULL, NULL, GrB_LAND, a, b, NULL));
  GrB_Vector_free(&a);
  GrB_Vector_free(&b);
  return w;
}

static GrB_Vector either(GrB_Vector a, GrB_Vector b) {
  GrB_Vector w;
  CHECK(GrB_Vector_new(&w, GrB_BOOL, n));
  CHECK(GrB_Vector_eWiseAdd_BinaryOp(w, NULL, NULL, GrB_LOR, a, b, NULL));
  GrB_Vector_free(&a);
  GrB_Vector_free(&b);
  return w;
}

/* a \ b: a under the complement of b's structure. */
static GrB_Vector without(GrB_Vector a, GrB_Vector b) {
  GrB_Vector w;
  CHECK(GrB_Vector_new(&w, GrB_BOOL, n));
  CHECK(GrB_Vector_apply(w, b, NULL, GrB_IDENTITY_BOOL, a, GrB_DESC_RSC));
  GrB_Vector_free(&a);
  GrB_Vector_free(&b);
  return w;
}

/* One instance: s[] anchors, r[] relations, as std/betae.kq orders them. */
static GrB_Vector answer(const char *type, char **s, char **r) {
#define P(v, rel) project(v, rel)
#define E(i) anchor(s[i])
  if (!strcmp(type, "1p")) return P(E(0), r[0]);
  if (!strcmp(type, "2p")) return P(P(E(0), r[0]), r[1]);
  if (!strcmp(type, "3p")) return P(P(P(E(0), r[0]), r[1]), r[2]);
  if (!strcmp(type, "2i")) return both(P(E(0), r[0]), P(E(1), r[1]));
  if (!strcmp(type, "3i")) return both(both(P(E(0), r[0]), P(E(1), r[1])), P(E(2), r[2]));
  if (!strcmp(type, "ip")) return P(both(P(E(0), r[0]), P(E(1), r[1])), r[2]);
  if (!strcmp(type, "pi")) return both(P(P(E(0), r[0]), r[1]), P(E(1), r[2]));
  if (!strcmp(type, "2u")) return either(P(E(0), r[0]), P(E(1), r[1]));
  if (!strcmp(type, "up")) return P(either(P(E(0), r[0]), P(E(1), r[1])), r[2]);
  if (!strcmp(type, "2in")) return without(P(E(0), r[0]), P(E(1), r[1]));
  if (!strcmp(type, "3in")) return without(both(P(E(0), r[0]), P(E(1), r[1])), P(E(2), r[2]));
  if (!strcmp(type, "inp")) return P(without(P(E(0), r[0]), P(E(1), r[1])), r[2]);
  if (!strcmp(type, "pin")) return without(P(P(E(0), r[0]), r[1]), P(E(1), r[2]));
  if (!strcmp(type, "pni")) return without(P(E(1), r[2]), P(P(E(0), r[0]), r[1]));
  fprintf(stderr, "unknown type %s\n", type);
  exit(2);
#undef P
#undef E
}

/* The number of anchors of each type; the rest of a line are relations. */
static int numAnchors(const char *type) {
  if (!strcmp(type, "1p") || !strcmp(type, "2p") || !strcmp(type, "3p")) return 1;
  if (!strcmp(type, "3i") || !strcmp(type, "3in")) return 3;
  return 2;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s GRAPH_DIR INSTANCES\n", argv[0]);
    return 2;
  }
  CHECK(GrB_init(GrB_NONBLOCKING));
  char path[4096];
  snprintf(path, sizeof path, "%s/train.txt", argv[1]);
  FILE *in = fopen(path, "r");
  if (!in) {
    perror(path);
    return 2;
  }
  size_t numTriples = 0, capacity = 1 << 16;
  long *heads = malloc(capacity * sizeof(long)), *rels = malloc(capacity * sizeof(long)),
       *tails = malloc(capacity * sizeof(long));
  char line[65536];
  while (fgets(line, sizeof line, in)) {
    line[strcspn(line, "\r\n")] = 0;
    char *h = strtok(line, "\t"), *r = strtok(NULL, "\t"), *t = strtok(NULL, "\t");
    if (!h || !r || !t)
      continue;
    if (numTriples == capacity) {
      capacity *= 2;
      heads = realloc(heads, capacity * sizeof(long));
      rels = realloc(rels, capacity * sizeof(long));
      tails = realloc(tails, capacity * sizeof(long));
    }
    heads[numTriples] = lookup(&entities, h, 1);
    rels[numTriples] = lookup(&relations, r, 1);
    tails[numTriples] = lookup(&entities, t, 1);
    ++numTriples;
  }
  fclose(in);
  n = entities.size;
  /* One matrix a relation, built from its triples. */
  adjacency = calloc(relations.size, sizeof(GrB_Matrix));
  size_t *counts = calloc(relations.size, sizeof(size_t));
  for (size_t i = 0; i < numTriples; ++i)
    ++counts[rels[i]];
  for (size_t r = 0; r < relations.size; ++r) {
    GrB_Index *I = malloc(counts[r] * sizeof(GrB_Index) + 1), *J = malloc(counts[r] * sizeof(GrB_Index) + 1);
    bool *X = malloc(counts[r] * sizeof(bool) + 1);
    size_t k = 0;
    for (size_t i = 0; i < numTriples; ++i)
      if ((size_t)rels[i] == r) {
        I[k] = (GrB_Index)heads[i];
        J[k] = (GrB_Index)tails[i];
        X[k++] = true;
      }
    CHECK(GrB_Matrix_new(&adjacency[r], GrB_BOOL, n, n));
    CHECK(GrB_Matrix_build_BOOL(adjacency[r], I, J, X, k, GrB_LOR));
    CHECK(GrB_wait(adjacency[r], GrB_MATERIALIZE));
    free(I);
    free(J);
    free(X);
  }

  /* The instances, read before the clock starts. */
  FILE *queries = fopen(argv[2], "r");
  if (!queries) {
    perror(argv[2]);
    return 2;
  }
  size_t numInstances = 0, instanceCapacity = 1024;
  char **instances = malloc(instanceCapacity * sizeof(char *));
  while (fgets(line, sizeof line, queries)) {
    line[strcspn(line, "\r\n")] = 0;
    if (numInstances == instanceCapacity)
      instances = realloc(instances, (instanceCapacity *= 2) * sizeof(char *));
    instances[numInstances++] = strdup(line);
  }
  fclose(queries);
  GrB_Index *answers = malloc(numInstances * sizeof(GrB_Index) + 1);

  double start = now();
  for (size_t q = 0; q < numInstances; ++q) {
    char *fields[16];
    int numFields = 0;
    for (char *field = strtok(instances[q], "\t"); field && numFields < 16;
         field = strtok(NULL, "\t"))
      fields[numFields++] = field;
    int anchors = numAnchors(fields[0]);
    GrB_Vector result = answer(fields[0], fields + 1, fields + 1 + anchors);
    CHECK(GrB_Vector_nvals(&answers[q], result));
    GrB_Vector_free(&result);
  }
  double elapsed = now() - start;
  for (size_t q = 0; q < numInstances; ++q)
    printf("%llu\n", (unsigned long long)answers[q]);
  fprintf(stderr, "graphblas: %zu instances answered in %.6f s\n", numInstances, elapsed);
  GrB_finalize();
  return 0;
}
