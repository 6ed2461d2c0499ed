#include "Commands.h"
#include "JsonOutput.h"
#include "ProgressBar.h"

#include "core/Classifier.h"
#include "core/ImageDecoder.h"
#include "core/training/Evaluation.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace salient::cli {
namespace {

using Json = nlohmann::json;

const char* kModelVerbs = "info, predict, evaluate or convert (see salient --help)";

std::string groupedDigits(std::int64_t value)
{
    std::string digits = std::to_string(value);
    for (int i = int(digits.size()) - 3; i > 0; i -= 3)
        digits.insert(std::size_t(i), ",");
    return digits;
}

Json infoJson(const Classifier& classifier)
{
    const ModelInfo& info = classifier.info();
    const Preprocessing& p = info.preprocessing;
    Json json = {
        {"path", info.path},
        {"sha256", info.sha256},
        {"format", info.format},
        {"architecture", info.architecture},
        {"native", info.native},
        {"parameters", info.parameterCount},
        {"classes", info.numClasses},
        {"feature_width", info.featureWidth},
        {"device", classifier.deviceName()},
        {"preprocessing", {{"resize", p.resize}, {"crop", p.crop}, {"mean", p.mean}, {"std", p.std}}}};
    if (!info.classNames.empty())
        json["class_names"] = info.classNames;
    if (!info.classIds.empty())
        json["class_ids"] = info.classIds;
    json["extra"] = Json::parse(info.extraJson);
    return json;
}

void printInfo(const Classifier& classifier)
{
    const ModelInfo& info = classifier.info();
    auto row = [](const char* label, const std::string& value) {
        std::cout << std::left << std::setw(15) << label << value << '\n';
    };
    row("File", info.path);
    row("Format", info.formatDescription());
    row("Architecture", info.architecture + (info.native ? " (native)" : ""));
    row("Parameters", groupedDigits(info.parameterCount));
    row("Classes", std::to_string(info.numClasses));
    row("Feature width", info.featureWidth > 0 ? std::to_string(info.featureWidth) : "n/a (black box)");
    row("Input", info.preprocessing.describe());
    row("Device", classifier.deviceName());
    row("SHA-256", info.sha256);
}

int modelInfo(Arguments& arguments)
{
    const bool json = arguments.flag("json");
    const DeviceChoice device = parseDeviceChoice(arguments.option("device", "auto"));
    const auto files = arguments.positionals();
    if (files.size() != 1)
        throw UsageError("model info takes one FILE");
    const Classifier classifier = Classifier::open(files[0], device);
    if (json)
        printJson(infoJson(classifier));
    else
        printInfo(classifier);
    return 0;
}

int modelPredict(Arguments& arguments)
{
    const bool json = arguments.flag("json");
    const int top = arguments.intOption("top", 5);
    const DeviceChoice device = parseDeviceChoice(arguments.option("device", "auto"));
    const auto words = arguments.positionals();
    if (words.size() < 2)
        throw UsageError("model predict takes a FILE and at least one IMAGE");
    if (top < 1)
        throw UsageError("--top must be at least 1");
    const Classifier classifier = Classifier::open(words[0], device);
    const std::vector<std::string> paths(words.begin() + 1, words.end());
    std::vector<Image> images;
    for (const auto& path : paths)
        images.push_back(decodeImageFile(path));
    const auto predictions = classifier.predict(images, top);

    Json output = {{"model", classifier.info().path}, {"predictions", Json::array()}};
    for (std::size_t i = 0; i < paths.size(); ++i) {
        Json ranked = Json::array();
        for (const auto& score : predictions[i])
            ranked.push_back(
                {{"class", score.index}, {"name", score.name}, {"probability", score.probability}});
        output["predictions"].push_back({{"image", paths[i]}, {"top", ranked}});
        if (!json) {
            std::cout << paths[i] << '\n';
            for (std::size_t r = 0; r < predictions[i].size(); ++r)
                std::cout << "  " << r + 1 << ". " << std::fixed << std::setprecision(4)
                          << predictions[i][r].probability << "  " << predictions[i][r].name << '\n';
        }
    }
    if (json)
        printJson(output);
    return 0;
}

int modelEvaluate(Arguments& arguments)
{
    const bool json = arguments.flag("json");
    const auto data = arguments.option("data");
    EvaluationOptions options;
    options.attack = arguments.option("pgd-eps").has_value();
    options.eps = arguments.doubleOption("pgd-eps", options.eps);
    options.attackSteps = arguments.intOption("pgd-steps", options.attackSteps);
    options.attackLimit = arguments.intOption("limit", 0);
    const DeviceChoice device = parseDeviceChoice(arguments.option("device", "auto"));
    const auto files = arguments.positionals();
    if (files.size() != 1 || !data)
        throw UsageError(
            "model evaluate takes one FILE and --data DIR (optionally --pgd-eps E, --pgd-steps N, "
            "--limit N)");
    ProgressBar progress;
    const EvaluationResult result = evaluateModel(files[0], *data, options, device, progress.job());
    progress.finishLine();
    Json output = {
        {"model", files[0]}, {"data", *data}, {"images", result.images}, {"clean_accuracy", result.clean}};
    if (options.attack)
        output["pgd"] = {{"eps", options.eps},
                         {"steps", options.attackSteps},
                         {"images", result.attacked},
                         {"accuracy", result.underAttack}};
    if (json) {
        printJson(output);
        return 0;
    }
    std::cout << "Clean accuracy " << std::fixed << std::setprecision(2) << 100 * result.clean << " % on "
              << result.images << " images\n";
    if (options.attack)
        std::cout << "Under L2 PGD (eps " << options.eps << ", " << options.attackSteps << " steps) "
                  << 100 * result.underAttack << " % on " << result.attacked << " images\n";
    return 0;
}

int modelConvert(Arguments& arguments)
{
    const auto out = arguments.option("out");
    const auto files = arguments.positionals();
    if (files.size() != 1 || !out)
        throw UsageError("model convert takes one FILE and --out FILE");
    const Classifier classifier = Classifier::open(files[0], DeviceChoice::Cpu);
    classifier.save(*out);
    std::cerr << "Saved " << classifier.info().architecture << " to " << *out << '\n';
    return 0;
}

} // namespace

int runModelCommand(const std::string& verb, Arguments& arguments)
{
    if (verb == "info")
        return modelInfo(arguments);
    if (verb == "predict")
        return modelPredict(arguments);
    if (verb == "evaluate")
        return modelEvaluate(arguments);
    if (verb == "convert")
        return modelConvert(arguments);
    throw UsageError(verb.empty() ? std::string("model needs a command: ") + kModelVerbs
                                  : "unknown command 'model " + verb + "'; expected " + kModelVerbs);
}

} // namespace salient::cli
