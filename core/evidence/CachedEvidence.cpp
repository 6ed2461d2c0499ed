#include "core/evidence/CachedEvidence.h"

#include "base/Errors.h"
#include "core/evidence/Heatmap.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace salient {
namespace {

struct Keys
{
    RenderKey image, heatmap, attack, trace;
};

Keys keysFor(const EvidenceRenderer& renderer, const std::string& path, int feature,
             const AttackSettings& settings)
{
    const std::string geometry = "preprocessing: " + renderer.info().preprocessing.describe();
    std::ostringstream attack;
    attack.precision(17);
    attack << geometry << "\nsteps " << settings.steps << ", step size " << settings.stepSize << " at "
           << AttackSettings::referenceSide << ", eps " << settings.eps;
    const RenderKey base{renderer.info().sha256, path, feature, "", geometry};
    Keys keys{base, base, base, base};
    keys.image.kind = "image";
    keys.heatmap.kind = "heatmap-jet";
    keys.attack.kind = "attack";
    keys.attack.parameters = attack.str();
    keys.trace.kind = "attack-trace";
    keys.trace.parameters = attack.str();
    return keys;
}

std::vector<float> readTrace(const std::string& path)
{
    std::ifstream in(path);
    try {
        return nlohmann::json::parse(in).at("trace").get<std::vector<float>>();
    } catch (const nlohmann::json::exception&) {
        return {}; // a damaged entry is rendered again
    }
}

std::vector<char> traceJson(const std::vector<float>& trace)
{
    const std::string text = nlohmann::json{{"trace", trace}}.dump() + "\n";
    return std::vector<char>(text.begin(), text.end());
}

} // namespace

std::vector<CachedEvidence> renderEvidenceToCache(const EvidenceRenderer& renderer, const RenderCache& cache,
                                                  const std::vector<std::string>& imagePaths, int feature,
                                                  const AttackSettings& settings, const Job& job)
{
    std::vector<CachedEvidence> results(imagePaths.size());
    std::vector<Keys> keys;
    std::vector<std::size_t> needMaps, needAttack;
    for (std::size_t i = 0; i < imagePaths.size(); ++i) {
        CachedEvidence& r = results[i];
        r.source = imagePaths[i];
        keys.push_back(keysFor(renderer, r.source, feature, settings));
        const auto image = cache.lookup(keys[i].image), heatmap = cache.lookup(keys[i].heatmap);
        const auto attack = cache.lookup(keys[i].attack), trace = cache.lookup(keys[i].trace, "json");
        if (image && heatmap) {
            r.image = *image;
            r.heatmap = *heatmap;
        } else {
            needMaps.push_back(i);
        }
        if (attack && trace)
            r.featureTrace = readTrace(*trace);
        if (!r.featureTrace.empty())
            r.attack = *attack;
        else
            needAttack.push_back(i);
    }

    auto prepared = [&](const std::vector<std::size_t>& which) {
        std::vector<Image> images;
        for (std::size_t i : which)
            images.push_back(renderer.prepareFile(imagePaths[i]));
        return images;
    };
    if (!needMaps.empty()) {
        const std::vector<Image> images = prepared(needMaps);
        const auto maps = renderer.activationMaps(images, feature, settings.batchSize);
        for (std::size_t n = 0; n < needMaps.size(); ++n) {
            CachedEvidence& r = results[needMaps[n]];
            r.image = cache.storePng(keys[needMaps[n]].image, images[n]);
            r.heatmap = cache.storePng(keys[needMaps[n]].heatmap, heatmapOverlay(images[n], maps[n]));
        }
    }
    if (!needAttack.empty()) {
        const AttackedImages attacked = renderer.attack(prepared(needAttack), feature, settings, job);
        for (std::size_t n = 0; n < needAttack.size(); ++n) {
            CachedEvidence& r = results[needAttack[n]];
            r.attack = cache.storePng(keys[needAttack[n]].attack, attacked.images[n]);
            r.featureTrace = attacked.featureTrace[n];
            cache.storeBytes(keys[needAttack[n]].trace, traceJson(r.featureTrace), "json");
        }
    }
    for (std::size_t i = 0; i < results.size(); ++i)
        results[i].fromCache = std::find(needMaps.begin(), needMaps.end(), i) == needMaps.end() &&
                               std::find(needAttack.begin(), needAttack.end(), i) == needAttack.end();
    return results;
}

} // namespace salient
