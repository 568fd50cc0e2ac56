//===- AtomTruth.cpp - The calibrated truth of atoms, row by row ----------===//

#include "runtime/neural/AtomTruth.h"
#include "runtime/core/Workers.h"
#include "runtime/linkpred/LinkPrediction.h"
#include "runtime/neural/LeafMaxima.h"
#include "runtime/neural/RowScorer.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <type_traits>

using namespace kq::runtime;

namespace {

/// The calibrated, thresholded row from the exponentials of its N tails'
/// shifted scores (the generated softmax kernel's), their sum, and the
/// observed tails (sorted).
template <typename T>
TruthRow calibrate(const T *exps, double normaliser, int64_t numEntities,
                   const EntityId *observedBegin, const EntityId *observedEnd, double threshold) {
  double observedMass = 0;
  for (const EntityId *t = observedBegin; t != observedEnd; ++t)
    observedMass += double(exps[*t]);
  const int64_t numObserved = observedEnd - observedBegin;
  // v = p * c = exps / normaliser * n / (observedMass / normaliser).
  const double scale = numObserved == 0 ? 1.0 / normaliser : double(numObserved) / observedMass;
  // Only exps above this can pass the threshold.
  const double least = threshold / scale;
  TruthRow row(std::is_same_v<T, float>, scale);
  const EntityId *nextObserved = observedBegin;
  for (int64_t t = 0; t < numEntities; ++t) {
    if (nextObserved != observedEnd && *nextObserved == EntityId(t)) {
      row.addObserved(EntityId(t));
      ++nextObserved;
      continue;
    }
    if (!(double(exps[t]) > least)) // NaN (no observed mass at all) is left out too
      continue;
    if (double(exps[t]) * scale > threshold)
      row.add(EntityId(t), exps[t]);
  }
  return row;
}

} // namespace

struct AtomTruth::Implementation {
  /// The cache: 64 shards, each with its share of the bound and a clock
  /// (second-chance) order, so that when a long run outgrows the bound the
  /// rows still being asked for stay and the others make room. Rows in use
  /// live on in their holders' pointers after eviction.
  static constexpr unsigned kShards = 64;
  struct Cached {
    SharedRow row;
    uint64_t bytes;
    bool referenced;
  };
  struct Shard {
    std::mutex lock;
    std::unordered_map<uint64_t, Cached> rows;
    std::deque<uint64_t> clock; // keys, oldest first
    uint64_t bytes = 0;
  };
  /// A relation's maxima over its heads, computed by one worker while the
  /// others that need them wait.
  struct WholeLeaf {
    std::mutex lock;
    std::shared_ptr<const std::vector<double>> maxima; // null until computed
  };
  WholeLeaf &leafMaximaOf(RelationId relation) {
    std::lock_guard<std::mutex> guard(leafLock);
    auto &slot = leafMaxima[relation];
    if (!slot)
      slot = std::make_unique<WholeLeaf>();
    return *slot;
  }

  const Model &model;
  const GraphIndex &observed;
  LinkPredKernels kernels;
  double threshold;
  uint64_t cacheBytes;
  Shard shards[kShards];
  std::mutex leafLock;
  std::unordered_map<RelationId, std::unique_ptr<WholeLeaf>> leafMaxima;
  std::unique_ptr<RowScorer<float>> scorer32;
  std::unique_ptr<RowScorer<double>> scorer64;
  std::unique_ptr<LeafMaxima<float>> leaf32;
  std::unique_ptr<LeafMaxima<double>> leaf64;

  Implementation(AtomTruth &owner, const Model &model, const GraphIndex &observed, double threshold,
                 const LinkPredKernels &kernels, uint64_t cacheBytes)
      : model(model), observed(observed), kernels(kernels), threshold(threshold),
        cacheBytes(cacheBytes) {
    if (model.elementType() == ElementType::Float32) {
      scorer32 = std::make_unique<RowScorer<float>>(model, kernels);
      leaf32 = std::make_unique<LeafMaxima<float>>(owner, *scorer32, observed, threshold);
    } else {
      scorer64 = std::make_unique<RowScorer<double>>(model, kernels);
      leaf64 = std::make_unique<LeafMaxima<double>>(owner, *scorer64, observed, threshold);
    }
  }

  static uint64_t key(RelationId relation, EntityId head) {
    return uint64_t(relation) << 32 | uint64_t(head);
  }
  Shard &shardOf(uint64_t key) { return shards[(key * 0x9E3779B97F4A7C15ull) >> 58]; }

  SharedRow lookup(RelationId relation, EntityId head) {
    uint64_t k = key(relation, head);
    Shard &shard = shardOf(k);
    std::lock_guard<std::mutex> guard(shard.lock);
    auto found = shard.rows.find(k);
    if (found == shard.rows.end())
      return nullptr;
    found->second.referenced = true;
    return found->second.row;
  }

  /// Keeps `row`, making room under the shard's share of the bound by
  /// evicting the rows not asked for since the clock last passed them;
  /// returns the row to use (an equal one another worker cached first, or
  /// `row`).
  SharedRow keep(RelationId relation, EntityId head, SharedRow row, bool cache = true) {
    const uint64_t share = cacheBytes / kShards;
    uint64_t bytes = row->bytes() + 64; // and the cache's entry
    if (!cache || bytes > share)
      return row;
    uint64_t k = key(relation, head);
    Shard &shard = shardOf(k);
    std::lock_guard<std::mutex> guard(shard.lock);
    auto found = shard.rows.find(k);
    if (found != shard.rows.end())
      return found->second.row;
    // Each pass of the clock clears a second chance or evicts, so at most
    // two passes make room.
    for (size_t turns = 2 * shard.clock.size(); shard.bytes + bytes > share && turns > 0; --turns) {
      uint64_t oldest = shard.clock.front();
      shard.clock.pop_front();
      Cached &entry = shard.rows.at(oldest);
      if (entry.referenced) {
        entry.referenced = false;
        shard.clock.push_back(oldest);
        continue;
      }
      shard.bytes -= entry.bytes;
      shard.rows.erase(oldest);
    }
    if (shard.bytes + bytes > share)
      return row;
    shard.rows.emplace(k, Cached{row, bytes, false});
    shard.clock.push_back(k);
    shard.bytes += bytes;
    return row;
  }

  template <typename T>
  void computeRows(const RowScorer<T> &scorer, RelationId relation,
                   const std::vector<EntityId> &heads, const std::vector<size_t> &missing,
                   std::vector<SharedRow> &out, AtomTruthStatistics &counts, bool cache) {
    thread_local std::vector<T> queries, scores, exps;
    exps.resize(size_t(model.entities.rows));
    const int64_t block = scorer.blockSize();
    const int64_t numEntities = int64_t(model.entities.rows);
    std::vector<EntityId> blockHeads;
    for (size_t first = 0; first < missing.size(); first += size_t(block)) {
      size_t count = std::min(missing.size() - first, size_t(block));
      blockHeads.clear();
      for (size_t i = 0; i < count; ++i)
        blockHeads.push_back(heads[missing[first + i]]);
      scorer.score(relation, blockHeads.data(), int64_t(count), queries, scores);
      for (size_t i = 0; i < count; ++i) {
        EntityId head = blockHeads[i];
        auto [begin, end] = observed.forward[relation].neighbors(head);
        double normaliser = 0;
        kernels.softmax(scores.data() + int64_t(i) * scorer.rowLength(), numEntities, exps.data(),
                        &normaliser);
        auto row = std::make_shared<TruthRow>(
            calibrate(exps.data(), normaliser, numEntities, begin, end, threshold));
        row->shrinkToFit();
        out[missing[first + i]] = keep(relation, head, std::move(row), cache);
      }
      counts.computed += int64_t(count);
    }
  }
};

AtomTruth::AtomTruth(const Model &model, const GraphIndex &observed, double threshold,
                     const LinkPredKernels &kernels, uint64_t cacheBytes, unsigned threads)
    : impl(
          std::make_unique<Implementation>(*this, model, observed, threshold, kernels, cacheBytes)),
      entities(int64_t(model.entities.rows)), threads(threads) {}

AtomTruth::~AtomTruth() = default;

void AtomTruth::rows(RelationId relation, const std::vector<EntityId> &heads,
                     std::vector<SharedRow> &out) {
  out.assign(heads.size(), nullptr);
  std::vector<size_t> missing;
  for (size_t i = 0; i < heads.size(); ++i)
    if (!(out[i] = impl->lookup(relation, heads[i])))
      missing.push_back(i);
  counts.reused += int64_t(heads.size() - missing.size());
  if (missing.empty())
    return;
  if (impl->scorer32)
    impl->computeRows(*impl->scorer32, relation, heads, missing, out, counts, /*cache=*/true);
  else
    impl->computeRows(*impl->scorer64, relation, heads, missing, out, counts, /*cache=*/true);
}

void AtomTruth::forEachRow(RelationId relation,
                           const std::function<void(EntityId, const TruthRow &)> &visit) {
  const int64_t chunk = 256;
  std::vector<EntityId> heads;
  std::vector<SharedRow> computed;
  for (int64_t first = 0; first < entities; first += chunk) {
    heads.clear();
    for (int64_t e = first; e < std::min(entities, first + chunk); ++e)
      heads.push_back(EntityId(e));
    rows(relation, heads, computed);
    for (size_t i = 0; i < heads.size(); ++i)
      visit(heads[i], *computed[i]);
  }
}

std::shared_ptr<const std::vector<double>> AtomTruth::maxOverHeads(RelationId relation) {
  Implementation::WholeLeaf &leaf = impl->leafMaximaOf(relation);
  std::lock_guard<std::mutex> guard(leaf.lock);
  if (leaf.maxima)
    return leaf.maxima;
  // Blocks of heads on every core (the worker that asked waits here, the
  // others too if they need this relation), their rows used once and
  // dropped; each thread keeps its own maxima, merged at the end.
  const int64_t block = 512;
  const size_t numBlocks = size_t((entities + block - 1) / block);
  unsigned numThreads = unsigned(std::min<size_t>(workerCount(threads), numBlocks));
  std::vector<std::vector<double>> partial(numThreads,
                                           std::vector<double>(static_cast<size_t>(entities), 0.0));
  forEachInParallel(numBlocks, numThreads, [&](size_t b, unsigned thread) {
    std::vector<EntityId> heads;
    for (int64_t e = int64_t(b) * block; e < std::min<int64_t>(entities, int64_t(b + 1) * block);
         ++e)
      heads.push_back(EntityId(e));
    std::vector<size_t> all(heads.size());
    for (size_t i = 0; i < all.size(); ++i)
      all[i] = i;
    std::vector<SharedRow> computed(heads.size());
    if (impl->scorer32)
      impl->computeRows(*impl->scorer32, relation, heads, all, computed, counts, /*cache=*/false);
    else
      impl->computeRows(*impl->scorer64, relation, heads, all, computed, counts, /*cache=*/false);
    std::vector<double> &mine = partial[thread];
    for (const SharedRow &row : computed)
      row->forEach(
          [&](EntityId tail, double degree) { mine[tail] = std::max(mine[tail], degree); });
  });
  auto best = std::make_shared<std::vector<double>>(std::move(partial[0]));
  for (unsigned t = 1; t < numThreads; ++t)
    for (size_t e = 0; e < best->size(); ++e)
      (*best)[e] = std::max((*best)[e], partial[t][e]);
  leaf.maxima = best;
  return best;
}

void AtomTruth::maxOverHeadsAt(RelationId relation, const std::vector<EntityId> &tails,
                               std::vector<double> &out) {
  {
    Implementation::WholeLeaf &leaf = impl->leafMaximaOf(relation);
    std::lock_guard<std::mutex> guard(leaf.lock);
    if (leaf.maxima) {
      out.clear();
      for (EntityId tail : tails)
        out.push_back((*leaf.maxima)[tail]);
      return;
    }
  }
  if (impl->leaf32)
    impl->leaf32->at(relation, tails, out);
  else
    impl->leaf64->at(relation, tails, out);
}

AtomTruthStatistics::Leaves AtomTruth::leafStatistics() const {
  auto *leaf32 = impl->leaf32.get();
  auto *leaf64 = impl->leaf64.get();
  if (leaf32)
    return {leaf32->tailsBounded.load(), leaf32->rowsNeeded.load()};
  return {leaf64->tailsBounded.load(), leaf64->rowsNeeded.load()};
}
