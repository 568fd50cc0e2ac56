//===- Pickle.h - Writing Python pickles ----------------------------------===//
//
// The CQA code bases (BetaE/KGReasoning, CQD, QTO) read their benchmarks as
// pickled dicts of tuples, sets and ints. This writes that subset of pickle
// protocol 4 (unframed, which the protocol allows), so Python's `pickle.load`
// reads the files directly.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_BENCH_PICKLE_H
#define KQ_RUNTIME_BENCH_PICKLE_H

#include <cstdint>
#include <string>
#include <string_view>

namespace kq::runtime {

class PickleWriter {
public:
  PickleWriter();
  /// Values, pushed on the unpickler's stack.
  void integer(int64_t value);
  void string(std::string_view value);
  /// Containers: begin..end around the items (dict items as key, value).
  void beginTuple();
  void endTuple();
  void beginSet();
  void endSet();
  void beginDict();
  void endDict();
  /// The whole pickle, ended.
  std::string finish();

private:
  std::string bytes;
};

/// A BetaE query structure such as "((e,(r,r,n)),(e,(r,)))": the structure
/// tuple of BetaE's query_name_dict ('e', 'r', 'n', 'u' as strings), or a
/// query of it, where the i-th e and the j-th r are entities[i] and
/// relations[j], n is -2 and u is -1.
bool pickleStructure(PickleWriter &out, std::string_view structure);
bool pickleQuery(PickleWriter &out, std::string_view structure, const int64_t *entities,
                 const int64_t *relations);

} // namespace kq::runtime

#endif // KQ_RUNTIME_BENCH_PICKLE_H
