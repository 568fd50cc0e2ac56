//===- HardAnswerRanks.cpp - Ranks of hard answers and their means --------===//

#include "runtime/neural/HardAnswerRanks.h"

#include <algorithm>
#include <numeric>

using namespace kq::runtime;

template <typename T>
std::vector<double>
kq::runtime::rankHardAnswers(const T *scores, size_t numEntities, const std::vector<EntityId> &easy,
                             const std::vector<EntityId> &hard, TiePolicy ties) {
  // The hard answers' scores in increasing order; an entity that is no
  // answer outscores a prefix of them and ties with a run after it.
  std::vector<double> sorted;
  for (EntityId h : hard)
    sorted.push_back(double(scores[h]));
  std::sort(sorted.begin(), sorted.end());
  const size_t n = sorted.size();
  std::vector<int64_t> above(n + 1, 0), equal(n + 1, 0); // difference arrays
  std::vector<bool> answer(numEntities, false);
  for (EntityId e : easy)
    answer[e] = true;
  for (EntityId h : hard)
    answer[h] = true;
  for (size_t e = 0; e < numEntities; ++e) {
    if (answer[e])
      continue;
    double score = double(scores[e]);
    size_t lower = size_t(std::lower_bound(sorted.begin(), sorted.end(), score) - sorted.begin());
    size_t upper = size_t(std::upper_bound(sorted.begin(), sorted.end(), score) - sorted.begin());
    // Higher than sorted[0 .. lower), as high as sorted[lower .. upper).
    above[0] += 1;
    above[lower] -= 1;
    equal[lower] += 1;
    equal[upper] -= 1;
  }
  std::partial_sum(above.begin(), above.end(), above.begin());
  std::partial_sum(equal.begin(), equal.end(), equal.begin());
  std::vector<double> ranks;
  for (EntityId h : hard) {
    size_t at =
        size_t(std::lower_bound(sorted.begin(), sorted.end(), double(scores[h])) - sorted.begin());
    ranks.push_back(RankCounts{above[at], equal[at]}.rank(ties));
  }
  return ranks;
}

template <typename T>
std::vector<std::pair<EntityId, double>>
kq::runtime::topEntities(const T *scores, size_t numEntities, size_t count) {
  std::vector<EntityId> ids(numEntities);
  std::iota(ids.begin(), ids.end(), EntityId(0));
  count = std::min(count, numEntities);
  auto better = [&](EntityId a, EntityId b) {
    return scores[a] != scores[b] ? scores[a] > scores[b] : a < b;
  };
  std::partial_sort(ids.begin(), ids.begin() + count, ids.end(), better);
  std::vector<std::pair<EntityId, double>> top;
  for (size_t i = 0; i < count; ++i)
    top.emplace_back(ids[i], double(scores[ids[i]]));
  return top;
}

void AnswerMetrics::addInstance(const std::vector<double> &ranks) {
  if (ranks.empty())
    return;
  double reciprocal = 0, one = 0, three = 0, ten = 0;
  for (double rank : ranks) {
    reciprocal += 1.0 / rank;
    one += rank <= 1.0;
    three += rank <= 3.0;
    ten += rank <= 10.0;
  }
  double count = double(ranks.size());
  ++instances;
  answers += int64_t(ranks.size());
  mrr += reciprocal / count;
  hits1 += one / count;
  hits3 += three / count;
  hits10 += ten / count;
}

template std::vector<double> kq::runtime::rankHardAnswers<float>(const float *, size_t,
                                                                 const std::vector<EntityId> &,
                                                                 const std::vector<EntityId> &,
                                                                 TiePolicy);
template std::vector<double> kq::runtime::rankHardAnswers<double>(const double *, size_t,
                                                                  const std::vector<EntityId> &,
                                                                  const std::vector<EntityId> &,
                                                                  TiePolicy);
template std::vector<std::pair<EntityId, double>> kq::runtime::topEntities<float>(const float *,
                                                                                  size_t, size_t);
template std::vector<std::pair<EntityId, double>> kq::runtime::topEntities<double>(const double *,
                                                                                   size_t, size_t);
