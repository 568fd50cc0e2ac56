//===- FileGuard.h - A run's inputs and outputs, kept apart ---------------===//
//
// What a run reads (the program's source and imports, the files of its
// graphs, labels and models) and what it writes (`-o`, each `emit`, a
// replies file) are recorded here by device and inode, or by the absolute
// path of a file that does not exist yet. An output that is one of the
// inputs, or that another output of the same run already writes, is
// refused: `kqc run r.kq -o r.kq` must not replace the program, and two
// `emit`s to one path must not keep only the second.
//
//===----------------------------------------------------------------------===//
#ifndef KQ_RUNTIME_SUPPORT_FILEGUARD_H
#define KQ_RUNTIME_SUPPORT_FILEGUARD_H

#include <mutex>
#include <set>
#include <string>
#include <utility>

namespace kq::runtime {

class FileGuard {
public:
  /// Records `path` as an input of the run (a missing file is ignored);
  /// false when it is an output of the run already.
  bool addInput(const std::string &path);
  /// Checks `destination` (what `path` names, through a symbolic link) as
  /// an output of the run and records it; false with `error` when it is an
  /// input or another output's file.
  /// A `shared` output may be written by several outputs of the run.
  bool checkOutput(const std::string &destination, const std::string &path, bool shared,
                   std::string &error);

private:
  std::mutex lock;
  std::set<std::pair<unsigned long, unsigned long>> inputs, outputs; // (device, inode)
  std::set<std::string> newOutputs; // absolute paths of outputs not yet there
};

} // namespace kq::runtime

#endif // KQ_RUNTIME_SUPPORT_FILEGUARD_H
