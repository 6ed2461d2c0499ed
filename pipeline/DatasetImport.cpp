#include "pipeline/DatasetImport.h"
#include "base/Parse.h"

#include "base/Csv.h"
#include "base/Errors.h"
#include "core/dataset/DatasetNames.h"
#include "core/dataset/MaskFile.h"
#include "core/dataset/MaskJpeg.h"
#include "database/DatasetTables.h"
#include "database/Workspace.h"
#include "database/WriteTransaction.h"
#include "pipeline/DatasetStore.h"
#include "pipeline/WorkspacePaths.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace fs = std::filesystem;

namespace salient {
namespace {

using PairKey = std::pair<int, int>; // class, feature

struct Manifest
{
    std::map<PairKey, DatasetPair> pairs;
    std::map<std::pair<PairKey, std::string>, std::string> images; // (pair, name) -> image path
};

int wholeNumber(const std::string& text, const std::string& where)
{
    if (const std::optional<int> value = parseInt(text))
        return *value;
    throw InputError(where + ": '" + text + "' is not a whole number");
}

std::optional<double> optionalNumber(const std::string& text, const std::string& where)
{
    if (text.empty())
        return std::nullopt;
    if (const std::optional<double> value = parseDouble(text))
        return value;
    throw InputError(where + ": '" + text + "' is not a number");
}

Manifest readManifest(const fs::path& path)
{
    Manifest manifest;
    const std::vector<CsvRecord> records = readCsvFile(path.string());
    if (records.empty())
        throw InputError(path.string() + ": empty; expected a header");
    std::map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < records[0].fields.size(); ++i)
        column[records[0].fields[i]] = i;
    for (const char* needed : {"image", "class", "wnid", "feature", "label"})
        if (!column.count(needed))
            throw InputError(path.string() + ": no column '" + needed + "'");
    for (std::size_t r = 1; r < records.size(); ++r) {
        const CsvRecord& record = records[r];
        const std::string where = path.string() + ":" + std::to_string(record.line);
        if (record.fields.size() != records[0].fields.size())
            throw InputError(where + ": " + std::to_string(record.fields.size()) +
                             " fields, the header has " + std::to_string(records[0].fields.size()));
        const auto field = [&](const std::string& name) {
            return column.count(name) ? record.fields[column.at(name)] : std::string();
        };
        DatasetPair pair;
        pair.classIndex = wholeNumber(field("class"), where);
        pair.wnid = field("wnid");
        pair.feature = wholeNumber(field("feature"), where);
        pair.rank = field("feature_rank").empty() ? 0 : wholeNumber(field("feature_rank"), where);
        pair.label = field("label");
        if (pair.label != "core" && pair.label != "spurious")
            throw InputError(where + ": the label '" + pair.label + "' is neither core nor spurious");
        pair.subLabel = field("sub_label");
        pair.agreement = optionalNumber(field("agreement"), where);
        pair.confidence = optionalNumber(field("confidence"), where);
        const std::string image = field("image");
        const fs::path relative(image);
        if (relative.is_absolute() || image.empty())
            throw InputError(where + ": the image path '" + image + "' is not relative");
        for (const fs::path& part : relative)
            checkPathComponent(part.string(), where + ": a part of the image path " + image);
        const PairKey key{pair.classIndex, pair.feature};
        manifest.pairs.emplace(key, pair);
        manifest.images[{key, relative.stem().string()}] = image;
    }
    return manifest;
}

std::string readText(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw InputError(path.string() + ": missing; a Salient ImageNet dataset folder starts with it");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// One pair's column of image_names_map.csv: the names of its images, highest activation first.
struct PairFiles
{
    DatasetPair pair;
    std::vector<std::string> names;
};

/// Reads every pair's names: a malformed file fails the import before any mask is read.
std::vector<PairFiles> listPairs(const fs::path& directory, const std::map<int, std::string>& wnids,
                                 const Manifest& manifest, DatasetImportResult& result)
{
    std::vector<PairFiles> pairs;
    for (const auto& [classIndex, wnid] : wnids) {
        const fs::path map = directory / wnid / "image_names_map.csv";
        if (!fs::exists(map))
            continue; // the dict lists every class; only some have masks
        const std::vector<CsvRecord> records = readCsvFile(map.string());
        if (records.empty())
            continue;
        ++result.classes;
        for (std::size_t c = 0; c < records[0].fields.size(); ++c) {
            PairFiles files;
            files.pair.classIndex = classIndex;
            files.pair.wnid = wnid;
            files.pair.feature = wholeNumber(records[0].fields[c], map.string() + ":1");
            files.pair.label = "spurious"; // the published folders hold the spurious features only
            files.pair.rank = int(c) + 1;
            if (result.labelsFromManifest) {
                const auto found = manifest.pairs.find({classIndex, files.pair.feature});
                if (found == manifest.pairs.end())
                    throw InputError(map.string() + ": feature " + records[0].fields[c] +
                                     " has no rows in manifest.csv");
                files.pair = found->second;
            }
            for (std::size_t r = 1; r < records.size(); ++r) {
                if (c >= records[r].fields.size() || records[r].fields[c].empty())
                    continue;
                checkPathComponent(records[r].fields[c],
                                   map.string() + ":" + std::to_string(records[r].line) + ": the image name");
                files.names.push_back(records[r].fields[c]);
            }
            pairs.push_back(std::move(files));
        }
    }
    if (pairs.empty())
        throw InputError(directory.string() +
                         ": no <wnid>/image_names_map.csv for any class of wordnet_dict.py");
    return pairs;
}

/// A pair with its masks as rows for the dataset tables; their bytes are in the spare mask file.
struct ImportedPair
{
    DatasetPair pair;
    std::vector<DatasetMask> masks;
};

/// Reads, checks and appends every mask to `file`. Throws ImageError naming the first mask that is
/// missing, truncated or not decodable; nothing in the workspace's dataset has changed by then.
std::vector<ImportedPair> readMasks(MaskFile& file, const std::vector<PairFiles>& pairs,
                                    const fs::path& directory, const Manifest& manifest,
                                    const fs::path& imagesRoot, DatasetImportResult& result, const Job& job)
{
    std::int64_t total = 0;
    for (const PairFiles& files : pairs)
        total += std::int64_t(files.names.size());
    std::vector<ImportedPair> imported;
    for (const PairFiles& files : pairs) {
        ImportedPair current{files.pair, {}};
        for (const std::string& name : files.names) {
            if (result.masks % 64 == 0) {
                job.throwIfCancelled();
                job.report(result.masks, total, "Reading masks");
            }
            const fs::path maskPath = directory / files.pair.wnid /
                                      ("feature_" + std::to_string(files.pair.feature)) / (name + ".JPEG");
            const SoftMask soft = readMaskImage(maskPath.string());
            DatasetMask mask;
            mask.classIndex = files.pair.classIndex;
            mask.feature = files.pair.feature;
            mask.position = int(current.masks.size()) + 1;
            const auto listed = manifest.images.find({{files.pair.classIndex, files.pair.feature}, name});
            mask.image =
                listed != manifest.images.end() ? listed->second : files.pair.wnid + "/" + name + ".JPEG";
            mask.width = soft.width;
            mask.height = soft.height;
            mask.offset = file.append(soft);
            if (!fs::exists(imagesRoot / mask.image))
                ++result.missingImages;
            current.masks.push_back(std::move(mask));
            ++result.masks;
        }
        imported.push_back(std::move(current));
        ++result.pairs;
    }
    file.flush(); // durable before the rows that name the masks are committed
    job.report(total, total, "Reading masks");
    return imported;
}

/// Swaps the workspace's dataset for the imported one in one transaction: the rows, the images root and
/// the mask file's name change together or not at all.
void replaceDataset(Workspace& workspace, const std::vector<ImportedPair>& imported,
                    const fs::path& imagesRoot, const std::string& maskFileName)
{
    Database& db = workspace.database();
    WriteTransaction transaction(db);
    clearDataset(db);
    for (const ImportedPair& entry : imported)
        storeDatasetPair(db, entry.pair, entry.masks);
    setWorkspaceFile(workspace, DatasetKeys::Images, imagesRoot.string());
    workspace.removeConfigValue(DatasetKeys::Study);
    workspace.removeConfigValue(DatasetKeys::MaskGeometry); // imported masks cover their whole image
    workspace.setConfigValue(DatasetKeys::MaskFileName, maskFileName);
    transaction.commit();
}

} // namespace

DatasetImportResult importDataset(Workspace& workspace, const DatasetImportOptions& options, const Job& job)
{
    const fs::path directory = fs::absolute(options.directory).lexically_normal();
    if (!fs::is_directory(directory))
        throw InputError(directory.string() + ": not a folder");
    const fs::path root = fs::absolute(options.imagesRoot).lexically_normal();
    if (!fs::is_directory(root))
        throw InputError(root.string() + ": the images folder is missing");
    const fs::path imagesRoot = fs::is_directory(root / "train") ? root / "train" : root;
    const fs::path dictPath = directory / "wordnet_dict.py";
    const std::map<int, std::string> wnids = parseWordnetDict(readText(dictPath), dictPath.string());
    Manifest manifest;
    DatasetImportResult result;
    if (fs::exists(directory / "manifest.csv")) {
        manifest = readManifest(directory / "manifest.csv");
        result.labelsFromManifest = true;
    }
    const std::vector<PairFiles> pairs = listPairs(directory, wnids, manifest, result);

    // The new masks go to the spare file (cut to nothing first: a failed import may have left some), so
    // the old dataset stays whole until the one transaction that replaces it.
    const std::string oldMasks = datasetMaskFilePath(workspace);
    const std::string spareName = spareDatasetMaskFileName(workspace);
    const fs::path spare = fs::path(oldMasks).parent_path() / spareName;
    try {
        std::vector<ImportedPair> imported;
        {
            MaskFile file = MaskFile::openForAppend(spare.string(), 0);
            imported = readMasks(file, pairs, directory, manifest, imagesRoot, result, job);
        }
        replaceDataset(workspace, imported, imagesRoot, spareName);
    } catch (...) {
        std::error_code ignored;
        fs::remove(spare, ignored);
        throw;
    }
    std::error_code ignored;
    fs::remove(oldMasks, ignored); // no row names its masks any more
    result.imagesRoot = imagesRoot.string();
    return result;
}

} // namespace salient
