#include "pipeline/DatasetStore.h"

#include "base/Errors.h"
#include "database/Workspace.h"
#include "pipeline/WorkspacePaths.h"

#include <filesystem>
#include <map>
#include <sstream>

namespace fs = std::filesystem;

namespace salient {
namespace {

const char* const maskFileNames[] = {"masks.u8", "masks-b.u8"};

/// The mask file's name, checked: the setting is one of the two names, never a path.
std::string datasetMaskFileName(const Workspace& workspace)
{
    const std::string name = workspace.configValue(DatasetKeys::MaskFileName).value_or(maskFileNames[0]);
    if (name != maskFileNames[0] && name != maskFileNames[1])
        throw InputError(workspace.path() + ": the setting " + DatasetKeys::MaskFileName + " '" + name +
                         "' is neither masks.u8 nor masks-b.u8");
    return name;
}

} // namespace

MaskFile openDatasetMasks(Workspace& workspace)
{
    if (datasetPairCount(workspace.database()) == 0)
        throw InputError("the workspace " + workspace.path() +
                         " has no Salient dataset; run salient dataset build or salient dataset import");
    return MaskFile::openForReading(datasetMaskFilePath(workspace));
}

std::optional<Preprocessing> datasetMaskGeometry(const Workspace& workspace)
{
    const std::optional<std::string> text = workspace.configValue(DatasetKeys::MaskGeometry);
    if (!text)
        return std::nullopt;
    Preprocessing geometry;
    std::istringstream in(*text);
    if (!(in >> geometry.resize >> geometry.crop) || geometry.resize < 0 || geometry.crop < 0)
        throw InputError(workspace.path() + ": the setting " + DatasetKeys::MaskGeometry + " '" + *text +
                         "' is not '<resize> <crop>'");
    return geometry;
}

void setDatasetMaskGeometry(Workspace& workspace, const Preprocessing& geometry)
{
    workspace.setConfigValue(DatasetKeys::MaskGeometry,
                             std::to_string(geometry.resize) + " " + std::to_string(geometry.crop));
}

std::string datasetImagesRoot(const Workspace& workspace)
{
    return workspace.configValue(DatasetKeys::Images) ? workspaceFile(workspace, DatasetKeys::Images)
                                                      : std::string();
}

std::string datasetMaskFilePath(const Workspace& workspace)
{
    return (fs::path(workspace.path()) / "salient-dataset" / datasetMaskFileName(workspace)).string();
}

std::string spareDatasetMaskFileName(const Workspace& workspace)
{
    return datasetMaskFileName(workspace) == maskFileNames[0] ? maskFileNames[1] : maskFileNames[0];
}

DatasetReader::DatasetReader(Workspace& workspace)
    : m_workspace(&workspace), m_pairs(datasetPairs(workspace.database())),
      m_imagesRoot(datasetImagesRoot(workspace)), m_file(openDatasetMasks(workspace))
{}

const DatasetPair* DatasetReader::pair(int classIndex, int feature) const
{
    for (const DatasetPair& pair : m_pairs)
        if (pair.classIndex == classIndex && pair.feature == feature)
            return &pair;
    return nullptr;
}

std::string DatasetReader::imagePath(const DatasetMask& mask) const
{
    return (fs::path(m_imagesRoot) / mask.image).string();
}

SoftMask DatasetReader::mask(const DatasetMask& mask) const
{
    return m_file.read(mask.offset, mask.width, mask.height);
}

std::vector<DatasetMask> DatasetReader::masksOf(int classIndex, int feature) const
{
    return pairMasks(m_workspace->database(), classIndex, feature);
}

ImageMaskUnions DatasetReader::unionsOf(const std::string& image, const std::vector<DatasetMask>& masks) const
{
    ImageMaskUnions unions;
    unions.image = image;
    for (const DatasetMask& entry : masks) {
        const DatasetPair* labelled = pair(entry.classIndex, entry.feature);
        if (!labelled)
            continue;
        unions.classIndex = entry.classIndex;
        const SoftMask soft = mask(entry);
        if (labelled->spurious()) {
            maxInto(unions.spurious, soft);
            ++unions.spuriousCount;
        } else {
            maxInto(unions.core, soft);
            ++unions.coreCount;
        }
    }
    return unions;
}

ImageMaskUnions DatasetReader::unions(const std::string& image) const
{
    return unionsOf(image, imageMasks(m_workspace->database(), image));
}

std::vector<ImageMaskUnions> DatasetReader::allUnions(const Job& job) const
{
    std::map<std::string, std::vector<DatasetMask>> byImage;
    for (DatasetMask& mask : datasetMasks(m_workspace->database()))
        byImage[mask.image].push_back(std::move(mask));
    std::vector<ImageMaskUnions> all;
    all.reserve(byImage.size());
    for (const auto& [image, masks] : byImage) {
        job.throwIfCancelled();
        job.report(std::int64_t(all.size()), std::int64_t(byImage.size()), "Combining masks");
        all.push_back(unionsOf(image, masks));
    }
    job.report(std::int64_t(all.size()), std::int64_t(byImage.size()), "Combining masks");
    return all;
}

} // namespace salient
