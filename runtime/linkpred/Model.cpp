//===- Model.cpp - Trained link predictors --------------------------------===//

#include "runtime/linkpred/Model.h"
#include "runtime/support/Files.h"
#include "runtime/support/Json.h"

#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstring>

using namespace kq::runtime;

namespace {

/// How config.json spells each family (the RotatE code base's names).
constexpr struct {
  ModelFamily family;
  const char *configName;
} kFamilies[] = {
    {ModelFamily::TransE, "TransE"},
    {ModelFamily::DistMult, "DistMult"},
    {ModelFamily::ComplEx, "ComplEx"},
    {ModelFamily::RotatE, "RotatE"},
};

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

/// The configuration entries the scoring functions depend on.
struct ModelConfig {
  std::string model;
  uint64_t hiddenDim = 0;
  std::optional<double> gamma;
  bool doubleEntity = false, doubleRelation = false;
};

std::optional<ModelConfig> readConfig(const std::string &path, std::string &error) {
  std::string text;
  std::string reason;
  if (!readWholeFile(path, text, reason)) {
    error = fmt::format("{}: cannot open: {}", path, reason);
    return std::nullopt;
  }
  std::string problem;
  auto members = parseJsonObject(text, problem);
  if (!members) {
    error = fmt::format("{}: not a JSON object: {}", path, problem);
    return std::nullopt;
  }
  auto fail = [&](const std::string &message) {
    error = fmt::format("{}: {}", path, message);
    return std::nullopt;
  };
  auto member = [&](const char *key) -> const JsonScalar * {
    auto it = members->find(key);
    return it == members->end() ? nullptr : &it->second;
  };
  ModelConfig config;
  const JsonScalar *model = member("model");
  if (!model || !std::holds_alternative<std::string>(*model))
    return fail("needs \"model\" (a string such as \"RotatE\")");
  config.model = std::get<std::string>(*model);
  const JsonScalar *hidden = member("hidden_dim");
  if (!hidden || !std::holds_alternative<double>(*hidden) || std::get<double>(*hidden) < 1 ||
      std::get<double>(*hidden) > 1e7 ||
      std::get<double>(*hidden) != std::floor(std::get<double>(*hidden)))
    return fail("needs \"hidden_dim\" (a positive integer)");
  config.hiddenDim = static_cast<uint64_t>(std::get<double>(*hidden));
  if (const JsonScalar *gamma = member("gamma")) {
    if (!std::holds_alternative<double>(*gamma) || !std::isfinite(std::get<double>(*gamma)))
      return fail("\"gamma\" must be a finite number");
    config.gamma = std::get<double>(*gamma);
  }
  for (auto [key, flag] : {std::pair{"double_entity_embedding", &config.doubleEntity},
                           std::pair{"double_relation_embedding", &config.doubleRelation}}) {
    const JsonScalar *value = member(key);
    if (!value)
      continue;
    if (!std::holds_alternative<bool>(*value))
      return fail(fmt::format("\"{}\" must be true or false", key));
    *flag = std::get<bool>(*value);
  }
  return config;
}

/// The index of the first NaN or infinity of a matrix, or its size.
uint64_t firstNonFinite(const NpyMatrix &matrix) {
  uint64_t size = matrix.rows * matrix.columns;
  auto scan = [&](const auto *values) {
    for (uint64_t i = 0; i < size; ++i)
      if (!std::isfinite(values[i]))
        return i;
    return size;
  };
  return matrix.type == ElementType::Float32 ? scan(matrix.data<float>())
                                             : scan(matrix.data<double>());
}

} // namespace

const char *kq::runtime::modelFamilyName(ModelFamily family) {
  for (const auto &entry : kFamilies)
    if (entry.family == family)
      return entry.configName;
  return "";
}

std::unique_ptr<Model> Model::load(const std::string &folder, ModelFamily family,
                                   const Graph &graph, std::string &error) {
  std::string configPath = folder + "/config.json";
  auto config = readConfig(configPath, error);
  if (!config)
    return nullptr;
  auto fail = [&](const std::string &path, const std::string &message) {
    error = fmt::format("{}: {}", path, message);
    return nullptr;
  };
  if (!equalsIgnoringCase(config->model, modelFamilyName(family)))
    return fail(configPath, fmt::format("the model is \"{}\", but the program declares a {} model",
                                        config->model, modelFamilyName(family)));
  bool distance = family == ModelFamily::TransE || family == ModelFamily::RotatE;
  if (distance && !config->gamma)
    return fail(configPath, fmt::format("a {} model needs \"gamma\"", modelFamilyName(family)));
  // RotatE scales relation rows into phases by (gamma + 2) / hidden_dim.
  if (family == ModelFamily::RotatE && !(*config->gamma + 2.0 > 0.0))
    return fail(configPath, "RotatE needs gamma > -2 (its phases are relation / "
                            "((gamma + 2) / hidden_dim / pi))");
  // The constraints the RotatE code base puts on its own configurations.
  if (family == ModelFamily::RotatE && (!config->doubleEntity || config->doubleRelation))
    return fail(configPath, "RotatE needs double_entity_embedding true and "
                            "double_relation_embedding false");
  if (family == ModelFamily::ComplEx && (!config->doubleEntity || !config->doubleRelation))
    return fail(configPath,
                "ComplEx needs double_entity_embedding and double_relation_embedding true");

  auto model = std::make_unique<Model>();
  model->family = family;
  model->hiddenDim = config->hiddenDim;
  model->gamma = config->gamma.value_or(0.0);
  std::string entityPath = folder + "/entity_embedding.npy";
  std::string relationPath = folder + "/relation_embedding.npy";
  auto entities = readNpyMatrix(entityPath, error);
  if (!entities)
    return nullptr;
  auto relations = readNpyMatrix(relationPath, error);
  if (!relations)
    return nullptr;

  uint64_t entityDim = config->hiddenDim * (config->doubleEntity ? 2 : 1);
  uint64_t relationDim = config->hiddenDim * (config->doubleRelation ? 2 : 1);
  auto checkShape = [&](const std::string &path, const NpyMatrix &matrix, uint64_t rows,
                        uint64_t columns, const char *what) -> bool {
    if (matrix.rows == rows && matrix.columns == columns)
      return true;
    error = fmt::format("{}: shape ({}, {}), expected ({}, {}): a row for each of the graph's "
                        "{} {}, {} columns for a {} model with hidden_dim {}",
                        path, matrix.rows, matrix.columns, rows, columns, rows, what, columns,
                        modelFamilyName(family), config->hiddenDim);
    return false;
  };
  if (!checkShape(entityPath, *entities, graph.entities().size(), entityDim, "entities") ||
      !checkShape(relationPath, *relations, graph.relations().size(), relationDim, "relations"))
    return nullptr;
  if ((family == ModelFamily::TransE || family == ModelFamily::DistMult) &&
      entityDim != relationDim)
    return fail(relationPath, fmt::format("{} needs entity and relation rows of one length",
                                          modelFamilyName(family)));
  if (entities->type != relations->type)
    return fail(relationPath,
                fmt::format("dtype {}, but entity_embedding.npy is {}",
                            elementTypeName(relations->type), elementTypeName(entities->type)));
  // A NaN or infinite weight would make every comparison false and every
  // rank 1: refuse it.
  for (auto [path, matrix] :
       {std::pair{&entityPath, &*entities}, std::pair{&relationPath, &*relations}}) {
    uint64_t at = firstNonFinite(*matrix);
    if (at != matrix->rows * matrix->columns)
      return fail(*path, fmt::format("non-finite value at row {}, column {}", at / matrix->columns,
                                     at % matrix->columns));
  }
  model->entities = std::move(*entities);
  model->relations = std::move(*relations);
  return model;
}
