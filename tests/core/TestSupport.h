#pragma once

// Shared by the core tests: fixture paths and tensor comparisons. Includes LibTorch, so the tests that
// use it build with QT_NO_KEYWORDS.
#include "core/model/ResNetSpec.h"
#include "core/model/TorchPickle_p.h"

#include <ATen/ATen.h>

#include <QString>
#include <QtTest>

#include <string>

namespace salient::test {

inline std::string fixture(const std::string& name)
{
    return std::string(SALIENT_FIXTURE_DIR) + "/" + name;
}

/// A tensor from a dict written by torch.save in the fixture script.
inline at::Tensor expectedTensor(const std::string& file, const std::string& key)
{
    const PickleValue root = readTorchSave(fixture(file));
    const PickleValue* value = root.find(key);
    if (!value || value->kind != PickleValue::Kind::Tensor)
        throw std::runtime_error(file + " has no tensor '" + key + "'");
    return value->tensor.contiguous();
}

/// Largest |actual - expected| relative to max(1, |expected|), element-wise.
inline double relativeError(const at::Tensor& actual, const at::Tensor& expected)
{
    const at::Tensor a = actual.detach().to(at::kCPU).to(at::kDouble);
    const at::Tensor e = expected.to(at::kDouble);
    return ((a - e).abs() / e.abs().clamp_min(1.0)).max().item<double>();
}

} // namespace salient::test

#define SALIENT_COMPARE_TENSORS(actual, expected, tolerance)                                                 \
    do {                                                                                                     \
        const at::Tensor a_ = (actual), e_ = (expected);                                                     \
        QCOMPARE(QString::fromStdString(salient::formatShape({a_.sizes().begin(), a_.sizes().end()})),       \
                 QString::fromStdString(salient::formatShape({e_.sizes().begin(), e_.sizes().end()})));      \
        const double error_ = salient::test::relativeError(a_, e_);                                          \
        if (error_ > (tolerance))                                                                            \
            QFAIL(qPrintable(QString("%1 differs from the reference by %2").arg(#actual).arg(error_)));      \
    } while (false)
