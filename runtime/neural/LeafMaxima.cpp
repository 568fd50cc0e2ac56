//===- LeafMaxima.cpp - An existential leaf's truth at chosen tails -------===//

#include "runtime/neural/LeafMaxima.h"
#include "runtime/neural/AtomTruth.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace kq::runtime;

namespace {

/// How many of a relation's most frequent tails have their exponentials
/// summed exactly in each head's bound.
constexpr size_t kExactTails = 128;

/// Relative room left above a bound for the rounding of the kernels'
/// exponentials and sums, far more than they can differ by.
constexpr double kSlack = 1e-3;

/// How far below the row's largest score the best observed tail may be
/// before its exponential could underflow in the softmax kernel; a head
/// past that gets no bound (its row is always computed).
template <typename T> constexpr double underflowMargin() { return sizeof(T) == 4 ? 50.0 : 600.0; }

bool isDistance(ModelFamily family) {
  return family == ModelFamily::TransE || family == ModelFamily::RotatE;
}

/// The distance the distance families' scores subtract from gamma, as the
/// rows kernel accumulates it: L1 for TransE, the sum of the complex
/// moduli for RotatE.
template <typename A, typename B>
double distance(ModelFamily family, const A *a, const B *b, int64_t dim) {
  double total = 0;
  if (family == ModelFamily::RotatE) {
    const int64_t half = dim / 2;
    for (int64_t k = 0; k < half; ++k) {
      double real = double(a[k]) - double(b[k]), imag = double(a[k + half]) - double(b[k + half]);
      total += std::sqrt(real * real + imag * imag);
    }
  } else {
    for (int64_t k = 0; k < dim; ++k)
      total += std::fabs(double(a[k]) - double(b[k]));
  }
  return total;
}

template <typename T> double normOf(ModelFamily family, const T *row, int64_t dim) {
  double total = 0;
  for (int64_t k = 0; k < dim; ++k)
    total += isDistance(family) ? std::fabs(double(row[k])) : double(row[k]) * double(row[k]);
  return isDistance(family) ? total : std::sqrt(total);
}

/// A set of entity rows summarised for Jensen's bound: their sum and,
/// for the distance families, the mean distance to their centroid.
struct RowSummary {
  std::vector<double> sum;
  int64_t count = 0;
  double spread = 0;
};

template <typename T>
RowSummary summarise(ModelFamily family, const T *rows, int64_t dim, const EntityId *begin,
                     const EntityId *end, const std::vector<int32_t> &exactIndex, bool complement,
                     int64_t numEntities) {
  RowSummary summary;
  summary.sum.assign(size_t(dim), 0.0);
  auto member = [&](EntityId e) { return exactIndex[e] < 0; };
  auto visit = [&](auto &&each) {
    if (complement) {
      for (int64_t e = 0; e < numEntities; ++e)
        if (member(EntityId(e)))
          each(EntityId(e));
    } else {
      for (const EntityId *e = begin; e != end; ++e)
        if (member(*e))
          each(*e);
    }
  };
  visit([&](EntityId e) {
    const T *row = rows + int64_t(e) * dim;
    for (int64_t k = 0; k < dim; ++k)
      summary.sum[size_t(k)] += double(row[k]);
    ++summary.count;
  });
  if (summary.count > 0 && isDistance(family)) {
    std::vector<double> centroid(summary.sum);
    for (double &c : centroid)
      c /= double(summary.count);
    double spread = 0;
    visit([&](EntityId e) {
      spread += distance(family, rows + int64_t(e) * dim, centroid.data(), dim);
    });
    summary.spread = spread / double(summary.count);
  }
  return summary;
}

} // namespace

template <typename T> struct LeafMaxima<T>::Relation {
  std::once_flag bounded;
  /// A head's truth at y is at most exp(score - logBound[x]) * (1 +
  /// kSlack), so it can pass the threshold only when its score there is
  /// above logBound[x] + log(threshold / (1 + kSlack)). -inf: no bound.
  std::vector<double> logBound;
  std::mutex lock;
  std::unordered_map<EntityId, double> known; // maxima found, by tail
};

template <typename T>
LeafMaxima<T>::LeafMaxima(AtomTruth &truth, const RowScorer<T> &scorer, const GraphIndex &observed,
                          double threshold)
    : truth(truth), scorer(scorer), observed(observed), threshold(threshold) {
  const Model &model = scorer.modelScored();
  const int64_t dim = int64_t(model.entityDim());
  const T *rows = model.entities.data<T>();
  for (int64_t e = 0; e < int64_t(model.entities.rows); ++e)
    largestNorm = std::max(largestNorm, normOf(model.family, rows + e * dim, dim));
}

template <typename T> LeafMaxima<T>::~LeafMaxima() = default;

template <typename T>
typename LeafMaxima<T>::Relation &LeafMaxima<T>::relationOf(RelationId relation) {
  Relation *bounds;
  {
    std::lock_guard<std::mutex> guard(lock);
    auto &slot = relations[relation];
    if (!slot)
      slot = std::make_unique<Relation>();
    bounds = slot.get();
  }
  std::call_once(bounds->bounded, [&] { computeBounds(relation, *bounds); });
  return *bounds;
}

template <typename T>
double LeafMaxima<T>::meanScoreBound(const T *query, const std::vector<double> &sum, int64_t count,
                                     double spread) const {
  const Model &model = scorer.modelScored();
  const int64_t dim = int64_t(model.entityDim());
  const double epsilon = std::numeric_limits<T>::epsilon();
  const double queryNorm = normOf(model.family, query, dim);
  if (!isDistance(model.family)) {
    double dot = 0;
    for (int64_t k = 0; k < dim; ++k)
      dot += double(query[k]) * sum[size_t(k)];
    // Each kernel score is within dim * epsilon * |q| |e| of the exact dot.
    return dot / double(count) - double(dim) * epsilon * queryNorm * largestNorm;
  }
  std::vector<double> centroid(sum);
  for (double &c : centroid)
    c /= double(count);
  // mean |q - e| <= |q - c| + mean |e - c| (the triangle inequality).
  double far = distance(model.family, query, centroid.data(), dim) + spread;
  double rounding = 2.0 * double(dim + 4) * epsilon * (queryNorm + largestNorm + model.gamma);
  return model.gamma - far - rounding;
}

template <typename T> void LeafMaxima<T>::computeBounds(RelationId relation, Relation &bounds) {
  const Model &model = scorer.modelScored();
  const int64_t numEntities = int64_t(model.entities.rows);
  const int64_t dim = int64_t(model.entityDim());
  const T *rows = model.entities.data<T>();
  const Adjacency &edges = observed.forward[relation];

  // The relation's most frequent observed tails, scored exactly.
  std::vector<int64_t> frequency(size_t(numEntities), 0);
  for (EntityId tail : edges.targets)
    ++frequency[tail];
  std::vector<EntityId> exact;
  for (int64_t e = 0; e < numEntities; ++e)
    if (frequency[size_t(e)] > 0)
      exact.push_back(EntityId(e));
  auto moreFrequent = [&](EntityId a, EntityId b) {
    return frequency[a] != frequency[b] ? frequency[a] > frequency[b] : a < b;
  };
  if (exact.size() > kExactTails) {
    std::nth_element(exact.begin(), exact.begin() + kExactTails, exact.end(), moreFrequent);
    exact.resize(kExactTails);
  }
  std::sort(exact.begin(), exact.end());
  std::vector<int32_t> exactIndex(size_t(numEntities), -1);
  for (size_t i = 0; i < exact.size(); ++i)
    exactIndex[exact[i]] = int32_t(i);
  int64_t numChosen = 0;
  std::vector<T> chosen = packPanels<T>(model.entities, scorer.panelWidth(), numChosen, &exact);
  const int64_t chosenLength = numChosen * scorer.panelWidth();
  const RowSummary others =
      summarise(model.family, rows, dim, nullptr, nullptr, exactIndex, true, numEntities);

  const double epsilon = std::numeric_limits<T>::epsilon();
  bounds.logBound.assign(size_t(numEntities), -std::numeric_limits<double>::infinity());
  std::vector<T> queries, scores;
  std::vector<EntityId> heads;
  std::vector<double> exps;
  for (int64_t first = 0; first < numEntities; first += scorer.blockSize()) {
    consecutiveHeads(first, scorer.blockSize(), numEntities, heads);
    int64_t padded = scorer.queries(relation, heads.data(), int64_t(heads.size()), queries);
    if (numChosen > 0)
      scorer.scoreAgainst(queries, padded, chosen, numChosen, scores);
    for (size_t i = 0; i < heads.size(); ++i) {
      const EntityId head = heads[i];
      const T *query = queries.data() + int64_t(i) * dim;
      const T *scored = numChosen > 0 ? scores.data() + int64_t(i) * chosenLength : nullptr;
      auto [begin, end] = edges.neighbors(head);
      const int64_t numObserved = end - begin;
      // The denominator's set: the observed tails, or every entity.
      double largestExact = -std::numeric_limits<double>::infinity();
      exps.clear();
      auto exactTerm = [&](EntityId t) {
        double s = double(scored[exactIndex[t]]);
        exps.push_back(s);
        largestExact = std::max(largestExact, s);
      };
      RowSummary rest;
      if (numObserved > 0) {
        for (const EntityId *t = begin; t != end; ++t)
          if (exactIndex[*t] >= 0)
            exactTerm(*t);
        rest = summarise(model.family, rows, dim, begin, end, exactIndex, false, numEntities);
      } else {
        for (EntityId t : exact)
          exactTerm(t);
      }
      const RowSummary &jensen = numObserved > 0 ? rest : others;
      double mean = jensen.count > 0
                        ? meanScoreBound(query, jensen.sum, jensen.count, jensen.spread)
                        : -std::numeric_limits<double>::infinity();
      double shift = std::max(largestExact, mean);
      if (numObserved > 0) {
        // The kernel's observed mass must not underflow: its best observed
        // tail (at least `shift`) must be near the row's largest score.
        double largestScore =
            isDistance(model.family)
                ? model.gamma
                : normOf(model.family, query, dim) * largestNorm * (1.0 + double(dim) * epsilon);
        if (largestScore - shift > underflowMargin<T>())
          continue;
      }
      double mass = 0;
      for (double s : exps)
        mass += std::exp(s - shift);
      if (jensen.count > 0)
        mass += double(jensen.count) * std::exp(mean - shift);
      double logBound = shift + std::log(mass);
      if (numObserved > 0)
        logBound -= std::log(double(numObserved)); // v = n * exp(s) / mass
      bounds.logBound[head] = logBound;
    }
  }
}

template <typename T>
void LeafMaxima<T>::at(RelationId relation, const std::vector<EntityId> &tails,
                       std::vector<double> &out) {
  Relation &bounds = relationOf(relation);
  out.assign(tails.size(), 0.0);

  // Stated facts make a tail certain; maxima found before are kept.
  std::vector<size_t> open;
  {
    std::lock_guard<std::mutex> guard(bounds.lock);
    for (size_t i = 0; i < tails.size(); ++i) {
      auto [begin, end] = observed.backward[relation].neighbors(tails[i]);
      if (begin != end) {
        out[i] = 1.0;
        continue;
      }
      auto found = bounds.known.find(tails[i]);
      if (found != bounds.known.end())
        out[i] = found->second;
      else
        open.push_back(i);
    }
  }
  if (open.empty())
    return;
  tailsBounded += int64_t(open.size());
  // A few thousand tails at a time, so that their panels, bounds and rows
  // stay small however many tails are asked.
  const size_t chunk = 2048;
  std::vector<EntityId> openTails;
  std::vector<double> best;
  for (size_t first = 0; first < open.size(); first += chunk) {
    openTails.clear();
    for (size_t j = first; j < std::min(open.size(), first + chunk); ++j)
      openTails.push_back(tails[open[j]]);
    maximaAt(relation, bounds, openTails, best);
    std::lock_guard<std::mutex> guard(bounds.lock);
    for (size_t j = 0; j < openTails.size(); ++j) {
      out[open[first + j]] = best[j];
      bounds.known.emplace(openTails[j], best[j]);
    }
  }
}

template <typename T>
void LeafMaxima<T>::maximaAt(RelationId relation, Relation &bounds,
                             const std::vector<EntityId> &openTails, std::vector<double> &best) {
  const Model &model = scorer.modelScored();
  const int64_t numEntities = int64_t(model.entities.rows);
  // Every head's bound at every open tail, from one pass of the kernel.
  int64_t numChosen = 0;
  std::vector<T> chosen = packPanels<T>(model.entities, scorer.panelWidth(), numChosen, &openTails);
  const int64_t chosenLength = numChosen * scorer.panelWidth();
  struct Contender {
    double bound;
    EntityId head;
  };
  std::vector<std::vector<Contender>> contenders(openTails.size());
  std::vector<T> queries, scores;
  std::vector<EntityId> heads;
  const double cutOffset = std::log(threshold / (1.0 + kSlack));
  for (int64_t first = 0; first < numEntities; first += scorer.blockSize()) {
    consecutiveHeads(first, scorer.blockSize(), numEntities, heads);
    int64_t padded = scorer.queries(relation, heads.data(), int64_t(heads.size()), queries);
    scorer.scoreAgainst(queries, padded, chosen, numChosen, scores);
    for (size_t i = 0; i < heads.size(); ++i) {
      const EntityId head = heads[i];
      const double logBound = bounds.logBound[head], cut = logBound + cutOffset;
      const T *scored = scores.data() + int64_t(i) * chosenLength;
      for (size_t j = 0; j < openTails.size(); ++j) {
        double s = double(scored[j]);
        if (!(s > cut))
          continue;
        double bound = std::isinf(logBound) ? std::numeric_limits<double>::infinity()
                                            : std::exp(s - logBound) * (1.0 + kSlack);
        contenders[j].push_back({bound, head});
      }
    }
  }
  for (auto &list : contenders)
    std::sort(list.begin(), list.end(), [](const Contender &a, const Contender &b) {
      return a.bound != b.bound ? a.bound > b.bound : a.head < b.head;
    });

  // The rows of the contenders that can still beat a tail's best, most
  // promising first, a few a tail a round.
  best.assign(openTails.size(), 0.0);
  std::vector<size_t> next(openTails.size(), 0);
  std::vector<SharedRow> fetched;
  for (size_t step = 2;; step *= 2) {
    heads.clear();
    std::vector<std::pair<size_t, size_t>> taken(openTails.size()); // [from, to) of contenders[j]
    for (size_t j = 0; j < openTails.size(); ++j) {
      size_t from = next[j], to = next[j];
      while (to < contenders[j].size() && to - from < step && best[j] < kMostUncertainTruth &&
             contenders[j][to].bound > best[j])
        heads.push_back(contenders[j][to++].head);
      taken[j] = {from, to};
    }
    if (heads.empty())
      break;
    std::sort(heads.begin(), heads.end());
    heads.erase(std::unique(heads.begin(), heads.end()), heads.end());
    truth.rows(relation, heads, fetched);
    rowsNeeded += int64_t(heads.size());
    for (size_t j = 0; j < openTails.size(); ++j) {
      for (size_t c = taken[j].first; c < taken[j].second; ++c) {
        size_t at = size_t(std::lower_bound(heads.begin(), heads.end(), contenders[j][c].head) -
                           heads.begin());
        best[j] = std::max(best[j], fetched[at]->truthAt(openTails[j]));
      }
      next[j] = taken[j].second;
    }
  }
}

template class kq::runtime::LeafMaxima<float>;
template class kq::runtime::LeafMaxima<double>;
