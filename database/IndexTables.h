#pragma once

#include "database/Database.h"
#include "database/WriteTransaction.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace salient {

/// A class as the feature index saw it: counts of the robust model's predictions.
struct IndexedClass
{
    int classIndex = 0;
    std::string wnid;
    std::int64_t images = 0;    ///< readable images labelled as the class
    std::int64_t correct = 0;   ///< of those, predicted as the class
    std::int64_t predicted = 0; ///< readable images predicted as the class

    double accuracy() const { return images > 0 ? double(correct) / double(images) : 0.0; }
};

struct IndexedImage
{
    std::int64_t imageId = 0; ///< row of the feature matrix
    std::string path;         ///< relative to the dataset root
    int label = 0;
    int prediction = -1; ///< -1 when unreadable
    std::string problem; ///< why it could not be read
};

/// An image of a (class, feature) pair with the feature's value on it.
struct FeatureImage
{
    std::int64_t imageId = 0;
    double activation = 0.0;
};

/// One of a class's top features (step 2) with its evidence images (step 3).
struct ClassFeature
{
    int classIndex = 0;
    int feature = 0;
    int rank = 0;
    double importance = 0.0;
    std::vector<FeatureImage> discovery;      ///< top images predicted as the class
    std::vector<FeatureImage> generalisation; ///< top images labelled as the class, highest first
};

/// Replaces the feature index tables of salient.db in one transaction: nothing of the new index is
/// visible until commit(), and a crash before it leaves the previous index whole.
class IndexTablesWriter
{
public:
    explicit IndexTablesWriter(Database& db);
    ~IndexTablesWriter();

    void addClass(const IndexedClass& cls);
    void addImage(const IndexedImage& image);
    void addFeature(const ClassFeature& feature);
    void commit();

private:
    Database& m_db;
    WriteTransaction m_transaction;
    Statement m_class;
    Statement m_image;
    Statement m_feature;
    Statement m_featureImage;
};

std::vector<IndexedClass> indexedClasses(Database& db);
/// The class's top features by rank, with their images.
std::vector<ClassFeature> classFeatures(Database& db, int classIndex);
std::optional<IndexedImage> indexedImage(Database& db, std::int64_t imageId);
std::int64_t indexedImageCount(Database& db);

} // namespace salient
