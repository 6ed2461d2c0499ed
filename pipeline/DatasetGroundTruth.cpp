#include "pipeline/DatasetGroundTruth.h"

#include "base/Errors.h"
#include "core/ImageDecoder.h"
#include "pipeline/DatasetStore.h"

#include <filesystem>

namespace fs = std::filesystem;

namespace salient {

std::vector<PairObjectShare> datasetObjectShares(const DatasetReader& reader)
{
    // <world>/dataset/train -> <world>/dataset/masks/train
    const fs::path images = fs::path(reader.imagesRoot()).lexically_normal();
    const fs::path masks = images.parent_path() / "masks" / images.filename();
    if (!fs::is_directory(masks))
        throw InputError("no ground-truth masks at " + masks.string() + "; only the demo world has them");
    std::vector<PairObjectShare> shares;
    for (const DatasetPair& pair : reader.pairs()) {
        PairObjectShare share;
        share.pair = pair;
        double sum = 0.0;
        for (const DatasetMask& entry : reader.masksOf(pair.classIndex, pair.feature)) {
            const Image truth = decodeImageFile((masks / entry.image).string());
            const SoftMask soft = reader.mask(entry);
            if (truth.width != soft.width || truth.height != soft.height)
                throw InputError((masks / entry.image).string() + ": the true mask is " +
                                 std::to_string(truth.width) + " x " + std::to_string(truth.height) +
                                 ", the soft mask " + std::to_string(soft.width) + " x " +
                                 std::to_string(soft.height));
            double total = 0.0, object = 0.0;
            for (std::size_t i = 0; i < soft.values.size(); ++i) {
                total += soft.values[i];
                object += soft.values[i] * truth.pixels[3 * i];
            }
            if (total <= 0.0)
                continue;
            sum += object / total;
            ++share.images;
        }
        share.objectShare = share.images > 0 ? sum / share.images : 0.0;
        shares.push_back(share);
    }
    return shares;
}

} // namespace salient
