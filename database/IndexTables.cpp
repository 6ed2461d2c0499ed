#include "database/IndexTables.h"

namespace salient {
namespace {

void bindOptionalText(Statement& statement, int index, const std::string& text)
{
    if (text.empty())
        statement.bindNull(index);
    else
        statement.bind(index, text);
}

void insertImages(Statement& statement, const ClassFeature& feature, const char* role,
                  const std::vector<FeatureImage>& images)
{
    int position = 1;
    for (const FeatureImage& image : images) {
        statement.reset();
        statement.bind(1, feature.classIndex)
            .bind(2, feature.feature)
            .bind(3, role)
            .bind(4, position++)
            .bind(5, image.imageId)
            .bind(6, image.activation);
        statement.step();
    }
}

} // namespace

IndexTablesWriter::IndexTablesWriter(Database& db) : m_db(db), m_transaction(db)
{
    m_db.exec("DELETE FROM feature_images; DELETE FROM class_features; DELETE FROM images; "
              "DELETE FROM classes;");
    m_class = m_db.prepare("INSERT INTO classes (class_index, wnid, images, correct, predicted) "
                           "VALUES (?1, ?2, ?3, ?4, ?5)");
    m_image = m_db.prepare("INSERT INTO images (image_id, path, label, prediction, problem) "
                           "VALUES (?1, ?2, ?3, ?4, ?5)");
    m_feature = m_db.prepare("INSERT INTO class_features (class_index, feature, rank, importance) "
                             "VALUES (?1, ?2, ?3, ?4)");
    m_featureImage = m_db.prepare("INSERT INTO feature_images (class_index, feature, role, position, "
                                  "image_id, activation) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
}

IndexTablesWriter::~IndexTablesWriter() = default;

void IndexTablesWriter::addClass(const IndexedClass& cls)
{
    m_class.reset();
    m_class.bind(1, cls.classIndex)
        .bind(2, cls.wnid)
        .bind(3, cls.images)
        .bind(4, cls.correct)
        .bind(5, cls.predicted);
    m_class.step();
}

void IndexTablesWriter::addImage(const IndexedImage& image)
{
    m_image.reset();
    m_image.bind(1, image.imageId).bind(2, image.path).bind(3, image.label);
    if (image.prediction < 0)
        m_image.bindNull(4);
    else
        m_image.bind(4, image.prediction);
    bindOptionalText(m_image, 5, image.problem);
    m_image.step();
}

void IndexTablesWriter::addFeature(const ClassFeature& feature)
{
    m_feature.reset();
    m_feature.bind(1, feature.classIndex)
        .bind(2, feature.feature)
        .bind(3, feature.rank)
        .bind(4, feature.importance);
    m_feature.step();
    insertImages(m_featureImage, feature, "discovery", feature.discovery);
    insertImages(m_featureImage, feature, "generalisation", feature.generalisation);
}

void IndexTablesWriter::commit()
{
    m_transaction.commit();
}

std::vector<IndexedClass> indexedClasses(Database& db)
{
    Statement query =
        db.prepare("SELECT class_index, wnid, images, correct, predicted FROM classes ORDER BY class_index");
    std::vector<IndexedClass> classes;
    while (query.step()) {
        IndexedClass cls;
        cls.classIndex = int(query.columnInt64(0));
        cls.wnid = query.columnText(1);
        cls.images = query.columnInt64(2);
        cls.correct = query.columnInt64(3);
        cls.predicted = query.columnInt64(4);
        classes.push_back(std::move(cls));
    }
    return classes;
}

std::vector<ClassFeature> classFeatures(Database& db, int classIndex)
{
    Statement features = db.prepare(
        "SELECT feature, rank, importance FROM class_features WHERE class_index = ?1 ORDER BY rank");
    features.bind(1, classIndex);
    Statement images = db.prepare("SELECT role, image_id, activation FROM feature_images "
                                  "WHERE class_index = ?1 AND feature = ?2 ORDER BY role, position");
    std::vector<ClassFeature> result;
    while (features.step()) {
        ClassFeature feature;
        feature.classIndex = classIndex;
        feature.feature = int(features.columnInt64(0));
        feature.rank = int(features.columnInt64(1));
        feature.importance = features.columnDouble(2);
        images.reset();
        images.bind(1, classIndex).bind(2, feature.feature);
        while (images.step()) {
            FeatureImage image{images.columnInt64(1), images.columnDouble(2)};
            (images.columnText(0) == "discovery" ? feature.discovery : feature.generalisation)
                .push_back(image);
        }
        result.push_back(std::move(feature));
    }
    return result;
}

std::optional<IndexedImage> indexedImage(Database& db, std::int64_t imageId)
{
    Statement query = db.prepare("SELECT path, label, prediction, problem FROM images WHERE image_id = ?1");
    query.bind(1, imageId);
    if (!query.step())
        return std::nullopt;
    IndexedImage image;
    image.imageId = imageId;
    image.path = query.columnText(0);
    image.label = int(query.columnInt64(1));
    image.prediction = query.columnIsNull(2) ? -1 : int(query.columnInt64(2));
    image.problem = query.columnText(3);
    return image;
}

std::int64_t indexedImageCount(Database& db)
{
    return db.queryInt64("SELECT COUNT(*) FROM images");
}

} // namespace salient
