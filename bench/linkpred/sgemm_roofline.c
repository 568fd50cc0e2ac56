/* The float32 matrix-product ceiling of link-prediction scoring on this machine.
 *
 * Scoring a bilinear model (ComplEx, DistMult) for a batch of queries is one
 * product C = Q * E^T of the [batch, dim] query matrix with the
 * [entities, dim] entity matrix. This program times OpenBLAS's cblas_sgemm on
 * exactly those shapes, batch after batch until all the queries are covered
 * (by default both directions of FB15k-237's 20,466 test triples against its
 * 14,541 entities at dim 1000, i.e. ComplEx rank 500), with two OpenBLAS
 * threads, and prints one JSON line with the GFLOP/s reached. No evaluator
 * that computes the full score matrix can score faster than this.
 *
 *     cc -O2 sgemm_roofline.c -lopenblas -o sgemm_roofline
 *     sgemm_roofline [--queries 40932] [--batch 500] [--dim 1000]
 *                    [--entities 14541] [--threads 2]
 *
 * cblas.h is Debian's libopenblas-dev header (in the multiarch include path,
 * /usr/include/x86_64-linux-gnu/cblas.h).
 */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void openblas_set_num_threads(int num_threads);

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static float *random_matrix(long rows, long cols, unsigned *state) {
  float *m = malloc(sizeof(float) * (size_t)rows * (size_t)cols);
  if (!m) {
    fprintf(stderr, "out of memory\n");
    exit(1);
  }
  for (long i = 0; i < rows * cols; ++i) {
    *state = *state * 1664525u + 1013904223u;
    m[i] = (float)(*state >> 8) / 16777216.0f - 0.5f;
  }
  return m;
}

static long argument(int argc, char **argv, int *i) {
  if (*i + 1 >= argc) {
    fprintf(stderr, "%s needs a value\n", argv[*i]);
    exit(2);
  }
  long v = strtol(argv[++*i], NULL, 10);
  if (v <= 0) {
    fprintf(stderr, "%s must be positive\n", argv[*i - 1]);
    exit(2);
  }
  return v;
}

int main(int argc, char **argv) {
  long queries = 2 * 20466, batch = 500, dim = 1000, entities = 14541, threads = 2;
  for (int i = 1; i < argc; ++i) {
    if (!strcmp(argv[i], "--queries")) queries = argument(argc, argv, &i);
    else if (!strcmp(argv[i], "--batch")) batch = argument(argc, argv, &i);
    else if (!strcmp(argv[i], "--dim")) dim = argument(argc, argv, &i);
    else if (!strcmp(argv[i], "--entities")) entities = argument(argc, argv, &i);
    else if (!strcmp(argv[i], "--threads")) threads = argument(argc, argv, &i);
    else {
      fprintf(stderr, "usage: %s [--queries Q] [--batch B] [--dim K] [--entities N] "
                      "[--threads T]\n", argv[0]);
      return 2;
    }
  }
  openblas_set_num_threads((int)threads);

  unsigned state = 12345u;
  float *q = random_matrix(batch, dim, &state);
  float *e = random_matrix(entities, dim, &state);
  float *c = random_matrix(batch, entities, &state);

  /* One untimed product: thread start-up and first touch of C. */
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)batch, (int)entities, (int)dim,
              1.0f, q, (int)dim, e, (int)dim, 0.0f, c, (int)entities);

  double start = now();
  for (long done = 0; done < queries; done += batch) {
    long m = queries - done < batch ? queries - done : batch;
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)m, (int)entities, (int)dim,
                1.0f, q, (int)dim, e, (int)dim, 0.0f, c, (int)entities);
  }
  double seconds = now() - start;

  /* Read the result so that nothing is optimised away. */
  double check = 0.0;
  for (long j = 0; j < entities; j += 97) check += c[j];
  double flops = 2.0 * (double)queries * (double)entities * (double)dim;
  printf("{\"gflops\": %.3f, \"seconds\": %.6f, \"M\": %ld, \"N\": %ld, \"K\": %ld, "
         "\"queries\": %ld, \"threads\": %ld, \"checksum\": %.6g}\n",
         flops / seconds / 1e9, seconds, batch, entities, dim, queries, threads, check);
  free(q);
  free(e);
  free(c);
  return 0;
}
