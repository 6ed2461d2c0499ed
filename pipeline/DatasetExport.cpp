#include "pipeline/DatasetExport.h"

#include "base/AtomicFile.h"
#include "base/Csv.h"
#include "base/Errors.h"
#include "base/Sha256.h"
#include "core/dataset/DatasetNames.h"
#include "database/DatasetTables.h"
#include "database/IndexTables.h"
#include "database/MturkCsv.h"
#include "database/MturkImport.h"
#include "database/Studies.h"
#include "database/Workspace.h"
#include "pipeline/DatasetStore.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace salient {
namespace {

/// The digest of the dataset an export folder is being written from; a DIR.partial with another digest
/// holds masks of another dataset and starts over.
const char* const stampFile = ".salient-export";

std::string number(const std::optional<double>& value)
{
    if (!value)
        return {};
    std::ostringstream text;
    text.precision(6);
    text << *value;
    return text.str();
}

void writeText(const fs::path& path, const std::string& text)
{
    writeFileAtomically(path.string(), text);
}

std::string readText(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// The image's name in the layout: its file name without extension.
std::string imageName(const DatasetMask& mask)
{
    const std::string name = fs::path(mask.image).stem().string();
    checkPathComponent(name, "the image name of " + mask.image);
    return name;
}

/// image_names_map.csv of one class: a column per feature, in the pairs' order.
std::string imageNamesMap(const std::vector<std::pair<int, std::vector<std::string>>>& columns)
{
    std::vector<std::string> header;
    std::size_t rows = 0;
    for (const auto& [feature, names] : columns) {
        header.push_back(std::to_string(feature));
        rows = std::max(rows, names.size());
    }
    std::string text = csvLine(header);
    for (std::size_t r = 0; r < rows; ++r) {
        std::vector<std::string> fields;
        for (const auto& column : columns)
            fields.push_back(r < column.second.size() ? column.second[r] : std::string());
        text += csvLine(fields);
    }
    return text;
}

void hashText(Sha256& hash, const std::string& text)
{
    hash.update(text.data(), text.size() + 1); // with the terminating NUL, so fields cannot run together
}

/// SHA-256 of everything a mask file's name and bytes depend on: the JPEG quality, every pair's wnid,
/// every mask's row (pair, position, image, size) and its pixels. Counts and sizes alone cannot tell a
/// rebuilt dataset from the old one, so the pixels are read, once, sequentially.
std::string exportDigest(const DatasetReader& reader, const std::vector<DatasetMask>& masks, int quality,
                         const Job& job)
{
    Sha256 hash;
    hashText(hash, "salient-export 1 quality " + std::to_string(quality));
    for (const DatasetPair& pair : reader.pairs())
        hashText(hash,
                 std::to_string(pair.classIndex) + " " + pair.wnid + " " + std::to_string(pair.feature));
    for (std::size_t i = 0; i < masks.size(); ++i) {
        const DatasetMask& mask = masks[i];
        if (i % 256 == 0) {
            job.throwIfCancelled();
            job.report(std::int64_t(i), std::int64_t(masks.size()), "Checking the dataset");
        }
        hashText(hash, std::to_string(mask.classIndex) + " " + std::to_string(mask.feature) + " " +
                           std::to_string(mask.position) + " " + mask.image + " " +
                           std::to_string(mask.width) + "x" + std::to_string(mask.height));
        const SoftMask pixels = reader.mask(mask);
        hash.update(pixels.values.data(), pixels.values.size());
    }
    return hash.hexDigest();
}

/// Creates DIR.partial stamped with `digest`; an existing one with another digest (or none) is removed
/// first. Returns whether one was removed.
bool preparePartialFolder(const fs::path& partial, const std::string& digest)
{
    const std::string stamp = "sha256 " + digest + "\n";
    const bool stale = fs::exists(partial) && readText(partial / stampFile) != stamp;
    if (stale)
        fs::remove_all(partial);
    fs::create_directories(partial);
    writeText(partial / stampFile, stamp);
    return stale;
}

} // namespace

DatasetExportResult exportDataset(Workspace& workspace, const DatasetExportOptions& options, const Job& job)
{
    if (options.directory.empty())
        throw InputError("no export folder given");
    if (options.jpegQuality < 1 || options.jpegQuality > 100)
        throw InputError("the JPEG quality " + std::to_string(options.jpegQuality) + " is not within 1-100");
    const fs::path target = fs::absolute(options.directory).lexically_normal();
    const fs::path directory = target.filename().empty() ? target.parent_path() : target;
    if (fs::exists(directory) && !options.force)
        throw InputError(directory.string() + " already exists; pass --force to replace it");
    const fs::path inside = fs::path(workspace.path()).lexically_relative(directory);
    if (directory == directory.root_path() || (!inside.empty() && *inside.begin() != ".."))
        throw InputError(directory.string() + " holds the workspace; export to a folder of its own");
    Database& db = workspace.database();
    DatasetReader reader(workspace);
    const std::vector<DatasetMask> masks = datasetMasks(db);

    // Check every name before anything is written.
    std::map<int, std::string> wnids;
    for (const IndexedClass& cls : indexedClasses(db))
        wnids[cls.classIndex] = cls.wnid;
    for (const DatasetPair& pair : reader.pairs()) {
        checkPathComponent(pair.wnid, "the wnid of class " + std::to_string(pair.classIndex));
        wnids[pair.classIndex] = pair.wnid;
    }
    std::map<std::pair<int, int>, std::vector<std::string>> names; // pair -> image names by position
    {
        std::map<std::pair<int, std::string>, std::string> owner; // (class, name) -> image
        for (const DatasetMask& mask : masks) {
            const std::string name = imageName(mask);
            const auto [it, added] = owner.emplace(std::make_pair(mask.classIndex, name), mask.image);
            if (!added && it->second != mask.image)
                throw InputError("the images " + it->second + " and " + mask.image + " of class " +
                                 std::to_string(mask.classIndex) +
                                 " have the same name without extension; the layout cannot hold both");
            names[{mask.classIndex, mask.feature}].push_back(name);
        }
    }

    const fs::path partial = directory.string() + ".partial";
    DatasetExportResult result;
    result.directory = directory.string();
    result.discardedPartial =
        preparePartialFolder(partial, exportDigest(reader, masks, options.jpegQuality, job));
    if (result.discardedPartial)
        job.report(0, std::int64_t(masks.size()),
                   "Starting over: " + partial.string() + " held masks of another dataset");
    result.pairs = int(reader.pairs().size());
    result.masks = std::int64_t(masks.size());
    std::set<int> classes;
    const std::int64_t total = std::int64_t(masks.size());
    for (std::size_t i = 0; i < masks.size(); ++i) {
        const DatasetMask& mask = masks[i];
        if (i % 64 == 0) {
            job.throwIfCancelled();
            job.report(std::int64_t(i), total, "Writing masks");
        }
        const DatasetPair* pair = reader.pair(mask.classIndex, mask.feature);
        if (!pair)
            continue;
        classes.insert(mask.classIndex);
        const fs::path folder = partial / pair->wnid / ("feature_" + std::to_string(mask.feature));
        const fs::path file = folder / (imageName(mask) + ".JPEG");
        if (fs::exists(file)) { // written whole by an interrupted run (files are renamed into place)
            ++result.reused;
            continue;
        }
        fs::create_directories(folder);
        writeMaskJpeg(file.string(), reader.mask(mask), options.jpegQuality);
        ++result.written;
    }
    job.report(total, total, "Writing masks");
    result.classes = int(classes.size());

    // The small files are written again on every run, from the database.
    writeText(partial / "wordnet_dict.py", wordnetDictText(wnids));
    std::map<std::string, std::vector<std::pair<int, std::vector<std::string>>>> columns; // wnid -> columns
    for (const DatasetPair& pair : reader.pairs())
        columns[pair.wnid].emplace_back(pair.feature, names[{pair.classIndex, pair.feature}]);
    for (const auto& [wnid, wnidColumns] : columns) {
        fs::create_directories(partial / wnid);
        writeText(partial / wnid / "image_names_map.csv", imageNamesMap(wnidColumns));
    }
    std::string manifest = csvLine({"image", "class", "wnid", "feature", "feature_rank", "rank", "label",
                                    "sub_label", "agreement", "confidence"});
    for (const DatasetMask& mask : masks)
        if (const DatasetPair* pair = reader.pair(mask.classIndex, mask.feature))
            manifest += csvLine({mask.image, std::to_string(mask.classIndex), pair->wnid,
                                 std::to_string(mask.feature), std::to_string(pair->rank),
                                 std::to_string(mask.position), pair->label, pair->subLabel,
                                 number(pair->agreement), number(pair->confidence)});
    writeText(partial / "manifest.csv", manifest);
    if (const auto uid = workspace.configValue(DatasetKeys::Study))
        for (const Study& study : studies(db))
            if (study.uid == *uid)
                writeText(partial / "annotations.csv", mturkCsvText(exportMturkRows(db, study)));

    fs::remove(partial / stampFile);
    if (fs::exists(directory))
        fs::remove_all(directory); // --force
    fs::rename(partial, directory);
    return result;
}

} // namespace salient
