#pragma once

#include "core/Preprocessing.h"
#include "core/model/ResNetSpec.h"

#include <cstdint>
#include <string>

namespace salient {

/// Everything a training run depends on, read from a JSON recipe (docs/training.md lists the keys and
/// their defaults). The class count comes from the data.
struct Recipe
{
    std::string name = "model";
    std::string dataRoot; ///< ImageFolder root (relative paths are taken from the working directory)
    ResNetSpec architecture;
    Preprocessing preprocessing;
    int epochs = 6;
    int batchSize = 128;
    double learningRate = 0.1;
    double momentum = 0.9;
    double weightDecay = 5e-4;
    std::string schedule = "cosine"; ///< "cosine" (per step, to zero) or "constant"
    bool horizontalFlip = true;
    std::uint64_t seed = 1;
    bool adversarial = false; ///< L2 PGD adversarial training (Madry et al.)
    double eps = 0.5;
    int attackSteps = 3;
    double attackStepSize = 0.0; ///< 0: 2.5 * eps / steps

    /// Reads and validates a recipe; throws InputError naming the file and the bad key.
    static Recipe load(const std::string& path);
    /// `name` only appears in error messages.
    static Recipe fromJsonText(const std::string& text, const std::string& name);
    /// The recipe with every default filled in, as stored in checkpoints and model metadata.
    std::string toJsonText() const;
};

} // namespace salient
