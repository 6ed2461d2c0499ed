#include "core/sweep/DemoSweepSource.h"

#include "base/Errors.h"
#include "core/ImageDecoder.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

namespace fs = std::filesystem;

namespace salient {
namespace {

struct ManifestRow
{
    std::string split, wnid, image, background, object;
};

std::vector<std::string> splitCsvLine(const std::string& line)
{
    std::vector<std::string> fields;
    std::stringstream stream(line);
    std::string field;
    while (std::getline(stream, field, ','))
        fields.push_back(field);
    return fields;
}

std::vector<ManifestRow> readManifest(const fs::path& path)
{
    std::ifstream in(path);
    if (!in)
        throw InputError(path.string() + ": cannot open the demo world's manifest");
    std::string line;
    std::getline(in, line);
    const std::vector<std::string> header = splitCsvLine(line);
    auto column = [&](const std::string& name) {
        const auto it = std::find(header.begin(), header.end(), name);
        if (it == header.end())
            throw InputError(path.string() + ": no column '" + name + "' in the header");
        return std::size_t(it - header.begin());
    };
    const std::size_t split = column("split"), wnid = column("wnid"), image = column("image"),
                      background = column("background_cue"), object = column("object_cue");
    const std::size_t needed = std::max({split, wnid, image, background, object}) + 1;
    std::vector<ManifestRow> rows;
    for (int number = 2; std::getline(in, line); ++number) {
        if (line.empty())
            continue;
        const auto fields = splitCsvLine(line);
        if (fields.size() < needed)
            throw InputError(path.string() + ": line " + std::to_string(number) + " has too few fields");
        rows.push_back({fields[split], fields[wnid], fields[image], fields[background], fields[object]});
    }
    return rows;
}

int channelOf(int feature)
{
    return -feature - 1; // item red, background green, object blue
}

} // namespace

DemoSweepSource::DemoSweepSource(const std::string& datasetRoot, const std::string& split)
    : m_root(fs::path(datasetRoot).lexically_normal().string()), m_split(split)
{
    const fs::path root(m_root);
    const std::vector<ManifestRow> rows = readManifest(root / "manifest.csv");
    std::set<std::string> wnids;
    for (const ManifestRow& row : rows)
        wnids.insert(row.wnid);
    m_classIds.assign(wnids.begin(), wnids.end());

    std::vector<const ManifestRow*> chosen;
    for (const ManifestRow& row : rows)
        if (row.split == split)
            chosen.push_back(&row);
    if (chosen.empty())
        throw InputError((root / "manifest.csv").string() + ": no images in split '" + split + "'");
    std::sort(chosen.begin(), chosen.end(), [](const ManifestRow* a, const ManifestRow* b) {
        return std::tie(a->wnid, a->image) < std::tie(b->wnid, b->image);
    });
    for (const ManifestRow* row : chosen) {
        SweepSample sample;
        sample.imagePath = (root / split / row->wnid / (row->image + ".png")).string();
        sample.label = int(std::find(m_classIds.begin(), m_classIds.end(), row->wnid) - m_classIds.begin());
        sample.masks.push_back({MaskRole::Core, ItemFeature});
        if (row->background != "none")
            sample.masks.push_back({MaskRole::Spurious, BackgroundFeature});
        if (row->object != "none")
            sample.masks.push_back({MaskRole::Spurious, ObjectFeature});
        m_samples.push_back(std::move(sample));
        m_maskPaths.push_back((root / "masks" / split / row->wnid / (row->image + ".png")).string());
    }
}

bool DemoSweepSource::isDemoWorld(const std::string& datasetRoot)
{
    std::error_code error;
    return fs::is_regular_file(fs::path(datasetRoot) / "manifest.csv", error) &&
           fs::is_directory(fs::path(datasetRoot) / "masks", error);
}

std::string DemoSweepSource::description() const
{
    return "demo world " + m_root + ", split " + m_split;
}

std::vector<SweepMask> DemoSweepSource::loadMasks(std::size_t index) const
{
    const Image channels = decodeImageFile(m_maskPaths.at(index));
    std::vector<SweepMask> masks;
    for (const MaskRef& ref : m_samples[index].masks) {
        SweepMask mask;
        mask.width = channels.width;
        mask.height = channels.height;
        mask.values.resize(std::size_t(channels.width) * channels.height);
        const int channel = channelOf(ref.feature);
        for (std::size_t p = 0; p < mask.values.size(); ++p)
            mask.values[p] = channels.pixels[p * 3 + std::size_t(channel)];
        masks.push_back(std::move(mask));
    }
    return masks;
}

std::string DemoSweepSource::featureName(int classIndex, int feature) const
{
    switch (feature) {
    case ItemFeature:
        return "item";
    case BackgroundFeature:
        return "background";
    case ObjectFeature:
        return "object";
    default:
        return SweepSource::featureName(classIndex, feature);
    }
}

} // namespace salient
