#pragma once

// Internal to core: includes LibTorch headers.
#include "core/model/ResNetSpec.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace salient {

using NamedTensor = std::pair<std::string, at::Tensor>;

/// What one forward pass yields: the last conv block's maps before pooling (N x D x h x w), the
/// penultimate features after global average pooling (N x D, the "neural features") and the logits.
struct ResNetOutputs
{
    at::Tensor layer4;
    at::Tensor features;
    at::Tensor logits;
};

/// A ResNet written as plain tensor operations over a state dict with torchvision's names, so that
/// weights move between PyTorch and this program without renaming and every intermediate is reachable.
class ResNet
{
public:
    /// Fresh weights initialised as torchvision does (uses the global generator: seed it first).
    explicit ResNet(const ResNetSpec& spec);

    const ResNetSpec& spec() const { return m_spec; }
    /// Parameters and buffers in torchvision's state_dict order.
    const std::vector<NamedTensor>& stateDict() const { return m_state; }
    /// The trainable parameters (weights and biases, not the batch-norm statistics).
    std::vector<at::Tensor> parameters() const;
    std::int64_t parameterCount() const;

    /// Copies weights in, strictly: the first missing, mis-shaped or unexpected key throws ModelError.
    /// num_batches_tracked may be absent (older checkpoints).
    void loadStateDict(const std::map<std::string, at::Tensor>& weights);

    void to(at::Device device);
    at::Device device() const;
    void setTrainable(bool trainable);

    /// Runs the network on an already normalised batch (N x 3 x H x W). In training mode batch
    /// normalisation uses batch statistics and updates its running estimates, as PyTorch's train().
    ResNetOutputs forward(const at::Tensor& input, bool training = false);

    /// forward() in evaluation mode without gradients, with every batch normalisation folded into the
    /// convolution before it (W' = W * g / sqrt(v + eps), b' = beta - mean * g / sqrt(v + eps)): one
    /// pass over each activation fewer. Equal to forward() up to float rounding.
    ResNetOutputs inferenceForward(const at::Tensor& input);

    /// Layer masking (Balasubramanian & Feizi, ICCV 2023; docs/masking.md) in evaluation mode: `keep` is
    /// N x 1 x H x W with 1 where a pixel is kept and 0 where it is removed (binary). Removed input pixels
    /// start at 0; before every convolution they are filled by neighbour-mean inpainting (kernel-width
    /// iterations, no gradient through the fill); each convolution carries the mask by max-pooling and
    /// multiplies its output by it; the global average pools kept positions only. An all-ones mask gives
    /// forward(). Throws InputError when an image's mask keeps nothing. Defined in
    /// core/masking/LayerMaskedForward.cpp.
    ResNetOutputs layerMaskedForward(const at::Tensor& input, const at::Tensor& keep);

private:
    struct Conv
    {
        std::size_t weight;
        int stride;
        int padding;
    };
    struct Norm
    {
        std::size_t first; ///< weight, bias, running_mean, running_var, num_batches_tracked in a row
    };
    struct Block
    {
        std::vector<Conv> convs;
        std::vector<Norm> norms;
        bool hasDownsample = false;
        Conv downsampleConv{};
        Norm downsampleNorm{};
    };

    Conv addConv(const std::string& name, int in, int out, int kernel, int stride);
    Norm addNorm(const std::string& name, int channels);
    void addBlock(const std::string& prefix, int in, int planes, int stride);
    at::Tensor conv(const at::Tensor& x, const Conv& c) const;
    at::Tensor norm(const at::Tensor& x, const Norm& n, bool training);
    at::Tensor block(const at::Tensor& x, const Block& b, bool training);
    /// The folded convolution of `c` followed by `n` (built on first use).
    at::Tensor foldedConv(const at::Tensor& x, const Conv& c, const Norm& n);
    at::Tensor foldedBlock(const at::Tensor& x, const Block& b);
    /// One block under layer masking: the activation and its mask in, both out.
    std::pair<at::Tensor, at::Tensor> layerMaskedBlock(const at::Tensor& x, const at::Tensor& keep,
                                                       const Block& b);
    /// A convolution with its batch normalisation under layer masking: fill, convolve, carry the mask.
    std::pair<at::Tensor, at::Tensor> layerMaskedConv(const at::Tensor& x, const at::Tensor& keep,
                                                      const Conv& c, const Norm& n);

    ResNetSpec m_spec;
    std::vector<NamedTensor> m_state;
    std::vector<bool> m_isParameter;
    Conv m_stemConv{};
    Norm m_stemNorm{};
    std::vector<std::vector<Block>> m_stages;
    std::size_t m_fcWeight = 0;
    std::size_t m_fcBias = 0;
    /// A convolution with its batch normalisation folded in.
    struct FoldedConv
    {
        at::Tensor weight;
        at::Tensor bias;
        at::Tensor mkldnnWeight; ///< the weight reordered for oneDNN (made on first use on the CPU)
    };
    /// Per convolution, keyed by the weight's state index; cleared whenever the weights may change.
    std::map<std::size_t, FoldedConv> m_folded;
};

} // namespace salient
