//===- Graph.cpp - Loading graphs and building their CSR indexes ----------===//

#include "runtime/graph/Graph.h"
#include "runtime/core/Workers.h"
#include "runtime/graph/GraphCache.h"
#include "runtime/support/Files.h"
#include "runtime/support/Json.h"

#include <fmt/format.h>

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <tuple>

using namespace kq::runtime;

uint32_t Dictionary::intern(std::string_view name) {
  auto it = ids.find(name);
  if (it != ids.end())
    return it->second;
  uint32_t id = static_cast<uint32_t>(names.size());
  names.emplace_back(name);
  ids.emplace(names.back(), id);
  return id;
}

std::optional<uint32_t> Dictionary::lookup(std::string_view name) const {
  auto it = ids.find(name);
  if (it == ids.end())
    return std::nullopt;
  return it->second;
}

std::pair<const EntityId *, const EntityId *> Adjacency::neighbors(EntityId source) const {
  auto it = std::lower_bound(sources.begin(), sources.end(), source);
  if (it == sources.end() || *it != source)
    return {nullptr, nullptr};
  size_t row = it - sources.begin();
  return {targets.data() + offsets[row], targets.data() + offsets[row + 1]};
}

namespace {

/// Whether `text` is well-formed UTF-8 (no overlong forms, surrogates, or
/// code points past U+10FFFF).
bool isValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t length = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xe  ? 3
                    : (c >> 3) == 0x1e ? 4
                                       : 0;
    if (length == 0 || i + length > text.size())
      return false;
    uint32_t code = length == 1 ? c : c & (0x7f >> length);
    for (size_t k = 1; k < length; ++k) {
      unsigned char next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xc0) != 0x80)
        return false;
      code = (code << 6) | (next & 0x3f);
    }
    static constexpr uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < smallest[length] || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
      return false;
    i += length;
  }
  return true;
}

bool readFile(const std::string &path, std::string &contents, std::string &reason) {
  return readWholeFile(path, contents, reason);
}

/// Reads an `id<TAB>name` dictionary file into `dictionary` in id order.
bool loadDictionary(const std::string &path, Dictionary &dictionary, std::string &error) {
  std::string contents, reason;
  if (!readFile(path, contents, reason)) {
    error = fmt::format("cannot read '{}': {}", path, reason);
    return false;
  }
  std::vector<std::pair<uint64_t, std::string>> entries;
  bool ok =
      forEachLine(contents, [&](size_t lineNumber, const std::vector<std::string_view> &fields) {
        uint64_t id = 0;
        bool numeric = fields.size() == 2 && !fields[0].empty() &&
                       std::all_of(fields[0].begin(), fields[0].end(),
                                   [](char c) { return c >= '0' && c <= '9'; });
        if (numeric)
          id = std::stoull(std::string(fields[0]));
        if (!numeric || fields[1].empty()) {
          error = fmt::format("{}:{}: expected 'id<TAB>name'", path, lineNumber);
          return false;
        }
        entries.emplace_back(id, std::string(fields[1]));
        return true;
      });
  if (!ok)
    return false;
  std::sort(entries.begin(), entries.end());
  for (size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].first != i) {
      error = fmt::format("{}: ids must be 0, 1, 2, ... without gaps; {} is missing", path, i);
      return false;
    }
    if (dictionary.lookup(entries[i].second)) {
      error = fmt::format("{}: the name '{}' appears twice", path, entries[i].second);
      return false;
    }
    dictionary.intern(entries[i].second);
  }
  return true;
}

/// Whether something is at `path` (without opening it: a FIFO would block).
bool fileExists(const std::string &path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0;
}

} // namespace

std::unique_ptr<Graph> Graph::assemble(Dictionary entities, Dictionary relations,
                                       std::array<std::vector<Triple>, 3> splits) {
  auto graph = std::make_unique<Graph>();
  graph->entityNames = std::move(entities);
  graph->relationNames = std::move(relations);
  graph->splitTriples = std::move(splits);
  return graph;
}

uint64_t Graph::bytesToLoad(const std::string &folder) {
  uint64_t text = 0;
  for (const char *name :
       {"train.txt", "valid.txt", "test.txt", "entities.dict", "relations.dict"}) {
    struct stat info;
    if (stat((folder + "/" + name).c_str(), &info) == 0)
      text += uint64_t(info.st_size);
  }
  // The text read whole, then about as much again in triples (12 bytes a
  // line of some 30), names and the two directions of each index.
  return 2 * text;
}

std::unique_ptr<Graph> Graph::load(const std::string &folder, std::string &error,
                                   const GraphCacheOptions *cache) {
  std::string key = cache ? graphCacheKey(folder, *cache) : "";
  if (!key.empty())
    if (std::unique_ptr<Graph> cached = readGraphCache(folder, key, *cache))
      return cached;
  auto graph = std::make_unique<Graph>();
  // Fixed dictionaries, when present, decide the ids (and so the rows of
  // trained embeddings); otherwise ids follow first appearance.
  bool fixedEntities = fileExists(folder + "/entities.dict");
  bool fixedRelations = fileExists(folder + "/relations.dict");
  // One fixes the row order of a model's table, the other the rest: with
  // only one, rows would silently be numbered some other way.
  if (fixedEntities != fixedRelations) {
    error = fmt::format("'{}' has {} but not {}: give both id files or neither", folder,
                        fixedEntities ? "entities.dict" : "relations.dict",
                        fixedEntities ? "relations.dict" : "entities.dict");
    return nullptr;
  }
  if (fixedEntities && !loadDictionary(folder + "/entities.dict", graph->entityNames, error))
    return nullptr;
  if (fixedRelations && !loadDictionary(folder + "/relations.dict", graph->relationNames, error))
    return nullptr;

  for (unsigned split = 0; split < 3; ++split) {
    std::string path = folder + "/" + kSplitFileNames[split];
    std::string contents, reason;
    if (!readFile(path, contents, reason)) {
      error = fmt::format("cannot read '{}': {}", path,
                          !fileExists(folder) ? "no such graph folder"
                          : fileExists(path)  ? reason
                                              : "no such file");
      return nullptr;
    }
    std::vector<Triple> &triples = graph->splitTriples[split];
    auto resolve = [&](Dictionary &dictionary, bool fixed, std::string_view name, const char *what,
                       size_t lineNumber, uint32_t &id) {
      if (!fixed) {
        id = dictionary.intern(name);
        return true;
      }
      if (auto known = dictionary.lookup(name)) {
        id = *known;
        return true;
      }
      error = fmt::format("{}:{}: {} '{}' is not in the graph's {}.dict", path, lineNumber, what,
                          name, what == std::string_view("entity") ? "entities" : "relations");
      return false;
    };
    bool ok =
        forEachLine(contents, [&](size_t lineNumber, const std::vector<std::string_view> &fields) {
          if (fields.size() != 3 || fields[0].empty() || fields[1].empty() || fields[2].empty()) {
            error = fmt::format("{}:{}: expected 'head<TAB>relation<TAB>tail', found {} field{}",
                                path, lineNumber, fields.size(), fields.size() == 1 ? "" : "s");
            if (fields.size() == 3)
              error = fmt::format("{}:{}: a triple has an empty field", path, lineNumber);
            return false;
          }
          if (std::any_of(fields.begin(), fields.end(), [](std::string_view field) {
                return field.find('\0') != std::string_view::npos;
              })) {
            error = fmt::format("{}:{}: a name contains a NUL byte", path, lineNumber);
            return false;
          }
          // A space around a name would make another entity that prints
          // the same: say so rather than answer on it.
          for (std::string_view field : fields)
            if (field.front() == ' ' || field.back() == ' ') {
              error = fmt::format("{}:{}: the name '{}' begins or ends with a space", path,
                                  lineNumber, field);
              return false;
            }
          // Names are written into JSON, kq source and pickles: UTF-8 only.
          if (!std::all_of(fields.begin(), fields.end(), isValidUtf8)) {
            error = fmt::format("{}:{}: a name is not valid UTF-8", path, lineNumber);
            return false;
          }
          Triple triple;
          return resolve(graph->entityNames, fixedEntities, fields[0], "entity", lineNumber,
                         triple.head) &&
                 resolve(graph->relationNames, fixedRelations, fields[1], "relation", lineNumber,
                         triple.relation) &&
                 resolve(graph->entityNames, fixedEntities, fields[2], "entity", lineNumber,
                         triple.tail) &&
                 (triples.push_back(triple), true);
        });
    if (!ok)
      return nullptr;
  }
  if (!key.empty())
    writeGraphCache(folder, key, *graph, *cache);
  return graph;
}

namespace {

/// Stable counting sort of `triples` by `digit` (below `numBuckets`).
template <typename Digit>
void countingSort(std::vector<Triple> &triples, std::vector<Triple> &scratch, size_t numBuckets,
                  Digit digit) {
  std::vector<uint32_t> starts(numBuckets + 1, 0);
  for (const Triple &triple : triples)
    ++starts[digit(triple) + 1];
  for (size_t bucket = 0; bucket < numBuckets; ++bucket)
    starts[bucket + 1] += starts[bucket];
  scratch.resize(triples.size());
  for (const Triple &triple : triples)
    scratch[starts[digit(triple)]++] = triple;
  triples.swap(scratch);
}

/// Builds one direction's adjacency for every relation from triples sorted
/// by (relation, source, target), where source/target are picked by `key`:
/// three stable counting sorts, least significant first, in linear time.
template <typename Key>
std::vector<Adjacency> buildAdjacency(std::vector<Triple> triples, size_t numRelations,
                                      size_t numEntities, Key key) {
  std::vector<Triple> scratch;
  countingSort(triples, scratch, numEntities, [&](const Triple &t) { return key(t).second; });
  countingSort(triples, scratch, numEntities, [&](const Triple &t) { return key(t).first; });
  countingSort(triples, scratch, numRelations, [](const Triple &t) { return t.relation; });
  triples.erase(std::unique(triples.begin(), triples.end()), triples.end());
  std::vector<Adjacency> result(numRelations);
  for (const Triple &triple : triples) {
    Adjacency &adjacency = result[triple.relation];
    auto [source, target] = key(triple);
    if (adjacency.sources.empty() || adjacency.sources.back() != source) {
      adjacency.sources.push_back(source);
      adjacency.offsets.push_back(static_cast<uint32_t>(adjacency.targets.size()));
    }
    adjacency.targets.push_back(target);
  }
  for (Adjacency &adjacency : result)
    adjacency.offsets.push_back(static_cast<uint32_t>(adjacency.targets.size()));
  return result;
}

} // namespace

const std::vector<EntityId> &Graph::domain() {
  if (domainIds)
    return *domainIds;
  std::vector<bool> named(entityNames.size());
  for (const auto &triples : splitTriples)
    for (const Triple &triple : triples)
      named[triple.head] = named[triple.tail] = true;
  domainIds.emplace();
  for (size_t id = 0; id < named.size(); ++id)
    if (named[id])
      domainIds->push_back(static_cast<EntityId>(id));
  return *domainIds;
}

const GraphIndex &Graph::index(unsigned splitMask) {
  std::unique_ptr<GraphIndex> &slot = indexes[splitMask];
  if (slot)
    return *slot;
  std::vector<Triple> selected;
  for (unsigned split = 0; split < 3; ++split)
    if (splitMask & (1u << split))
      selected.insert(selected.end(), splitTriples[split].begin(), splitTriples[split].end());
  auto index = std::make_unique<GraphIndex>();
  // The two directions are independent: one a core.
  forEachInParallel(2, 2, [&](size_t direction, unsigned) {
    if (direction == 0)
      index->forward =
          buildAdjacency(selected, relationNames.size(), entityNames.size(),
                         [](const Triple &t) { return std::make_pair(t.head, t.tail); });
    else
      index->backward =
          buildAdjacency(selected, relationNames.size(), entityNames.size(),
                         [](const Triple &t) { return std::make_pair(t.tail, t.head); });
  });
  auto table = [](const std::vector<Adjacency> &adjacencies) {
    std::vector<kq_adjacency> structs;
    for (const Adjacency &adjacency : adjacencies)
      structs.push_back({adjacency.sources.data(), adjacency.offsets.data(),
                         adjacency.targets.data(), int64_t(adjacency.sources.size())});
    return structs;
  };
  index->forwardTable = table(index->forward);
  index->backwardTable = table(index->backward);
  // Cached only once whole: a failure above leaves no half-built index.
  slot = std::move(index);
  return *slot;
}

const std::vector<EntityId> &Graph::entitiesByName() const {
  nameOrder();
  return byName;
}

const std::vector<std::string> &Graph::jsonNames() const {
  if (!quotedNames) {
    quotedNames.emplace();
    quotedNames->reserve(entityNames.size());
    for (EntityId id = 0; id < entityNames.size(); ++id) {
      std::string quoted;
      appendJsonString(quoted, entityNames.name(id));
      quotedNames->push_back(std::move(quoted));
    }
  }
  return *quotedNames;
}

const std::vector<uint32_t> &Graph::nameOrder() const {
  if (!namePositions) {
    byName.resize(entityNames.size());
    for (EntityId id = 0; id < byName.size(); ++id)
      byName[id] = id;
    // std::string compares as unsigned char: UTF-8 byte order.
    std::sort(byName.begin(), byName.end(),
              [&](EntityId a, EntityId b) { return entityNames.name(a) < entityNames.name(b); });
    namePositions.emplace(byName.size());
    for (uint32_t position = 0; position < byName.size(); ++position)
      (*namePositions)[byName[position]] = position;
  }
  return *namePositions;
}

void kq::runtime::appendJsonNameArray(std::string &json, const Graph &graph, const EntityId *ids,
                                      size_t count) {
  // By their positions in the graph's name order: a sort of integers for a
  // few, a scan of a bitmap of positions for many.
  const std::vector<uint32_t> &order = graph.nameOrder();
  const std::vector<EntityId> &byName = graph.entitiesByName();
  const std::vector<std::string> &names = graph.jsonNames();
  std::vector<uint32_t> positions;
  positions.reserve(count);
  if (count * 32 < order.size()) {
    for (size_t i = 0; i < count; ++i)
      positions.push_back(order[ids[i]]);
    std::sort(positions.begin(), positions.end());
  } else {
    std::vector<uint64_t> marked((order.size() + 63) / 64);
    for (size_t i = 0; i < count; ++i) {
      uint32_t position = order[ids[i]];
      marked[position / 64] |= uint64_t(1) << (position % 64);
    }
    for (size_t word = 0; word < marked.size(); ++word)
      for (uint64_t bits = marked[word]; bits; bits &= bits - 1)
        positions.push_back(uint32_t(word * 64 + __builtin_ctzll(bits)));
  }
  size_t length = json.size() + 3;
  for (uint32_t position : positions)
    length += names[byName[position]].size() + 1;
  json.reserve(length);
  json.push_back('[');
  for (size_t i = 0; i < positions.size(); ++i) {
    if (i)
      json.push_back(',');
    json += names[byName[positions[i]]];
  }
  json.push_back(']');
}

std::vector<Triple> Graph::facts(unsigned splitMask) const {
  std::vector<Triple> all;
  for (unsigned split = 0; split < 3; ++split)
    if (splitMask & (1u << split))
      all.insert(all.end(), splitTriples[split].begin(), splitTriples[split].end());
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  return all;
}
