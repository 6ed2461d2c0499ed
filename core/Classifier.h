#pragma once

#include "core/Image.h"
#include "core/ModelInfo.h"
#include "core/Runtime.h"

#include <memory>
#include <string>
#include <vector>

namespace salient {

struct ClassScore
{
    int index = 0;
    std::string name;
    float probability = 0.0f;
};

/// A model file opened for evaluation; the plain face of the model layer (no LibTorch types).
class Classifier
{
public:
    /// Throws ModelError naming the file (and the first offending key for architecture problems).
    static Classifier open(const std::string& path, DeviceChoice device = DeviceChoice::Auto);

    Classifier(Classifier&&) noexcept;
    Classifier& operator=(Classifier&&) noexcept;
    ~Classifier();

    const ModelInfo& info() const;
    std::string deviceName() const;

    /// The `topK` most probable classes (softmax over the logits) per image, best first. Images are
    /// resized and cropped as the model wants; they are run in batches of `batchSize`.
    std::vector<std::vector<ClassScore>> predict(const std::vector<Image>& images, int topK = 5,
                                                 int batchSize = 32) const;

    /// Saves a native model in the program's own format (readable by torch.load in Python).
    void save(const std::string& path) const;

private:
    Classifier();
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace salient
