#pragma once

// Internal to core: includes LibTorch headers.
#include <ATen/core/Tensor.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace salient {

/// A value read from a pickle written by Python's torch.save: the containers and scalars that
/// checkpoints hold, tensors, and opaque objects of classes the reader does not know.
struct PickleValue
{
    enum class Kind
    {
        None,
        Bool,
        Int,
        Float,
        String,
        Bytes,
        List,
        Tuple,
        Dict,
        Tensor,
        Global,  ///< a class or function reference, `text` = "module.name"
        Object,  ///< an instance of a class the reader leaves opaque, `text` = its class
        Storage, ///< a tensor storage (flat), `tensor` holds it
        Mark     ///< internal to the reader
    };
    using Items = std::vector<PickleValue>;
    using Entries = std::vector<std::pair<PickleValue, PickleValue>>;
    /// How a container nests, shared by its copies like `items` and `entries`: its depth (1 for a
    /// container of scalars) and whether another container holds it (it may then no longer change, so
    /// that the depths above it stay true and no container can come to hold itself).
    struct Nesting
    {
        std::size_t depth = 1;
        bool held = false;
    };

    Kind kind = Kind::None;
    bool boolean = false;
    std::int64_t integer = 0;
    double real = 0.0;
    std::string text;
    std::shared_ptr<Items> items;     ///< List and Tuple, shared so that memo references see appends
    std::shared_ptr<Entries> entries; ///< Dict, in insertion order
    at::Tensor tensor;
    std::shared_ptr<Nesting> nesting; ///< containers only

    PickleValue() = default;
    PickleValue(const PickleValue&) = default;
    PickleValue(PickleValue&&) noexcept = default;
    PickleValue& operator=(const PickleValue&) = default;
    PickleValue& operator=(PickleValue&&) noexcept = default;
    /// Frees the tree below without recursion: a pickle can nest containers deeper than the stack
    /// could follow.
    ~PickleValue();

    bool isDict() const { return kind == Kind::Dict; }
    /// The value under a string key of a Dict, or nullptr.
    const PickleValue* find(const std::string& key) const;
};

/// Reads a torch.save archive (the zip format of PyTorch >= 1.6). Tensors come back on the CPU.
/// Throws ModelError naming `path` when the archive or its pickle is damaged, or declares more than
/// real models hold (checkModelArchive, and the pickle limits in TorchPickle.cpp).
PickleValue readTorchSave(const std::string& path);

} // namespace salient
