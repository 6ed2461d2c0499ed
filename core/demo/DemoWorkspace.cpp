#include "core/demo/DemoWorkspace.h"

#include "base/Errors.h"
#include "base/Text.h"
#include "core/WordNet.h"
#include "core/training/Evaluation.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

namespace salient {
namespace fs = std::filesystem;

namespace {

using Json = nlohmann::json;

// The attack the demo reports: L2 PGD at the robust model's training radius.
constexpr double kPgdEps = 0.5;
constexpr int kPgdSteps = 10;
constexpr int kPgdImages = 300;

void writeClassMetadata(const fs::path& file)
{
    const WordNet wordnet = WordNet::open();
    Json classes = Json::array();
    for (const auto& cls : demoClasses()) {
        const auto synset = wordnet.synset(cls.wnid);
        if (!synset)
            throw InputError("WordNet has no synset " + cls.wnid);
        Json path = Json::array();
        for (const auto& s : wordnet.hypernymPath(cls.wnid))
            path.push_back(s.lemmas.front());
        classes.push_back({{"index", cls.fashionLabel},
                           {"wnid", cls.wnid},
                           {"name", cls.lemma},
                           {"lemmas", synset->lemmas},
                           {"gloss", synset->gloss},
                           {"hypernym_path", path},
                           {"background_cue", cueName(cls.background)},
                           {"object_cue", cueName(cls.object)}});
    }
    std::ofstream(file) << classes.dump(2) << '\n';
}

} // namespace

DemoAccuracies buildDemoWorkspace(const std::string& directory, const std::string& modelDirectory,
                                  const DemoWorldOptions& options, DeviceChoice device, const Job& job,
                                  const std::function<void(const std::string&)>& log)
{
    auto say = [&](const std::string& line) {
        if (log)
            log(line);
    };
    const fs::path root(directory);
    for (const char* model : {"robust.pt", "standard.pt"})
        if (!fs::exists(fs::path(modelDirectory) / model))
            throw InputError((fs::path(modelDirectory) / model).string() + ": shipped model missing");
    fs::create_directories(root / "models");
    writeDemoWorld((root / "dataset").string(), options, job);
    say("Wrote the Spurious Fashion world to " + (root / "dataset").string());
    for (const char* model : {"robust.pt", "standard.pt"})
        fs::copy_file(fs::path(modelDirectory) / model, root / "models" / model,
                      fs::copy_options::overwrite_existing);
    writeClassMetadata(root / "classes.json");

    DemoAccuracies accuracies;
    accuracies.pgdEps = kPgdEps;
    accuracies.pgdSteps = kPgdSteps;
    accuracies.pgdImages = kPgdImages;
    EvaluationOptions clean;
    EvaluationOptions attacked;
    attacked.attack = true;
    attacked.eps = kPgdEps;
    attacked.attackSteps = kPgdSteps;
    attacked.attackLimit = kPgdImages;
    for (const char* name : {"robust", "standard"}) {
        const std::string model = (root / "models" / (std::string(name) + ".pt")).string();
        const EvaluationResult correlated =
            evaluateModel(model, (root / "dataset" / "test").string(), attacked, device, job);
        const EvaluationResult balanced =
            evaluateModel(model, (root / "dataset" / "test_balanced").string(), clean, device, job);
        const bool robust = std::string(name) == "robust";
        (robust ? accuracies.robustCorrelated : accuracies.standardCorrelated) = correlated.clean;
        (robust ? accuracies.robustBalanced : accuracies.standardBalanced) = balanced.clean;
        (robust ? accuracies.robustPgd : accuracies.standardPgd) = correlated.underAttack;
        say(std::string(name) + " model: " + percentText(correlated.clean) +
            " on the correlated test split, " + percentText(balanced.clean) + " on the balanced one, " +
            percentText(correlated.underAttack) + " under PGD");
    }
    const Json demo = {
        {"robust.correlated", accuracies.robustCorrelated},
        {"robust.balanced", accuracies.robustBalanced},
        {"robust.pgd", accuracies.robustPgd},
        {"standard.correlated", accuracies.standardCorrelated},
        {"standard.balanced", accuracies.standardBalanced},
        {"standard.pgd", accuracies.standardPgd},
        {"pgd",
         {{"norm", "L2"}, {"eps", kPgdEps}, {"steps", kPgdSteps}, {"images", kPgdImages}, {"split", "test"}}},
        {"splits", {{"correlated", "test"}, {"balanced", "test_balanced"}}},
        {"seed", options.seed}};
    std::ofstream(root / "demo.json") << demo.dump(2) << '\n';
    return accuracies;
}

} // namespace salient
