// Layer masking's cost: images per second of the layer-masked forward pass against the plain forward
// passes of the same network (forward(): plain convolutions then batch norm; inferenceForward(): batch
// norm folded, oneDNN's blocked layout, what sweeps and the masking lab use for the fill strategies), on
// the demo's standard model (48 x 48, batch 64) and on a ResNet-50 with seeded random weights (224 x 224,
// batch 4). Each mask keeps a random half of 16 x 16 blocks (3 x 3 at 48 x 48). Prints the median of the
// timed repeats after one warm-up pass.
//
// Usage: bench_layer_masking [REPEATS]   (default 5)
#include "core/Runtime.h"
#include "core/masking/LayerMasking_p.h"
#include "core/model/ModelFile.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <vector>

using namespace salient;

namespace {

double medianImagesPerSecond(int repeats, std::int64_t batch, const std::function<void()>& pass)
{
    pass(); // warm-up: weight folding, oneDNN reorders
    std::vector<double> rates;
    for (int r = 0; r < repeats; ++r) {
        const auto start = std::chrono::steady_clock::now();
        pass();
        rates.push_back(double(batch) /
                        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(rates.begin(), rates.end());
    return rates[rates.size() / 2];
}

at::Tensor halfKeptBlocks(std::int64_t n, std::int64_t size, std::int64_t block)
{
    const std::int64_t cells = (size + block - 1) / block;
    const at::Tensor grid = at::rand({n, 1, cells, cells}).lt(0.5).to(at::kFloat);
    return grid.repeat_interleave(block, 2)
        .repeat_interleave(block, 3)
        .slice(2, 0, size)
        .slice(3, 0, size)
        .contiguous();
}

void measure(const char* name, Network& network, std::int64_t batch, std::int64_t size, std::int64_t block,
             int repeats)
{
    at::NoGradGuard noGrad;
    const at::Tensor images = at::rand({batch, 3, size, size});
    at::Tensor keep = halfKeptBlocks(batch, size, block);
    keep.index_put_({at::indexing::Slice(), 0, 0, 0}, 1.0);
    ResNet& resnet = network.resnet();
    const at::Tensor input = network.normalise(images);
    const double plain = medianImagesPerSecond(repeats, batch, [&] { resnet.forward(input); });
    const double folded = medianImagesPerSecond(repeats, batch, [&] { resnet.inferenceForward(input); });
    const double masked =
        medianImagesPerSecond(repeats, batch, [&] { layerMaskedOutputs(network, images, keep); });
    // Nothing removed: the masks are carried and multiplied, but no fill runs (the cost of the fill apart).
    const at::Tensor ones = at::ones_like(keep);
    const double unfilled =
        medianImagesPerSecond(repeats, batch, [&] { layerMaskedOutputs(network, images, ones); });
    std::printf(
        "%-22s batch %3lld  forward %7.1f img/s  inferenceForward %7.1f img/s  layer-masked %7.1f img/s"
        " (all kept %7.1f img/s)  masked/forward %.2f  masked/inferenceForward %.2f\n",
        name, static_cast<long long>(batch), plain, folded, masked, unfilled, masked / plain,
        masked / folded);
}

} // namespace

int main(int argc, char** argv)
{
    configureTorchThreads();
    const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    std::printf("LibTorch threads: %d\n", torchThreads());
    LoadedModel demo = loadModel(SALIENT_SOURCE_DIR "/resources/models/standard.pt", at::kCPU);
    measure("demo standard, 48x48", *demo.network, 64, 48, 3, repeats);
    at::manual_seed(50);
    Network resnet50(ResNet(ResNetSpec::standard("resnet50")), Preprocessing::imageNet());
    measure("resnet50, 224x224", resnet50, 4, 224, 16, repeats);
    return 0;
}
