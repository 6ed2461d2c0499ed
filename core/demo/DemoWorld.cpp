#include "core/demo/DemoWorld.h"

#include "base/Errors.h"
#include "core/Parallel.h"
#include "core/demo/SceneRenderer.h"

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace salient {
namespace fs = std::filesystem;

namespace {

bool isBalanced(const std::string& split)
{
    return split == "test_balanced";
}

void validate(const DemoWorldOptions& o)
{
    if (o.imageSize < 32 || o.imageSize > 256)
        throw InputError("image size " + std::to_string(o.imageSize) + " is outside 32-256");
    if (o.trainCount < 0 || o.valCount < 0 || o.testCount < 0 || o.balancedCount < 0)
        throw InputError("split sizes must not be negative");
    if (o.correlation < 0 || o.correlation > 1 || o.strayCue < 0 || o.strayCue > 1)
        throw InputError("correlation and stray-cue chances must lie in [0, 1]");
}

void writeImage(const fs::path& path, const std::vector<std::uint8_t>& rgb, int size)
{
    cv::Mat mat(size, size, CV_8UC3, const_cast<std::uint8_t*>(rgb.data()));
    cv::Mat bgr;
    cv::cvtColor(mat, bgr, cv::COLOR_RGB2BGR);
    if (!cv::imwrite(path.string(), bgr))
        throw InputError(path.string() + ": cannot write image");
}

void writeMasks(const fs::path& path, const RenderedScene& scene)
{
    std::vector<std::uint8_t> rgb(scene.objectMask.size() * 3);
    for (std::size_t i = 0; i < scene.objectMask.size(); ++i) {
        rgb[3 * i] = scene.objectMask[i];
        rgb[3 * i + 1] = scene.backgroundMask[i];
        rgb[3 * i + 2] = scene.separateMask[i];
    }
    writeImage(path, rgb, scene.size);
}

nlohmann::json describe(const DemoWorldOptions& o)
{
    nlohmann::json classes = nlohmann::json::array();
    for (const auto& c : demoClasses())
        classes.push_back({{"index", c.fashionLabel},
                           {"wnid", c.wnid},
                           {"lemma", c.lemma},
                           {"fashion_mnist_name", c.fashionName},
                           {"background_cue", cueName(c.background)},
                           {"object_cue", cueName(c.object)}});
    return {{"world", "spurious-fashion"},
            {"version", 1},
            {"seed", o.seed},
            {"image_size", o.imageSize},
            {"splits",
             {{"train", o.trainCount},
              {"val", o.valCount},
              {"test", o.testCount},
              {"test_balanced", o.balancedCount}}},
            {"correlation", o.correlation},
            {"stray_cue", o.strayCue},
            {"classes", classes}};
}

} // namespace

std::string DemoSample::name() const
{
    char digits[16];
    std::snprintf(digits, sizeof digits, "%05d", sourceIndex);
    return split + "_" + digits;
}

const std::vector<std::string>& demoSplitNames()
{
    static const std::vector<std::string> names{"train", "val", "test", "test_balanced"};
    return names;
}

void chooseCues(DemoSample& sample, bool balanced, const DemoWorldOptions& options, SeededRandom& random)
{
    const DemoClass& cls = demoClasses().at(std::size_t(sample.classIndex));
    if (balanced) {
        sample.background = BackgroundCue(random.integer(0, 3));
        sample.object = ObjectCue(random.integer(0, 3));
        return;
    }
    sample.background = BackgroundCue::None;
    if (cls.background != BackgroundCue::None && random.chance(options.correlation))
        sample.background = cls.background;
    else if (random.chance(options.strayCue))
        sample.background = BackgroundCue(random.integer(1, 3));
    sample.object = ObjectCue::None;
    if (cls.object != ObjectCue::None && random.chance(options.correlation))
        sample.object = cls.object;
    else if (random.chance(options.strayCue))
        sample.object = ObjectCue(random.integer(1, 3));
}

std::vector<DemoSample> planDemoWorld(const DemoWorldOptions& options, const IdxArray& trainLabels,
                                      const IdxArray& testLabels)
{
    validate(options);
    struct Range
    {
        const IdxArray* labels;
        int first;
        int count;
    };
    const Range ranges[] = {{&trainLabels, 0, options.trainCount},
                            {&trainLabels, options.trainCount, options.valCount},
                            {&testLabels, 0, options.testCount},
                            {&testLabels, options.testCount, options.balancedCount}};
    std::vector<DemoSample> samples;
    for (std::size_t s = 0; s < 4; ++s) {
        const Range& range = ranges[s];
        if (std::size_t(range.first + range.count) > range.labels->count())
            throw InputError("the " + demoSplitNames()[s] +
                             " split asks for more items than Fashion-MNIST has");
        for (int i = range.first; i < range.first + range.count; ++i) {
            DemoSample sample;
            sample.split = demoSplitNames()[s];
            sample.sourceIndex = i;
            sample.classIndex = range.labels->values[std::size_t(i)];
            SeededRandom random(SeededRandom::derive(options.seed, s + 1, std::uint64_t(i)));
            chooseCues(sample, isBalanced(sample.split), options, random);
            samples.push_back(sample);
        }
    }
    return samples;
}

void writeDemoWorld(const std::string& directory, const DemoWorldOptions& options, const Job& job)
{
    validate(options);
    const fs::path target(directory);
    if (fs::exists(target))
        throw InputError(directory + ": already exists; choose a new folder");
    const FashionMnistSplit train = readFashionMnist(options.fashionDirectory, "train");
    const FashionMnistSplit test = readFashionMnist(options.fashionDirectory, "t10k");
    const std::vector<DemoSample> samples = planDemoWorld(options, train.labels, test.labels);

    const fs::path partial = target.string() + ".partial";
    fs::remove_all(partial);
    for (const auto& split : demoSplitNames())
        for (const auto& cls : demoClasses()) {
            fs::create_directories(partial / split / cls.wnid);
            fs::create_directories(partial / "masks" / split / cls.wnid);
        }

    // Rendering draws the image's random stream after its cue choice, so a sample looks the same
    // whatever order or thread renders it.
    const std::size_t chunk = 500;
    for (std::size_t start = 0; start < samples.size(); start += chunk) {
        job.throwIfCancelled();
        job.report(std::int64_t(start), std::int64_t(samples.size()), "Rendering images");
        parallelFor(start, std::min(samples.size(), start + chunk), [&](std::size_t i) {
            DemoSample sample = samples[i];
            const std::size_t splitIndex =
                std::size_t(std::find(demoSplitNames().begin(), demoSplitNames().end(), sample.split) -
                            demoSplitNames().begin());
            SeededRandom random(
                SeededRandom::derive(options.seed, splitIndex + 1, std::uint64_t(sample.sourceIndex)));
            chooseCues(sample, isBalanced(sample.split), options, random);
            const FashionMnistSplit& source = sample.split == "train" || sample.split == "val" ? train : test;
            const std::uint8_t* item = source.images.values.data() + std::size_t(sample.sourceIndex) * 784;
            const RenderedScene scene =
                renderScene(item, sample.background, sample.object, options.imageSize, random);
            const std::string& wnid = demoClasses()[std::size_t(sample.classIndex)].wnid;
            writeImage(partial / sample.split / wnid / (sample.name() + ".png"), scene.rgb, scene.size);
            writeMasks(partial / "masks" / sample.split / wnid / (sample.name() + ".png"), scene);
        });
    }

    std::ofstream manifest(partial / "manifest.csv");
    manifest << "split,wnid,class_index,image,source_index,background_cue,object_cue\n";
    for (const auto& s : samples)
        manifest << s.split << ',' << demoClasses()[std::size_t(s.classIndex)].wnid << ',' << s.classIndex
                 << ',' << s.name() << ',' << s.sourceIndex << ',' << cueName(s.background) << ','
                 << cueName(s.object) << '\n';
    std::ofstream(partial / "world.json") << describe(options).dump(2) << '\n';
    if (!manifest)
        throw InputError((partial / "manifest.csv").string() + ": cannot write");
    manifest.close();
    fs::rename(partial, target);
    job.report(std::int64_t(samples.size()), std::int64_t(samples.size()), "Rendering images");
}

} // namespace salient
