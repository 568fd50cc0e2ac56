//===- GraphCache.cpp - Binary caches of loaded graphs ---------------------===//
//
// Layout (native byte order; a cache never leaves the machine that wrote it):
//   "KQGRAPH3"  32 bytes: the SHA-256 of everything after them, so a cache
//               edited or truncated in place is noticed and rebuilt
//   u32 key length, key   the inputs' names and sizes and modification
//                         times, or their SHA-256 digests (byContent)
//   entities:   u32 count, then u32 length + bytes per name, in id order
//   relations:  the same
//   per split:  u64 count, then count triples of three u32
//
//===----------------------------------------------------------------------===//

#include "runtime/graph/GraphCache.h"
#include "runtime/support/AtomicFile.h"
#include "runtime/support/Files.h"
#include "runtime/support/Sha256.h"

#include <fmt/format.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace kq::runtime;

namespace {

// The format's version, raised when what a cached graph may hold changes
// (2: names are checked to be UTF-8; 3: a checksum of the cache's bytes).
constexpr char kMagic[8] = {'K', 'Q', 'G', 'R', 'A', 'P', 'H', '3'};
constexpr size_t kDigestSize = 32;

/// What the cache of `folder` must match: every input file's size and
/// modification time, or its contents' digest (absent files included, as
/// absent). Empty when an input cannot be read for its digest.
std::string cacheKey(const std::string &folder, const GraphCacheOptions &options) {
  std::string key = folder + (options.byContent ? "\ncontent\n" : "\n");
  for (const char *name :
       {"train.txt", "valid.txt", "test.txt", "entities.dict", "relations.dict"}) {
    std::string path = folder + "/" + name;
    struct stat info;
    if (stat(path.c_str(), &info) != 0) {
      key += fmt::format("{} absent\n", name);
    } else if (options.byContent) {
      std::string contents, reason;
      if (!readWholeFile(path, contents, reason))
        return {};
      key += fmt::format("{} {}\n", name, sha256Hex(contents));
    } else {
      key += fmt::format("{} {} {}.{}\n", name, info.st_size, info.st_mtim.tv_sec,
                         info.st_mtim.tv_nsec);
    }
  }
  return key;
}

std::string cachePath(const std::string &folder, const GraphCacheOptions &options) {
  const std::string &directory = options.folder;
  if (directory.empty())
    return {};
  char resolved[PATH_MAX];
  std::string absolute = realpath(folder.c_str(), resolved) ? resolved : folder;
  return fmt::format("{}/{:016x}.kqgraph", directory, std::hash<std::string>()(absolute));
}

/// Reads values from a mapped cache, failing on anything out of bounds.
class Reader {
public:
  Reader(const char *data, size_t size) : cursor(data), end(data + size) {}
  bool bytes(void *out, size_t size) {
    if (static_cast<size_t>(end - cursor) < size)
      return false;
    std::memcpy(out, cursor, size);
    cursor += size;
    return true;
  }
  template <typename T> bool value(T &out) { return bytes(&out, sizeof(T)); }
  size_t remaining() const { return size_t(end - cursor); }
  bool string(std::string &out) {
    uint32_t length;
    if (!value(length) || static_cast<size_t>(end - cursor) < length)
      return false;
    out.assign(cursor, length);
    cursor += length;
    return true;
  }
  bool dictionary(Dictionary &dictionary) {
    uint32_t count;
    if (!value(count))
      return false;
    std::string name;
    for (uint32_t i = 0; i < count; ++i) {
      if (!string(name) || dictionary.intern(name) != i)
        return false; // a name twice: not a cache this code wrote
    }
    return true;
  }

private:
  const char *cursor;
  const char *end;
};

void appendString(std::string &out, const std::string &text) {
  uint32_t length = static_cast<uint32_t>(text.size());
  out.append(reinterpret_cast<const char *>(&length), sizeof(length));
  out += text;
}

void appendDictionary(std::string &out, const Dictionary &dictionary) {
  uint32_t count = static_cast<uint32_t>(dictionary.size());
  out.append(reinterpret_cast<const char *>(&count), sizeof(count));
  for (uint32_t i = 0; i < count; ++i)
    appendString(out, dictionary.name(i));
}

} // namespace

std::string kq::runtime::graphCacheKey(const std::string &folder,
                                       const GraphCacheOptions &options) {
  return options.folder.empty() ? "" : cacheKey(folder, options);
}

std::unique_ptr<Graph> kq::runtime::readGraphCache(const std::string &folder,
                                                   const std::string &expectedKey,
                                                   const GraphCacheOptions &options) {
  std::string path = cachePath(folder, options);
  if (expectedKey.empty() || path.empty() || !isPrivateFolder(options.folder))
    return nullptr;
  // Only a regular file this user owns and nobody else may write is read:
  // a FIFO planted in the folder must not block, another user's file not
  // be trusted.
  std::string reason;
  int fd = openRegularFile(path, reason);
  if (fd < 0)
    return nullptr;
  struct stat info;
  void *mapped = MAP_FAILED;
  if (fstat(fd, &info) == 0 && info.st_uid == geteuid() && (info.st_mode & 022) == 0 &&
      size_t(info.st_size) > sizeof(kMagic) + kDigestSize)
    mapped = mmap(nullptr, info.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (mapped == MAP_FAILED)
    return nullptr;

  const char *bytes = static_cast<const char *>(mapped);
  size_t headerSize = sizeof(kMagic) + kDigestSize;
  bool intact = std::memcmp(bytes, kMagic, sizeof(kMagic)) == 0 &&
                sha256(std::string_view(bytes + headerSize, info.st_size - headerSize)) ==
                    *reinterpret_cast<const Sha256Digest *>(bytes + sizeof(kMagic));
  Reader reader(bytes + headerSize, info.st_size - headerSize);
  std::string key;
  Dictionary entities, relations;
  std::array<std::vector<Triple>, 3> splits;
  bool ok = intact && reader.string(key) && key == expectedKey && reader.dictionary(entities) &&
            reader.dictionary(relations);
  for (auto &triples : splits) {
    uint64_t count = 0;
    // A count the bytes left cannot hold is not resized to.
    ok = ok && reader.value(count) && count <= reader.remaining() / sizeof(Triple);
    if (!ok)
      break;
    triples.resize(count);
    ok = reader.bytes(triples.data(), count * sizeof(Triple));
  }
  munmap(mapped, info.st_size);
  if (!ok)
    return nullptr;
  for (const auto &triples : splits)
    for (const Triple &triple : triples)
      if (triple.head >= entities.size() || triple.tail >= entities.size() ||
          triple.relation >= relations.size())
        return nullptr;
  return Graph::assemble(std::move(entities), std::move(relations), std::move(splits));
}

void kq::runtime::writeGraphCache(const std::string &folder, const std::string &key,
                                  const Graph &graph, const GraphCacheOptions &options) {
  std::string path = cachePath(folder, options);
  if (key.empty() || path.empty())
    return;
  // Private to this user (fails harmlessly when it exists); a folder that
  // is not is not written to.
  mkdir(options.folder.c_str(), 0700);
  if (!isPrivateFolder(options.folder))
    return;
  std::string contents;
  appendString(contents, key);
  appendDictionary(contents, graph.entities());
  appendDictionary(contents, graph.relations());
  for (Split split : {Split::Train, Split::Valid, Split::Test}) {
    const std::vector<Triple> &triples = graph.triples(split);
    uint64_t count = triples.size();
    contents.append(reinterpret_cast<const char *>(&count), sizeof(count));
    contents.append(reinterpret_cast<const char *>(triples.data()), count * sizeof(Triple));
  }
  Sha256Digest digest = sha256(contents);
  std::string header(kMagic, sizeof(kMagic));
  header.append(reinterpret_cast<const char *>(digest.data()), digest.size());
  // Readers never see half a cache; a cache that cannot be written only
  // costs the next run a parse.
  WriteOptions write;
  write.newFileMode = 0600;
  write.force = true;
  write.followSymlinks = false;
  std::string error;
  (void)writeFileAtomically(path, header + contents, write, error);
}
