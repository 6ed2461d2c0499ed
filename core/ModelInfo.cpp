#include "core/ModelInfo.h"

namespace salient {

std::string ModelInfo::formatDescription() const
{
    if (format == "salient")
        return "Salient Studio model (torch.save)";
    if (format == "torchscript")
        return native ? "TorchScript archive" : "TorchScript archive (black-box classifier)";
    if (format == "robustness")
        return "robustness-library checkpoint (torch.save)";
    if (format == "state-dict")
        return "state dict (torch.save)";
    return format;
}

std::string ModelInfo::className(int index) const
{
    if (index >= 0 && std::size_t(index) < classNames.size() && !classNames[std::size_t(index)].empty())
        return classNames[std::size_t(index)];
    return "class " + std::to_string(index);
}

} // namespace salient
