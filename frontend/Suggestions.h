//===- Suggestions.h - "did you mean" for unknown names -------------------===//
#ifndef KQ_FRONTEND_SUGGESTIONS_H
#define KQ_FRONTEND_SUGGESTIONS_H

#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <string>

namespace kq {

/// The candidate closest to `name` by edit distance, if it is close enough
/// to be worth suggesting; empty otherwise.
template <typename Range> std::string closestName(llvm::StringRef name, const Range &candidates) {
  std::string best;
  // Long names get no suggestion: the distance would cost too much to find.
  if (name.size() > 256)
    return best;
  unsigned bestDistance = std::min<unsigned>(std::max<unsigned>(2, name.size() / 3), 6) + 1;
  for (llvm::StringRef candidate : candidates) {
    size_t lengthGap = candidate.size() > name.size() ? candidate.size() - name.size()
                                                      : name.size() - candidate.size();
    if (lengthGap >= bestDistance)
      continue;
    unsigned distance = name.edit_distance(candidate, true, bestDistance);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate.str();
    }
  }
  return best;
}

/// "; did you mean 'X'?" for a non-empty suggestion.
inline std::string didYouMean(const std::string &suggestion) {
  return suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?";
}

} // namespace kq

#endif // KQ_FRONTEND_SUGGESTIONS_H
