//===- GraphCache.cpp - Binary caches of loaded graphs ---------------------===//
//
// Layout (native byte order; a cache never leaves the machine that wrote it):
//   "KQGRAPH1"  u32 key length, key        the inputs' names, sizes, mtimes
//   entities:   u32 count, then u32 length + bytes per name, in id order
//   relations:  the same
//   per split:  u64 count, then count triples of three u32
//
//===----------------------------------------------------------------------===//

#include "runtime/GraphCache.h"

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
// (2: names are checked to be UTF-8).
constexpr char kMagic[8] = {'K', 'Q', 'G', 'R', 'A', 'P', 'H', '2'};
std::string configuredDirectory;

/// What the cache of `folder` must match: every input file's size and
/// modification time (absent files included, as absent).
std::string cacheKey(const std::string &folder) {
  std::string key = folder + "\n";
  for (const char *name : {"train.txt", "valid.txt", "test.txt", "entities.dict", "relations.dict"}) {
    struct stat info;
    if (stat((folder + "/" + name).c_str(), &info) != 0)
      key += fmt::format("{} absent\n", name);
    else
      key += fmt::format("{} {} {}.{}\n", name, info.st_size, info.st_mtim.tv_sec,
                         info.st_mtim.tv_nsec);
  }
  return key;
}

std::string cachePath(const std::string &folder) {
  std::string directory = graphCacheDirectory();
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

std::string kq::runtime::graphCacheDirectory() {
  if (const char *fromEnvironment = std::getenv("KQ_CACHE_DIR"))
    return fromEnvironment;
  return configuredDirectory;
}

void kq::runtime::setGraphCacheDirectory(std::string folder) {
  configuredDirectory = std::move(folder);
}

std::unique_ptr<Graph> kq::runtime::readGraphCache(const std::string &folder) {
  std::string path = cachePath(folder);
  if (path.empty())
    return nullptr;
  int fd = open(path.c_str(), O_RDONLY);
  if (fd < 0)
    return nullptr;
  struct stat info;
  void *mapped = MAP_FAILED;
  if (fstat(fd, &info) == 0 && info.st_size > 0)
    mapped = mmap(nullptr, info.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (mapped == MAP_FAILED)
    return nullptr;

  Reader reader(static_cast<const char *>(mapped), info.st_size);
  char magic[sizeof(kMagic)];
  std::string key;
  Dictionary entities, relations;
  std::array<std::vector<Triple>, 3> splits;
  bool ok = reader.bytes(magic, sizeof(magic)) && std::memcmp(magic, kMagic, sizeof(kMagic)) == 0 &&
            reader.string(key) && key == cacheKey(folder) && reader.dictionary(entities) &&
            reader.dictionary(relations);
  for (auto &triples : splits) {
    uint64_t count = 0;
    ok = ok && reader.value(count) && count < (uint64_t(1) << 40);
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

void kq::runtime::writeGraphCache(const std::string &folder, const Graph &graph) {
  std::string path = cachePath(folder);
  if (path.empty())
    return;
  mkdir(graphCacheDirectory().c_str(), 0777); // fails harmlessly when it exists
  std::string contents(kMagic, sizeof(kMagic));
  appendString(contents, cacheKey(folder));
  appendDictionary(contents, graph.entities());
  appendDictionary(contents, graph.relations());
  for (Split split : {Split::Train, Split::Valid, Split::Test}) {
    const std::vector<Triple> &triples = graph.triples(split);
    uint64_t count = triples.size();
    contents.append(reinterpret_cast<const char *>(&count), sizeof(count));
    contents.append(reinterpret_cast<const char *>(triples.data()), count * sizeof(Triple));
  }
  // Written under a temporary name and renamed: readers never see half a cache.
  std::string temporary = path + fmt::format(".tmp-{}", getpid());
  std::FILE *out = std::fopen(temporary.c_str(), "wb");
  if (!out)
    return;
  bool written = std::fwrite(contents.data(), 1, contents.size(), out) == contents.size();
  written &= std::fclose(out) == 0;
  if (!written || std::rename(temporary.c_str(), path.c_str()) != 0)
    std::remove(temporary.c_str());
}
