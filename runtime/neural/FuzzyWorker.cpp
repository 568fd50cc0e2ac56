//===- FuzzyWorker.cpp - Truth vectors and the connectives on them --------===//

#include "runtime/neural/FuzzyWorker.h"

#include <algorithm>

using namespace kq::runtime;

kq_truth *kq_eval::allocate() {
  if (used == vectors.size())
    vectors.push_back(std::make_unique<kq_truth>());
  kq_truth *vector = vectors[used++].get();
  vector->degrees.assign(size_t(settings.truth->numEntities()), 0.0);
  vector->universe = false;
  vector->hasCandidates = false;
  vector->candidates.clear();
  return vector;
}

kq_truth *kq_eval::entity(EntityId id) {
  kq_truth *result = allocate();
  if (id < result->degrees.size())
    result->degrees[id] = 1.0;
  return result;
}

kq_truth *kq_eval::universe() {
  kq_truth *result = allocate();
  std::fill(result->degrees.begin(), result->degrees.end(), 1.0);
  result->universe = true;
  return result;
}

const std::vector<EntityId> &kq_eval::support(kq_truth *input) {
  std::vector<EntityId> &ids = scratchSupport;
  ids.clear();
  const std::vector<double> &degrees = input->degrees;
  for (size_t e = 0; e < degrees.size(); ++e)
    if (degrees[e] > 0)
      ids.push_back(EntityId(e));
  if (settings.beam > 0 && !input->universe && int64_t(ids.size()) > settings.beam) {
    // The beam's best: highest degree first, the lower id among equals.
    auto better = [&](EntityId a, EntityId b) {
      return degrees[a] != degrees[b] ? degrees[a] > degrees[b] : a < b;
    };
    std::nth_element(ids.begin(), ids.begin() + settings.beam, ids.end(), better);
    ids.resize(size_t(settings.beam));
    std::sort(ids.begin(), ids.end());
  }
  return ids;
}

kq_truth *kq_eval::project(kq_truth *input, RelationId relation, bool inverse) {
  kq_truth *result = allocate();
  std::vector<double> &out = result->degrees;
  const Logic logic = settings.logic;
  if (!inverse && input->universe) {
    // An existential leaf: out(y) = max_x v(x, y), kept for the eval.
    std::shared_ptr<const std::vector<double>> best = settings.truth->maxOverHeads(relation);
    std::copy(best->begin(), best->end(), out.begin());
    return result;
  }
  if (!inverse) {
    // From the rows of the input's support: out(y) = max_x T(in(x), v(x, y)).
    const std::vector<EntityId> &heads = support(input);
    if (heads.empty())
      return result;
    // A chunk of rows at a time, so that a wide support never holds all
    // its rows at once (those the cache keeps stay there).
    const size_t chunk = 256;
    std::vector<EntityId> from;
    for (size_t first = 0; first < heads.size(); first += chunk) {
      from.assign(heads.begin() + first, heads.begin() + std::min(heads.size(), first + chunk));
      settings.truth->rows(relation, from, scratchRows);
      for (size_t i = 0; i < from.size(); ++i) {
        double weight = input->degrees[from[i]];
        for (const TruthEntry &entry : *scratchRows[i])
          out[entry.entity] = std::max(out[entry.entity], conjoin(logic, weight, entry.truth));
      }
    }
    scratchRows.clear();
    return result;
  }
  // Backwards: out(x) = max_y T(in(y), v(x, y)) needs the row of every x;
  // under beam search, only the input's best tails count.
  std::vector<double> kept;
  const std::vector<double> *degrees = &input->degrees;
  if (settings.beam > 0 && !input->universe) {
    kept.assign(input->degrees.size(), 0.0);
    for (EntityId e : support(input))
      kept[e] = input->degrees[e];
    degrees = &kept;
  }
  settings.truth->forEachRow(relation, [&](EntityId x, const TruthRow &row) {
    double best = 0;
    for (const TruthEntry &entry : row)
      best = std::max(best, conjoin(logic, (*degrees)[entry.entity], entry.truth));
    out[x] = best;
  });
  return result;
}

kq_truth *kq_eval::selfLoops(RelationId relation) {
  kq_truth *result = allocate();
  settings.truth->forEachRow(relation, [&](EntityId x, const TruthRow &row) {
    for (const TruthEntry &entry : row)
      if (entry.entity == x)
        result->degrees[x] = entry.truth;
  });
  return result;
}

namespace {
template <typename Combine>
kq_truth *combine(kq_truth *result, const kq_truth *a, const kq_truth *b, Combine combine) {
  for (size_t e = 0; e < result->degrees.size(); ++e)
    result->degrees[e] = combine(a->degrees[e], b->degrees[e]);
  return result;
}
} // namespace

kq_truth *kq_eval::conjunction(kq_truth *a, kq_truth *b) {
  Logic logic = settings.logic;
  return combine(allocate(), a, b, [&](double x, double y) { return conjoin(logic, x, y); });
}

kq_truth *kq_eval::disjunction(kq_truth *a, kq_truth *b) {
  Logic logic = settings.logic;
  return combine(allocate(), a, b, [&](double x, double y) { return disjoin(logic, x, y); });
}

kq_truth *kq_eval::conjunctionWithNegation(kq_truth *a, kq_truth *b) {
  Logic logic = settings.logic;
  return combine(allocate(), a, b, [&](double x, double y) { return conjoin(logic, x, 1.0 - y); });
}

kq_truth *kq_eval::negation(kq_truth *a) {
  kq_truth *result = allocate();
  for (size_t e = 0; e < result->degrees.size(); ++e)
    result->degrees[e] = 1.0 - a->degrees[e];
  return result;
}

kq_truth *kq_eval::guard(kq_truth *value, kq_truth *condition) {
  double holds = 0;
  for (double degree : condition->degrees)
    holds = std::max(holds, degree);
  kq_truth *result = allocate();
  for (size_t e = 0; e < result->degrees.size(); ++e)
    result->degrees[e] = conjoin(settings.logic, value->degrees[e], holds);
  return result;
}

int64_t kq_eval::numCandidates(kq_truth *set) {
  if (!set->hasCandidates) {
    set->candidates = support(set);
    set->hasCandidates = true;
  }
  return int64_t(set->candidates.size());
}

kq_truth *kq_eval::candidate(kq_truth *set, int64_t index) {
  return entity(set->candidates[size_t(index)]);
}

kq_truth *kq_eval::accumulate(kq_truth *accumulator, kq_truth *set, int64_t index,
                              kq_truth *value) {
  double weight = set->degrees[set->candidates[size_t(index)]];
  std::vector<double> &out = accumulator->degrees;
  for (size_t e = 0; e < out.size(); ++e)
    out[e] = std::max(out[e], conjoin(settings.logic, weight, value->degrees[e]));
  return accumulator;
}
