#include "database/DatasetTables.h"

namespace salient {
namespace {

const char* const maskColumns =
    "class_index, feature, position, image, image_id, activation, width, height, offset FROM dataset_masks";

std::optional<double> optionalDouble(const Statement& statement, int column)
{
    return statement.columnIsNull(column) ? std::nullopt
                                          : std::optional<double>(statement.columnDouble(column));
}

void bindOptional(Statement& statement, int index, const std::optional<double>& value)
{
    if (value)
        statement.bind(index, *value);
    else
        statement.bindNull(index);
}

DatasetPair readPair(const Statement& statement)
{
    DatasetPair pair;
    pair.classIndex = int(statement.columnInt64(0));
    pair.wnid = statement.columnText(1);
    pair.feature = int(statement.columnInt64(2));
    pair.rank = int(statement.columnInt64(3));
    pair.label = statement.columnText(4);
    pair.subLabel = statement.columnText(5);
    pair.agreement = optionalDouble(statement, 6);
    pair.confidence = optionalDouble(statement, 7);
    return pair;
}

std::vector<DatasetPair> queryPairs(Database& db, const std::string& where, int classIndex = 0,
                                    int feature = 0)
{
    Statement statement = db.prepare("SELECT class_index, wnid, feature, rank, label, sub_label, agreement, "
                                     "confidence FROM dataset_pairs " +
                                     where + " ORDER BY class_index, rank, feature");
    if (!where.empty())
        statement.bind(1, classIndex).bind(2, feature);
    std::vector<DatasetPair> pairs;
    while (statement.step())
        pairs.push_back(readPair(statement));
    return pairs;
}

std::vector<DatasetMask> readMasks(Statement& statement)
{
    std::vector<DatasetMask> masks;
    while (statement.step()) {
        DatasetMask mask;
        mask.classIndex = int(statement.columnInt64(0));
        mask.feature = int(statement.columnInt64(1));
        mask.position = int(statement.columnInt64(2));
        mask.image = statement.columnText(3);
        if (!statement.columnIsNull(4))
            mask.imageId = statement.columnInt64(4);
        mask.activation = optionalDouble(statement, 5);
        mask.width = int(statement.columnInt64(6));
        mask.height = int(statement.columnInt64(7));
        mask.offset = std::uint64_t(statement.columnInt64(8));
        masks.push_back(std::move(mask));
    }
    return masks;
}

} // namespace

void storeDatasetPair(Database& db, const DatasetPair& pair, const std::vector<DatasetMask>& masks)
{
    db.prepare("DELETE FROM dataset_masks WHERE class_index = ?1 AND feature = ?2")
        .bind(1, pair.classIndex)
        .bind(2, pair.feature)
        .step();
    Statement row =
        db.prepare("INSERT OR REPLACE INTO dataset_pairs (class_index, wnid, feature, rank, label, "
                   "sub_label, agreement, confidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    row.bind(1, pair.classIndex)
        .bind(2, pair.wnid)
        .bind(3, pair.feature)
        .bind(4, pair.rank)
        .bind(5, pair.label);
    if (pair.subLabel.empty())
        row.bindNull(6);
    else
        row.bind(6, pair.subLabel);
    bindOptional(row, 7, pair.agreement);
    bindOptional(row, 8, pair.confidence);
    row.step();
    Statement insert =
        db.prepare("INSERT INTO dataset_masks (class_index, feature, position, image, image_id, "
                   "activation, width, height, offset) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    for (const DatasetMask& mask : masks) {
        insert.reset(true);
        insert.bind(1, pair.classIndex).bind(2, pair.feature).bind(3, mask.position).bind(4, mask.image);
        if (mask.imageId)
            insert.bind(5, *mask.imageId);
        else
            insert.bindNull(5);
        bindOptional(insert, 6, mask.activation);
        insert.bind(7, mask.width).bind(8, mask.height).bind(9, std::int64_t(mask.offset));
        insert.step();
    }
}

void clearDataset(Database& db)
{
    db.exec("DELETE FROM dataset_masks; DELETE FROM dataset_pairs;");
}

std::vector<DatasetPair> datasetPairs(Database& db)
{
    return queryPairs(db, "");
}

std::optional<DatasetPair> datasetPair(Database& db, int classIndex, int feature)
{
    auto pairs = queryPairs(db, "WHERE class_index = ?1 AND feature = ?2", classIndex, feature);
    return pairs.empty() ? std::nullopt : std::optional<DatasetPair>(pairs.front());
}

std::vector<DatasetMask> pairMasks(Database& db, int classIndex, int feature)
{
    Statement statement = db.prepare(std::string("SELECT ") + maskColumns +
                                     " WHERE class_index = ?1 AND feature = ?2 ORDER BY position");
    statement.bind(1, classIndex).bind(2, feature);
    return readMasks(statement);
}

std::vector<DatasetMask> imageMasks(Database& db, const std::string& image)
{
    Statement statement =
        db.prepare(std::string("SELECT ") + maskColumns + " WHERE image = ?1 ORDER BY class_index, feature");
    statement.bind(1, image);
    return readMasks(statement);
}

std::vector<DatasetMask> datasetMasks(Database& db)
{
    Statement statement =
        db.prepare(std::string("SELECT ") + maskColumns + " ORDER BY class_index, feature, position");
    return readMasks(statement);
}

std::int64_t datasetPairCount(Database& db)
{
    return db.queryInt64("SELECT COUNT(*) FROM dataset_pairs");
}

std::int64_t datasetMaskCount(Database& db)
{
    return db.queryInt64("SELECT COUNT(*) FROM dataset_masks");
}

std::uint64_t datasetMaskBytes(Database& db)
{
    return std::uint64_t(
        db.queryInt64("SELECT COALESCE(MAX(offset + width * height), 0) FROM dataset_masks"));
}

} // namespace salient
