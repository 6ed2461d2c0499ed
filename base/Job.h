#pragma once

#include "base/Errors.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace salient {

/// How long work reports progress and learns it should stop. Both parts are optional, so a job can be
/// run bare in tests. The GUI runs jobs off its thread and turns reports into signals; the CLI draws a
/// progress bar. A job that sees the flag throws JobCancelled (base/Errors.h).
struct Job
{
    /// done of total units in the named stage ("Rendering train", "Epoch 3/10", ...).
    std::function<void(std::int64_t done, std::int64_t total, const std::string& stage)> onProgress;
    const std::atomic<bool>* cancelRequested = nullptr;

    void report(std::int64_t done, std::int64_t total, const std::string& stage) const
    {
        if (onProgress)
            onProgress(done, total, stage);
    }
    bool cancelled() const { return cancelRequested && cancelRequested->load(); }
    void throwIfCancelled() const
    {
        if (cancelled())
            throw JobCancelled();
    }
};

} // namespace salient
