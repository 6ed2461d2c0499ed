#include "core/training/Recipe.h"

#include "base/Errors.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

namespace salient {
namespace {

using Json = nlohmann::json;

template <typename T> void read(const Json& json, const char* key, T& target)
{
    if (json.contains(key))
        target = json.at(key).get<T>();
}

} // namespace

Recipe Recipe::load(const std::string& path)
{
    std::ifstream in(path);
    if (!in)
        throw InputError(path + ": cannot open recipe");
    std::stringstream text;
    text << in.rdbuf();
    return fromJsonText(text.str(), path);
}

Recipe Recipe::fromJsonText(const std::string& text, const std::string& name)
{
    Recipe recipe;
    try {
        const Json json = Json::parse(text);
        read(json, "name", recipe.name);
        read(json, "data", recipe.dataRoot);
        if (json.contains("architecture")) {
            Json architecture = json.at("architecture");
            architecture["num_classes"] = 0; // taken from the data
            recipe.architecture = ResNetSpec::fromJson(architecture);
        }
        if (json.contains("preprocessing")) {
            const Json& p = json.at("preprocessing");
            read(p, "resize", recipe.preprocessing.resize);
            read(p, "crop", recipe.preprocessing.crop);
            read(p, "mean", recipe.preprocessing.mean);
            read(p, "std", recipe.preprocessing.std);
        }
        read(json, "epochs", recipe.epochs);
        read(json, "batch_size", recipe.batchSize);
        read(json, "learning_rate", recipe.learningRate);
        read(json, "momentum", recipe.momentum);
        read(json, "weight_decay", recipe.weightDecay);
        read(json, "schedule", recipe.schedule);
        read(json, "horizontal_flip", recipe.horizontalFlip);
        read(json, "seed", recipe.seed);
        if (json.contains("adversarial") && !json.at("adversarial").is_null()) {
            const Json& a = json.at("adversarial");
            recipe.adversarial = true;
            read(a, "eps", recipe.eps);
            read(a, "steps", recipe.attackSteps);
            read(a, "step_size", recipe.attackStepSize);
        }
    } catch (const Json::exception& e) {
        throw InputError(name + ": malformed recipe (" + e.what() + ")");
    } catch (const ModelError& e) {
        throw InputError(name + ": " + e.what());
    }
    auto check = [&](bool ok, const std::string& what) {
        if (!ok)
            throw InputError(name + ": " + what);
    };
    check(!recipe.dataRoot.empty(), "'data' (the ImageFolder root to train on) is missing");
    check(recipe.epochs >= 1, "'epochs' must be at least 1");
    check(recipe.batchSize >= 1, "'batch_size' must be at least 1");
    check(recipe.learningRate > 0, "'learning_rate' must be positive");
    check(recipe.schedule == "cosine" || recipe.schedule == "constant",
          "'schedule' must be cosine or constant");
    check(!recipe.adversarial || (recipe.eps > 0 && recipe.attackSteps >= 1),
          "'adversarial' needs eps > 0, steps >= 1");
    return recipe;
}

std::string Recipe::toJsonText() const
{
    Json json = {{"name", name},
                 {"data", dataRoot},
                 {"architecture", architecture.toJson()},
                 {"preprocessing",
                  {{"resize", preprocessing.resize},
                   {"crop", preprocessing.crop},
                   {"mean", preprocessing.mean},
                   {"std", preprocessing.std}}},
                 {"epochs", epochs},
                 {"batch_size", batchSize},
                 {"learning_rate", learningRate},
                 {"momentum", momentum},
                 {"weight_decay", weightDecay},
                 {"schedule", schedule},
                 {"horizontal_flip", horizontalFlip},
                 {"seed", seed},
                 {"adversarial", nullptr}};
    json["architecture"].erase("num_classes");
    json["architecture"].erase("name");
    if (adversarial)
        json["adversarial"] = {{"eps", eps}, {"steps", attackSteps}, {"step_size", attackStepSize}};
    return json.dump();
}

} // namespace salient
