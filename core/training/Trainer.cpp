#include "core/training/Trainer.h"

#include "base/Errors.h"
#include "base/SeededRandom.h"
#include "core/attack/PgdL2_p.h"
#include "core/model/ModelFile.h"
#include "core/model/TorchDevice_p.h"
#include "core/training/Checkpoint.h"
#include "core/training/ImageTensor_p.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <torch/csrc/autograd/autograd.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <sstream>

namespace salient {
namespace {

using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

/// The epoch's image order: a Fisher-Yates shuffle from a stream that depends only on seed and epoch,
/// so a resumed run sees the same batches as an uninterrupted one.
std::vector<std::int64_t> epochOrder(std::int64_t count, std::uint64_t seed, int epoch,
                                     std::vector<bool>& flips)
{
    SeededRandom random(SeededRandom::derive(seed, 1000 + std::uint64_t(epoch)));
    std::vector<std::int64_t> order(static_cast<std::size_t>(count));
    std::iota(order.begin(), order.end(), 0);
    for (std::int64_t i = count - 1; i > 0; --i)
        std::swap(order[std::size_t(i)], order[std::size_t(random.integer(0, int(i)))]);
    flips.resize(std::size_t(count));
    for (std::size_t i = 0; i < flips.size(); ++i)
        flips[i] = random.chance(0.5);
    return order;
}

double learningRate(const Recipe& recipe, std::int64_t step, std::int64_t totalSteps)
{
    if (recipe.schedule == "constant")
        return recipe.learningRate;
    return recipe.learningRate * 0.5 *
           (1.0 + std::cos(3.141592653589793 * double(step) / double(totalSteps)));
}

Json historyJson(const std::vector<EpochLog>& epochs)
{
    Json history = Json::array();
    for (const auto& e : epochs)
        history.push_back({{"epoch", e.epoch},
                           {"loss", e.loss},
                           {"accuracy", e.accuracy},
                           {"seconds", e.seconds},
                           {"images_per_second", e.imagesPerSecond}});
    return history;
}

std::vector<EpochLog> historyFromJson(const std::string& text)
{
    std::vector<EpochLog> epochs;
    for (const auto& e : Json::parse(text))
        epochs.push_back({e.at("epoch").get<int>(), e.at("loss").get<double>(),
                          e.at("accuracy").get<double>(), e.at("seconds").get<double>(),
                          e.at("images_per_second").get<double>()});
    return epochs;
}

/// Display names for the class folders: the demo world's lemmas when its world.json lies above the data.
std::vector<std::string> classNamesFor(const std::string& dataRoot, const std::vector<std::string>& classes)
{
    const auto worldFile = std::filesystem::path(dataRoot).parent_path() / "world.json";
    std::ifstream in(worldFile);
    if (!in)
        return {};
    std::map<std::string, std::string> lemmaOf;
    try {
        const Json world = Json::parse(in);
        for (const auto& c : world.at("classes"))
            lemmaOf[c.at("wnid").get<std::string>()] = c.at("lemma").get<std::string>();
    } catch (const Json::exception&) {
        return {};
    }
    std::vector<std::string> names;
    for (const auto& wnid : classes)
        names.push_back(lemmaOf.count(wnid) ? lemmaOf[wnid] : wnid);
    return names;
}

std::string fixed(double value, int digits)
{
    std::ostringstream out;
    out.setf(std::ios::fixed);
    out.precision(digits);
    out << value;
    return out.str();
}

} // namespace

TrainingResult trainModel(const Recipe& recipe, const std::string& outPath, DeviceChoice deviceChoice,
                          const Job& job, const std::function<void(const std::string&)>& log)
{
    auto say = [&](const std::string& line) {
        if (log)
            log(line);
    };
    const ImageFolder folder = ImageFolder::scan(recipe.dataRoot);
    if (!folder.emptyClasses.empty())
        throw InputError(recipe.dataRoot + ": class folder '" + folder.emptyClasses.front() +
                         "' holds no images");
    const at::Device device = torchDevice(deviceChoice);
    const at::Tensor images = loadImageTensor(folder, recipe.preprocessing, job);
    const at::Tensor labels = labelTensor(folder);
    const std::int64_t count = images.size(0);

    ResNetSpec spec = recipe.architecture;
    spec.numClasses = int(folder.classes.size());
    at::manual_seed(recipe.seed);
    Network network(ResNet(spec), recipe.preprocessing);
    network.to(device);
    ResNet& resnet = network.resnet();
    resnet.setTrainable(true);

    std::vector<std::string> parameterNames;
    for (std::size_t i = 0; i < resnet.stateDict().size(); ++i)
        if (resnet.stateDict()[i].second.requires_grad())
            parameterNames.push_back(resnet.stateDict()[i].first);
    std::vector<at::Tensor> parameters = resnet.parameters();
    std::vector<at::Tensor> momentum;
    for (const auto& p : parameters)
        momentum.push_back(at::zeros_like(p));

    TrainingResult result;
    result.classes = folder.classes;
    const std::string checkpointPath = outPath + ".checkpoint";
    const std::string recipeJson = recipe.toJsonText();
    if (auto checkpoint = loadCheckpoint(checkpointPath)) {
        if (checkpoint->recipeJson != recipeJson || checkpoint->classes != folder.classes)
            throw InputError(checkpointPath +
                             ": a checkpoint of another recipe or dataset; delete it to start over");
        resnet.loadStateDict(checkpoint->stateDict);
        at::NoGradGuard noGrad;
        for (std::size_t i = 0; i < parameters.size(); ++i)
            momentum[i].copy_(checkpoint->momentum.at(parameterNames[i]));
        result.epochs = historyFromJson(checkpoint->historyJson);
        result.resumedAfterEpoch = checkpoint->epoch;
        say("Resuming after epoch " + std::to_string(checkpoint->epoch) + " from " + checkpointPath);
    }

    const std::int64_t batchSize = recipe.batchSize;
    const std::int64_t stepsPerEpoch = (count + batchSize - 1) / batchSize;
    const std::int64_t totalSteps = stepsPerEpoch * recipe.epochs;
    PgdSettings attack{recipe.eps, recipe.attackSteps, recipe.attackStepSize};
    const LogitsFunction evalLogits = [&](const at::Tensor& x) {
        return resnet.forward(network.normalise(x), false).logits;
    };

    for (int epoch = result.resumedAfterEpoch; epoch < recipe.epochs; ++epoch) {
        const auto started = Clock::now();
        std::vector<bool> flips;
        const std::vector<std::int64_t> order = epochOrder(count, recipe.seed, epoch, flips);
        double lossSum = 0.0;
        std::int64_t correct = 0;
        for (std::int64_t step = 0; step < stepsPerEpoch; ++step) {
            job.throwIfCancelled();
            const std::int64_t begin = step * batchSize, end = std::min(count, begin + batchSize);
            const std::vector<std::int64_t> indices(order.begin() + begin, order.begin() + end);
            std::vector<std::uint8_t> flipMask;
            for (std::int64_t i : indices)
                flipMask.push_back(recipe.horizontalFlip && flips[std::size_t(i)]);
            const at::Tensor index = at::tensor(indices, at::kLong);
            at::Tensor x = images.index_select(0, index).to(device).to(at::kFloat).div_(255.0);
            const at::Tensor flip =
                at::tensor(std::vector<std::int64_t>(flipMask.begin(), flipMask.end()), at::kLong)
                    .to(at::kBool)
                    .to(device)
                    .view({-1, 1, 1, 1});
            x = at::where(flip, x.flip({3}), x);
            const at::Tensor y = labels.index_select(0, index).to(device);
            if (recipe.adversarial)
                x = pgdL2Attack(evalLogits, x, y, attack);

            const at::Tensor logits = resnet.forward(network.normalise(x), true).logits;
            const at::Tensor loss = at::nll_loss(at::log_softmax(logits, 1), y);
            const std::vector<at::Tensor> gradients = torch::autograd::grad({loss}, parameters);
            const double rate = learningRate(recipe, epoch * stepsPerEpoch + step, totalSteps);
            {
                at::NoGradGuard noGrad;
                // torch.optim.SGD with momentum and weight decay (dampening 0, no Nesterov).
                for (std::size_t i = 0; i < parameters.size(); ++i) {
                    const at::Tensor direction = gradients[i] + recipe.weightDecay * parameters[i];
                    momentum[i].mul_(recipe.momentum).add_(direction);
                    parameters[i].sub_(rate * momentum[i]);
                }
            }
            lossSum += loss.item<double>() * double(end - begin);
            correct += logits.argmax(1).eq(y).sum().item<std::int64_t>();
            job.report(epoch * stepsPerEpoch + step + 1, totalSteps,
                       "Epoch " + std::to_string(epoch + 1) + "/" + std::to_string(recipe.epochs) + " loss " +
                           fixed(lossSum / double(end), 3));
        }
        const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
        result.epochs.push_back({epoch + 1, lossSum / double(count), double(correct) / double(count), seconds,
                                 double(count) / seconds});
        say("Epoch " + std::to_string(epoch + 1) + "/" + std::to_string(recipe.epochs) + ": loss " +
            fixed(result.epochs.back().loss, 4) + ", training accuracy " +
            fixed(100 * result.epochs.back().accuracy, 2) + " %, " +
            fixed(result.epochs.back().imagesPerSecond, 1) + " images/s");

        TrainingCheckpoint checkpoint;
        checkpoint.epoch = epoch + 1;
        checkpoint.recipeJson = recipeJson;
        checkpoint.historyJson = historyJson(result.epochs).dump();
        checkpoint.classes = folder.classes;
        for (const auto& [name, tensor] : resnet.stateDict())
            checkpoint.stateDict[name] = tensor;
        for (std::size_t i = 0; i < parameters.size(); ++i)
            checkpoint.momentum[parameterNames[i]] = momentum[i];
        saveCheckpoint(checkpointPath, checkpoint);
    }

    ModelInfo info;
    info.preprocessing = recipe.preprocessing;
    info.classIds = folder.classes;
    info.classNames = classNamesFor(recipe.dataRoot, folder.classes);
    info.extraJson =
        Json{{"recipe", Json::parse(recipeJson)}, {"training_log", historyJson(result.epochs)}}.dump();
    saveModel(outPath, resnet, info);
    std::filesystem::remove(checkpointPath);
    return result;
}

} // namespace salient
