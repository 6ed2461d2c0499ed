#include "core/masking/MaskingExport.h"

#include "base/Csv.h"
#include "base/Errors.h"
#include "base/Parse.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

namespace salient {
namespace {

using nlohmann::json;

json infoJson(const char* experiment, const MaskingRunInfo& info)
{
    json models = json::array();
    for (const MaskingModel& m : info.models)
        models.push_back(
            {{"name", m.name}, {"path", m.path}, {"sha256", m.sha256}, {"architecture", m.architecture}});
    json strategies = json::array();
    for (MaskingStrategy s : info.options.strategies)
        strategies.push_back(strategyName(s));
    const MaskingOptions& o = info.options;
    return {{"experiment", experiment},
            {"source", info.source},
            {"classes", info.classIds},
            {"models", models},
            {"options",
             {{"strategies", strategies},
              {"seed", o.seed},
              {"layer_threshold", o.layer.threshold},
              {"limit", o.limit},
              {"batch_size", o.batchSize},
              {"rates", o.rates},
              {"patch", o.patch}}},
            {"device", info.device},
            {"notes", info.notes},
            {"seconds", info.seconds}};
}

json parseDocument(const std::string& text, const char* experiment)
{
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || doc.value("experiment", "") != experiment)
        throw InputError(std::string("not the JSON of a masking ") + experiment + " run");
    return doc;
}

MaskingRunInfo infoFromJson(const json& doc)
{
    try {
        MaskingRunInfo info;
        info.source = doc.at("source").get<std::string>();
        info.classIds = doc.at("classes").get<std::vector<std::string>>();
        for (const json& m : doc.at("models"))
            info.models.push_back({m.at("name").get<std::string>(), m.at("path").get<std::string>(),
                                   m.at("sha256").get<std::string>(),
                                   m.at("architecture").get<std::string>()});
        const json& o = doc.at("options");
        info.options.strategies.clear();
        for (const json& s : o.at("strategies"))
            info.options.strategies.push_back(parseStrategy(s.get<std::string>()));
        info.options.seed = o.at("seed").get<std::uint64_t>();
        info.options.layer.threshold = o.at("layer_threshold").get<double>();
        info.options.limit = o.at("limit").get<std::int64_t>();
        info.options.batchSize = o.at("batch_size").get<int>();
        info.options.rates = o.at("rates").get<std::vector<double>>();
        info.options.patch = o.at("patch").get<int>();
        info.device = doc.at("device").get<std::string>();
        info.notes = doc.at("notes").get<std::vector<std::string>>();
        info.seconds = doc.at("seconds").get<double>();
        return info;
    } catch (const json::exception& e) {
        throw InputError(std::string("a masking run's JSON lacks a field: ") + e.what());
    }
}

std::string number(double value)
{
    std::ostringstream text;
    text.precision(6);
    text << value;
    return text.str();
}

std::string className(const MaskingRunInfo& info, int classIndex)
{
    return classIndex < 0 ? "all" : info.classIds.at(std::size_t(classIndex));
}

} // namespace

std::string leakageJson(const LeakageResults& results)
{
    json doc = infoJson("leakage", results.info);
    json clean = json::array();
    for (const auto& [model, counts] : results.clean)
        clean.push_back({{"model", model}, {"images", counts.first}, {"correct", counts.second}});
    json cells = json::array();
    for (const auto& [key, c] : results.cells) {
        const auto& [model, strategy, cls] = key;
        cells.push_back({{"model", model},
                         {"strategy", strategyName(strategy)},
                         {"class", cls},
                         {"images", c.images},
                         {"object_correct", c.objectCorrect},
                         {"broken_correct", c.brokenCorrect},
                         {"object_accuracy", c.objectAccuracy()},
                         {"broken_accuracy", c.brokenAccuracy()},
                         {"ratio", c.ratio()}});
    }
    doc["clean"] = clean;
    doc["cells"] = cells;
    return doc.dump(1);
}

std::string curvesJson(const CurveResults& results)
{
    json doc = infoJson("curves", results.info);
    doc["patch"] = results.patch;
    json points = json::array();
    for (const auto& [key, p] : results.points) {
        const auto& [model, strategy, rate] = key;
        json predicted = json::object();
        for (const auto& [cls, count] : p.predicted)
            predicted[std::to_string(cls)] = count;
        points.push_back({{"model", model},
                          {"strategy", strategyName(strategy)},
                          {"rate", results.info.options.rates.at(std::size_t(rate))},
                          {"images", p.images},
                          {"correct", p.correct},
                          {"unchanged", p.unchanged},
                          {"predicted", predicted},
                          {"similarity_sum", p.similaritySum},
                          {"similarity_images", p.similarityImages},
                          {"accuracy", p.accuracy()},
                          {"entropy_bits", p.entropy()},
                          {"unchanged_fraction", p.unchangedFraction()},
                          {"wu_palmer", p.similarityImages > 0 ? json(p.meanSimilarity()) : json()}});
    }
    doc["points"] = points;
    return doc.dump(1);
}

LeakageResults leakageFromJson(const std::string& text)
{
    const json doc = parseDocument(text, "leakage");
    LeakageResults results;
    results.info = infoFromJson(doc);
    try {
        for (const json& c : doc.at("clean"))
            results.clean[c.at("model").get<int>()] = {c.at("images").get<std::int64_t>(),
                                                       c.at("correct").get<std::int64_t>()};
        for (const json& c : doc.at("cells")) {
            const LeakageKey key{c.at("model").get<int>(), parseStrategy(c.at("strategy").get<std::string>()),
                                 c.at("class").get<int>()};
            results.cells[key] = {c.at("images").get<std::int64_t>(),
                                  c.at("object_correct").get<std::int64_t>(),
                                  c.at("broken_correct").get<std::int64_t>()};
        }
    } catch (const json::exception& e) {
        throw InputError(std::string("a leakage run's JSON lacks a field: ") + e.what());
    }
    return results;
}

CurveResults curvesFromJson(const std::string& text)
{
    const json doc = parseDocument(text, "curves");
    CurveResults results;
    results.info = infoFromJson(doc);
    const std::vector<double>& rates = results.info.options.rates;
    try {
        results.patch = doc.at("patch").get<int>();
        for (const json& p : doc.at("points")) {
            const auto rate = std::find(rates.begin(), rates.end(), p.at("rate").get<double>());
            if (rate == rates.end())
                throw InputError("a curves run's point has a rate its options do not list");
            const CurveKey key{p.at("model").get<int>(), parseStrategy(p.at("strategy").get<std::string>()),
                               int(rate - rates.begin())};
            CurvePoint& point = results.points[key];
            point.images = p.at("images").get<std::int64_t>();
            point.correct = p.at("correct").get<std::int64_t>();
            point.unchanged = p.at("unchanged").get<std::int64_t>();
            for (const auto& [cls, count] : p.at("predicted").items()) {
                const std::optional<std::int64_t> index = parseInt64(cls);
                if (!index)
                    throw InputError("a curves run's histogram has a class '" + cls + "' that is no number");
                point.predicted[*index] = count.get<std::int64_t>();
            }
            point.similaritySum = p.at("similarity_sum").get<double>();
            point.similarityImages = p.at("similarity_images").get<std::int64_t>();
        }
    } catch (const json::exception& e) {
        throw InputError(std::string("a curves run's JSON lacks a field: ") + e.what());
    }
    return results;
}

std::string leakageCsv(const LeakageResults& results)
{
    std::string text = csvLine({"model", "strategy", "class", "images", "object_correct", "broken_correct",
                                "object_accuracy", "broken_accuracy", "ratio"});
    for (const auto& [key, c] : results.cells) {
        const auto& [model, strategy, cls] = key;
        text += csvLine({results.info.models.at(std::size_t(model)).name, strategyName(strategy),
                         className(results.info, cls), std::to_string(c.images),
                         std::to_string(c.objectCorrect), std::to_string(c.brokenCorrect),
                         number(c.objectAccuracy()), number(c.brokenAccuracy()), number(c.ratio())});
    }
    return text;
}

std::string curvesCsv(const CurveResults& results)
{
    std::string text = csvLine({"model", "strategy", "rate", "images", "accuracy", "entropy_bits",
                                "unchanged_fraction", "wu_palmer"});
    for (const auto& [key, p] : results.points) {
        const auto& [model, strategy, rate] = key;
        text += csvLine({results.info.models.at(std::size_t(model)).name, strategyName(strategy),
                         number(results.info.options.rates.at(std::size_t(rate))), std::to_string(p.images),
                         number(p.accuracy()), number(p.entropy()), number(p.unchangedFraction()),
                         p.similarityImages > 0 ? number(p.meanSimilarity()) : std::string()});
    }
    return text;
}

} // namespace salient
