//===- LinkPrediction.cpp - Filtered link-prediction evaluation -----------===//

#include "runtime/linkpred/LinkPrediction.h"
#include "runtime/core/Progress.h"
#include "runtime/core/Workers.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <limits>

using namespace kq::runtime;

namespace {

template <typename T>
std::vector<RankCounts> rankTriplesOf(const Model &model, Graph &graph, Split split,
                                      const LinkPredKernels &kernels, const std::string &label,
                                      const WorkOptions &work, RankingStatistics &statistics) {
  using Clock = std::chrono::steady_clock;
  auto seconds = [](Clock::duration duration) {
    return std::chrono::duration<double>(duration).count();
  };
  Clock::time_point start = Clock::now();
  const std::vector<Triple> &triples = graph.triples(split);
  const GraphIndex &known = graph.index(0b111); // the filter: every split
  const int64_t dim = model.entityDim();
  const int64_t relationDim = model.relations.columns;
  const int64_t width = kernels.panelWidth;
  int64_t numPanels = 0;
  std::vector<T> panels = packPanels<T>(model.entities, width, numPanels);
  const int64_t rowBytes = numPanels * width; // one excluded byte per candidate slot
  const int64_t numEntities = model.entities.rows;
  const T parameters[2] = {T(model.gamma), T(model.embeddingRange() / 3.14159265358979323846)};
  const T *entityRows = model.entities.data<T>();
  const T *relationRows = model.relations.data<T>();

  const int64_t numRankings = int64_t(triples.size()) * 2;
  // A batch shares one pass over the panels; a few query blocks keep the
  // batch's query vectors in the second-level cache.
  const int64_t batchSize = kernels.queryBlock * std::max<int64_t>(1, 96 / kernels.queryBlock);
  const int64_t numBatches = (numRankings + batchSize - 1) / batchSize;
  std::vector<RankCounts> counts(numRankings);
  Progress progress(label, numRankings, "ranks", work.progress);

  // Each worker's buffers, made on its first batch, and its kernel time.
  struct Scratch {
    std::vector<T> queries, trueScores;
    std::vector<uint8_t> excluded;
    std::vector<int64_t> greater, equal;
    Clock::duration inKernel{};
  };
  unsigned numWorkers =
      unsigned(std::min<int64_t>(workerCount(work.threads), std::max<int64_t>(numBatches, 1)));
  std::vector<Scratch> scratches(numWorkers);
  // A worker out of memory stops every worker; the failure is rethrown here.
  forEachInParallel(size_t(numBatches), numWorkers, [&](size_t batch, unsigned worker) {
    Scratch &scratch = scratches[worker];
    if (scratch.queries.empty()) {
      scratch.queries.resize(batchSize * dim);
      scratch.trueScores.resize(batchSize);
      scratch.excluded.resize(batchSize * rowBytes);
      scratch.greater.resize(batchSize);
      scratch.equal.resize(batchSize);
    }
    auto &[queries, trueScores, excluded, greater, equal, inKernel] = scratch;
    int64_t first = int64_t(batch) * batchSize;
    int64_t size = std::min(batchSize, numRankings - first);
    std::fill(excluded.begin(), excluded.end(), uint8_t(0));
    std::fill(greater.begin(), greater.end(), 0);
    std::fill(equal.begin(), equal.end(), 0);
    for (int64_t q = 0; q < batchSize; ++q) {
      T *query = queries.data() + q * dim;
      uint8_t *row = excluded.data() + q * rowBytes;
      if (q >= size) { // padding: nothing to count
        std::fill(query, query + dim, T(0));
        std::fill(row, row + rowBytes, uint8_t(1));
        trueScores[q] = T(0);
        continue;
      }
      const Triple &triple = triples[(first + q) / 2];
      bool headSide = (first + q) % 2 == 1;
      EntityId anchor = headSide ? triple.tail : triple.head;
      EntityId target = headSide ? triple.head : triple.tail;
      kernels.query(entityRows + int64_t(anchor) * dim,
                    relationRows + int64_t(triple.relation) * relationDim, query, dim,
                    headSide ? 1 : 0, parameters);
      kernels.score(query, panels.data() + (target / width) * dim * width, target % width, dim,
                    parameters, &trueScores[q]);
      // Filtered: every entity known to complete the triple, the target
      // among them, and the padding past the last entity.
      const Adjacency &adjacency =
          headSide ? known.backward[triple.relation] : known.forward[triple.relation];
      auto [begin, end] = adjacency.neighbors(anchor);
      for (const EntityId *e = begin; e != end; ++e)
        row[*e] = 1;
      row[target] = 1;
      std::fill(row + numEntities, row + rowBytes, uint8_t(1));
    }
    Clock::time_point kernelStart = Clock::now();
    kernels.rank(queries.data(), batchSize, panels.data(), numPanels, dim, parameters,
                 trueScores.data(), excluded.data(), greater.data(), equal.data());
    inKernel += Clock::now() - kernelStart;
    for (int64_t q = 0; q < size; ++q)
      counts[first + q] = {greater[q], equal[q]};
    progress.advance(size);
  });
  // The workers run side by side: the kernel's time is the longest one's.
  for (const Scratch &scratch : scratches)
    statistics.kernelSeconds = std::max(statistics.kernelSeconds, seconds(scratch.inKernel));
  statistics.rankings = numRankings;
  statistics.candidates = numEntities;
  statistics.seconds = seconds(Clock::now() - start);
  return counts;
}

} // namespace

std::vector<RankCounts> kq::runtime::rankTriples(const Model &model, Graph &graph, Split split,
                                                 const LinkPredKernels &kernels,
                                                 const std::string &label, const WorkOptions &work,
                                                 RankingStatistics &statistics) {
  if (model.elementType() == ElementType::Float32)
    return rankTriplesOf<float>(model, graph, split, kernels, label, work, statistics);
  return rankTriplesOf<double>(model, graph, split, kernels, label, work, statistics);
}
