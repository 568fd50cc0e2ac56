//===- FuzzyWorker.cpp - Truth vectors and the connectives on them --------===//

#include "runtime/neural/FuzzyWorker.h"

#include <algorithm>

using namespace kq::runtime;

namespace {
/// Orders entities by degree, highest first, the lower id among equals:
/// the beam's choice and the order a negated projection takes candidates in.
auto bestFirst(const std::vector<double> &degrees) {
  return [&degrees](EntityId a, EntityId b) {
    return degrees[a] != degrees[b] ? degrees[a] > degrees[b] : a < b;
  };
}
} // namespace

kq_truth *kq_eval::allocate() {
  if (used == vectors.size())
    vectors.push_back(std::make_unique<kq_truth>());
  kq_truth *vector = vectors[used++].get();
  vector->degrees.assign(size_t(settings.truth->numEntities()), 0.0);
  vector->universe = false;
  vector->deferredLeaf = -1;
  vector->hasCandidates = false;
  vector->candidates.clear();
  vector->candidateOf = nullptr;
  vector->candidateRows.clear();
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
    // The beam's best.
    std::nth_element(ids.begin(), ids.begin() + settings.beam, ids.end(), bestFirst(degrees));
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
    // An existential leaf, out(y) = max_x v(x, y): left to its consumer,
    // which may need it at a few entities only.
    result->deferredLeaf = int64_t(relation);
    return result;
  }
  input = filled(input);
  if (!inverse) {
    // From the rows of the input's support: out(y) = max_x T(in(x), v(x, y)).
    if (input->candidateOf) {
      // One candidate of a kq.foreach: its row alone, weighted by 1.
      candidateRow(input, relation)->forEach([&](EntityId tail, double degree) {
        out[tail] = std::max(out[tail], conjoin(logic, 1.0, degree));
      });
      return result;
    }
    const std::vector<EntityId> &heads = support(input);
    if (heads.empty())
      return result;
    // A chunk of rows at a time, so that a wide support never holds all
    // its rows at once (those the cache keeps stay there).
    const size_t chunk = 192;
    std::vector<EntityId> from;
    for (size_t first = 0; first < heads.size(); first += chunk) {
      from.assign(heads.begin() + first, heads.begin() + std::min(heads.size(), first + chunk));
      settings.truth->rows(relation, from, scratchRows);
      for (size_t i = 0; i < from.size(); ++i) {
        double weight = input->degrees[from[i]];
        scratchRows[i]->forEach([&](EntityId tail, double degree) {
          out[tail] = std::max(out[tail], conjoin(logic, weight, degree));
        });
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
    row.forEach([&](EntityId tail, double degree) {
      best = std::max(best, conjoin(logic, (*degrees)[tail], degree));
    });
    out[x] = best;
  });
  return result;
}

kq_truth *kq_eval::filled(kq_truth *vector) {
  if (vector->deferredLeaf < 0)
    return vector;
  // The maxima at every entity, computed once for the eval.
  std::shared_ptr<const std::vector<double>> best =
      settings.truth->maxOverHeads(RelationId(vector->deferredLeaf));
  std::copy(best->begin(), best->end(), vector->degrees.begin());
  vector->deferredLeaf = -1;
  return vector;
}

kq_truth *kq_eval::conjunctionWithLeaf(kq_truth *a, kq_truth *leaf, bool negated) {
  const Logic logic = settings.logic;
  std::vector<EntityId> &ids = scratchSupport;
  ids.clear();
  for (size_t e = 0; e < a->degrees.size(); ++e)
    if (a->degrees[e] > 0)
      ids.push_back(EntityId(e));
  if (ids.size() > a->degrees.size() / 2) {
    // Wide: the leaf's maxima everywhere cost no more (bounding the maxima
    // at these tails scores every head against half the entities, and
    // then needs rows besides), and are kept.
    filled(leaf);
    return negated ? conjunctionWithNegation(a, leaf) : conjunction(a, leaf);
  }
  kq_truth *result = allocate();
  settings.truth->maxOverHeadsAt(RelationId(leaf->deferredLeaf), ids, scratchDegrees);
  for (size_t i = 0; i < ids.size(); ++i) {
    double other = negated ? 1.0 - scratchDegrees[i] : scratchDegrees[i];
    result->degrees[ids[i]] = conjoin(logic, a->degrees[ids[i]], other);
  }
  return result;
}

kq_truth *kq_eval::projectNegated(kq_truth *set, std::optional<RelationId> relation) {
  numCandidates(set);
  const std::vector<double> &weights = set->degrees;
  std::vector<EntityId> order = set->candidates;
  std::sort(order.begin(), order.end(), bestFirst(weights));
  kq_truth *result = allocate();
  std::vector<double> &out = result->degrees;
  const Logic logic = settings.logic;
  // The entities whose maximum a later candidate may still raise, in
  // increasing order: T(w, 1 - v) <= w, so once out(y) reaches the next
  // candidate's degree, y is done.
  std::vector<EntityId> open(out.size());
  for (size_t y = 0; y < open.size(); ++y)
    open[y] = EntityId(y);
  const size_t chunk = 8; // rows fetched at once; most entities are done after the first
  std::vector<EntityId> heads;
  std::vector<SharedRow> rows;
  const SharedRow noAtoms = std::make_shared<const TruthRow>(true, 0.0);
  for (size_t first = 0; first < order.size() && !open.empty(); first += chunk) {
    heads.assign(order.begin() + first, order.begin() + std::min(order.size(), first + chunk));
    if (relation)
      settings.truth->rows(*relation, heads, rows);
    else
      rows.assign(heads.size(), noAtoms);
    for (size_t i = 0; i < heads.size() && !open.empty(); ++i) {
      const double weight = weights[heads[i]];
      const std::vector<EntityId> &tails = rows[i]->tailIds();
      size_t at = 0; // the row's next tail, both lists being in order
      for (EntityId y : open) {
        while (at < tails.size() && tails[at] < y)
          ++at;
        double atom = at < tails.size() && tails[at] == y ? rows[i]->truth(at) : 0.0;
        out[y] = std::max(out[y], conjoin(logic, weight, 1.0 - atom));
      }
      size_t next = first + i + 1;
      if (next == order.size())
        break;
      const double bound = weights[order[next]];
      open.erase(
          std::remove_if(open.begin(), open.end(), [&](EntityId y) { return out[y] >= bound; }),
          open.end());
    }
  }
  rows.clear();
  return result;
}

kq_truth *kq_eval::selfLoops(RelationId relation) {
  kq_truth *result = allocate();
  settings.truth->forEachRow(relation, [&](EntityId x, const TruthRow &row) {
    row.forEach([&](EntityId tail, double degree) {
      if (tail == x)
        result->degrees[x] = degree;
    });
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
  if ((a->deferredLeaf < 0) != (b->deferredLeaf < 0))
    return a->deferredLeaf < 0 ? conjunctionWithLeaf(a, b, false)
                               : conjunctionWithLeaf(b, a, false);
  a = filled(a), b = filled(b);
  Logic logic = settings.logic;
  return combine(allocate(), a, b, [&](double x, double y) { return conjoin(logic, x, y); });
}

kq_truth *kq_eval::conjunctionWithNegation(kq_truth *a, kq_truth *b) {
  if (a->deferredLeaf < 0 && b->deferredLeaf >= 0)
    return conjunctionWithLeaf(a, b, true);
  a = filled(a), b = filled(b);
  Logic logic = settings.logic;
  return combine(allocate(), a, b, [&](double x, double y) { return conjoin(logic, x, 1.0 - y); });
}

int64_t kq_eval::numCandidates(kq_truth *set) {
  set = filled(set);
  if (!set->hasCandidates) {
    set->candidates = support(set);
    set->hasCandidates = true;
  }
  return int64_t(set->candidates.size());
}

kq_truth *kq_eval::candidate(kq_truth *set, int64_t index) {
  kq_truth *result = entity(set->candidates[size_t(index)]);
  result->candidateOf = set;
  result->candidateIndex = index;
  return result;
}

SharedRow kq_eval::candidateRow(kq_truth *candidate, RelationId relation) {
  // Iterations run in order, so the chunk that starts at this candidate
  // serves the next ones too: whole blocks of heads for the kernel instead
  // of one head padded to a block.
  const size_t chunk = 192;
  kq_truth &set = *candidate->candidateOf;
  const size_t index = size_t(candidate->candidateIndex);
  auto fetched =
      std::find_if(set.candidateRows.begin(), set.candidateRows.end(),
                   [&](const kq_truth::CandidateRows &c) { return c.relation == relation; });
  if (fetched == set.candidateRows.end()) {
    set.candidateRows.push_back({relation, 0, {}});
    fetched = set.candidateRows.end() - 1;
  }
  if (index < fetched->first || index >= fetched->first + fetched->rows.size()) {
    size_t last = std::min(set.candidates.size(), index + chunk);
    std::vector<EntityId> heads(set.candidates.begin() + index, set.candidates.begin() + last);
    settings.truth->rows(relation, heads, fetched->rows);
    fetched->first = index;
  }
  return fetched->rows[index - fetched->first];
}
