#include "core/sweep/SweepExport.h"

#include "base/Errors.h"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <sstream>

namespace salient {
namespace {

using Json = nlohmann::json;

std::string roleName(MaskRole role)
{
    return role == MaskRole::Core ? "core" : "spurious";
}

Json optionalInt(const std::optional<int>& value)
{
    return value ? Json(*value) : Json(nullptr);
}

Json configJson(const SweepResults& r)
{
    Json strategies = Json::array();
    for (SweepStrategy s : r.strategies)
        strategies.push_back(strategyName(s));
    Json features = Json::array();
    for (const SourceFeature& f : r.features)
        features.push_back({{"class", f.classIndex},
                            {"feature", f.feature},
                            {"role", roleName(f.role)},
                            {"name", r.featureName(f.classIndex, f.feature)}});
    Json models = Json::array();
    for (const SweepModel& m : r.models)
        models.push_back({{"name", m.name},
                          {"path", m.path},
                          {"sha256", m.sha256},
                          {"architecture", m.architecture},
                          {"device", m.device}});
    return {{"source", r.source},
            {"split", r.split},
            {"scope",
             {{"class", optionalInt(r.scope.classIndex)},
              {"feature", optionalInt(r.scope.feature)},
              {"limit", r.scope.limit}}},
            {"seed", r.seed},
            {"sigmas", r.sigmas},
            {"strategies", strategies},
            {"batch_size", r.batchSize},
            {"device", r.device},
            {"classes", r.classIds},
            {"features", features},
            {"models", models}};
}

Json tallyJson(const Tally& t)
{
    return {{"images", t.images},
            {"clean_correct", t.cleanCorrect},
            {"corrupted_correct", t.corruptedCorrect},
            {"clean_accuracy", t.cleanAccuracy()},
            {"accuracy", t.accuracy()},
            {"drop", t.drop()}};
}

Tally readTally(const Json& j)
{
    return {j.at("images").get<std::int64_t>(), j.at("clean_correct").get<std::int64_t>(),
            j.at("corrupted_correct").get<std::int64_t>()};
}

std::optional<int> readOptionalInt(const Json& j)
{
    return j.is_null() ? std::nullopt : std::optional<int>(j.get<int>());
}

/// A number as CSV text that reads back exactly.
std::string number(double value)
{
    std::ostringstream out;
    out << std::setprecision(17) << value;
    return out.str();
}

} // namespace

std::string sweepConfigJson(const SweepResults& results)
{
    return configJson(results).dump();
}

std::string sweepResultsJson(const SweepResults& r)
{
    Json json = configJson(r);
    json["images"] = r.scopeImages;
    json["images_done"] = r.imagesDone;
    json["finished"] = r.finished();
    json["forward_images"] = r.forwardImages;
    json["seconds"] = r.seconds;
    json["forward_seconds"] = r.forwardSeconds;
    Json clean = Json::array();
    for (const auto& [key, tally] : r.clean) {
        Json row = {{"model", key.first}, {"class", key.second}};
        row.update(tallyJson(tally));
        clean.push_back(row);
    }
    json["clean"] = clean;
    Json cells = Json::array();
    for (const auto& [key, tally] : r.cells) {
        Json row = {{"model", key.model},
                    {"strategy", strategyName(key.strategy)},
                    {"sigma", r.sigmas.at(std::size_t(key.level))},
                    {"measure", measureName(key.measure)},
                    {"class", key.classIndex},
                    {"feature", key.measure == SweepMeasure::Feature ? Json(key.feature) : Json(nullptr)}};
        row.update(tallyJson(tally));
        cells.push_back(row);
    }
    json["results"] = cells;
    return json.dump(1) + "\n";
}

SweepResults sweepResultsFromJson(const std::string& text)
{
    const Json json = Json::parse(text, nullptr, false);
    if (json.is_discarded() || !json.is_object())
        throw InputError("not a sweep configuration or result (not a JSON object)");
    SweepResults r;
    try {
        r.source = json.at("source").get<std::string>();
        r.split = json.value("split", "");
        const Json& scope = json.at("scope");
        r.scope.classIndex = readOptionalInt(scope.at("class"));
        r.scope.feature = readOptionalInt(scope.at("feature"));
        r.scope.limit = scope.value("limit", std::int64_t(0));
        r.seed = json.at("seed").get<std::uint64_t>();
        r.sigmas = json.at("sigmas").get<std::vector<double>>();
        for (const Json& s : json.at("strategies"))
            r.strategies.push_back(parseStrategy(s.get<std::string>()));
        r.batchSize = json.value("batch_size", 0);
        r.device = json.value("device", "");
        r.classIds = json.at("classes").get<std::vector<std::string>>();
        for (const Json& f : json.at("features")) {
            const SourceFeature feature{f.at("class").get<int>(), f.at("feature").get<int>(),
                                        f.at("role").get<std::string>() == "core" ? MaskRole::Core
                                                                                  : MaskRole::Spurious};
            r.features.push_back(feature);
            r.featureNames[{feature.classIndex, feature.feature}] = f.value("name", "");
        }
        for (const Json& m : json.at("models"))
            r.models.push_back({m.at("path").get<std::string>(), m.at("sha256").get<std::string>(),
                                m.at("name").get<std::string>(), m.value("architecture", ""),
                                m.value("device", "")});
        r.scopeImages = json.value("images", std::int64_t(0));
        r.imagesDone = json.value("images_done", std::int64_t(0));
        r.forwardImages = json.value("forward_images", std::int64_t(0));
        r.seconds = json.value("seconds", 0.0);
        r.forwardSeconds = json.value("forward_seconds", 0.0);
        for (const Json& row : json.value("clean", Json::array()))
            r.clean[{row.at("model").get<int>(), row.at("class").get<int>()}] = readTally(row);
        for (const Json& row : json.value("results", Json::array())) {
            SweepCellKey key;
            key.model = row.at("model").get<int>();
            key.strategy = parseStrategy(row.at("strategy").get<std::string>());
            key.level = r.levelOf(row.at("sigma").get<double>());
            key.measure = parseMeasure(row.at("measure").get<std::string>());
            key.classIndex = row.at("class").get<int>();
            key.feature = row.at("feature").is_null() ? 0 : row.at("feature").get<int>();
            if (key.level < 0)
                throw InputError("a result at sigma " + number(row.at("sigma").get<double>()) +
                                 ", which the run does not list");
            r.cells[key] = readTally(row);
        }
    } catch (const Json::exception& e) {
        throw InputError(std::string("not a sweep configuration or result (") + e.what() + ")");
    }
    return r;
}

std::string sweepResultsCsv(const SweepResults& r)
{
    std::ostringstream out;
    out << "model,model_sha256,strategy,sigma,measure,class,class_id,feature,feature_name,images,clean_"
           "correct,"
           "corrupted_correct,clean_accuracy,accuracy,drop\n";
    auto classId = [&](int c) {
        return c >= 0 && c < int(r.classIds.size()) ? r.classIds[std::size_t(c)] : "all";
    };
    auto counts = [&](const Tally& t) {
        out << t.images << ',' << t.cleanCorrect << ',' << t.corruptedCorrect << ','
            << number(t.cleanAccuracy()) << ',' << number(t.accuracy()) << ',' << number(t.drop()) << '\n';
    };
    for (const auto& [key, tally] : r.clean) {
        const SweepModel& model = r.models.at(std::size_t(key.first));
        out << model.name << ',' << model.sha256 << ",,,clean," << key.second << ',' << classId(key.second)
            << ",,,";
        counts(tally);
    }
    for (const auto& [key, tally] : r.cells) {
        const SweepModel& model = r.models.at(std::size_t(key.model));
        out << model.name << ',' << model.sha256 << ',' << strategyName(key.strategy) << ','
            << number(r.sigmas.at(std::size_t(key.level))) << ',' << measureName(key.measure) << ','
            << key.classIndex << ',' << classId(key.classIndex) << ',';
        if (key.measure == SweepMeasure::Feature)
            out << key.feature << ',' << r.featureName(key.classIndex, key.feature);
        else
            out << ',';
        out << ',';
        counts(tally);
    }
    return out.str();
}

} // namespace salient
