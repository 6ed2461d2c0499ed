#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace salient {

/// A finished feature index (see FeatureIndex.h), its big arrays memory-mapped read-only, so that
/// ImageNet's 1.28 M x 2048 matrix costs no resident memory until rows are touched.
class IndexView
{
public:
    /// Throws InputError naming the folder when a file is missing or its size disagrees with index.json.
    static IndexView open(const std::string& directory);
    IndexView(IndexView&&) noexcept;
    ~IndexView();

    std::int64_t images() const { return m_images; }
    int featureWidth() const { return m_width; }
    int classes() const { return m_classes; }
    const std::vector<std::string>& classIds() const { return m_classIds; }
    const std::vector<std::string>& imagePaths() const { return m_paths; } ///< relative to the dataset root
    const std::string& datasetRoot() const { return m_dataset; }

    const float* features(std::int64_t image) const { return m_features + image * m_width; }
    std::int32_t label(std::int64_t image) const { return m_labels[image]; }
    std::int32_t prediction(std::int64_t image) const { return m_predictions[image]; } ///< -1: unreadable
    const float* classWeights(int cls) const { return m_fc + std::int64_t(cls) * m_width; }

private:
    IndexView() = default;
    struct Mapping;
    std::vector<std::unique_ptr<Mapping>> m_mappings;
    std::int64_t m_images = 0;
    int m_width = 0;
    int m_classes = 0;
    std::vector<std::string> m_classIds;
    std::vector<std::string> m_paths;
    std::string m_dataset;
    const float* m_features = nullptr;
    const std::int32_t* m_labels = nullptr;
    const std::int32_t* m_predictions = nullptr;
    const float* m_fc = nullptr;
};

} // namespace salient
