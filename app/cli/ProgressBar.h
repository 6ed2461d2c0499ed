#pragma once

#include "base/Job.h"

#include <chrono>
#include <string>

namespace salient::cli {

/// A one-line progress bar with rate and ETA on stderr, drawn only when stderr is a terminal (or
/// SALIENT_PROGRESS=1), at most ten times a second.
class ProgressBar
{
public:
    ProgressBar();
    ~ProgressBar();
    /// A Job whose reports draw this bar.
    Job job();
    void update(std::int64_t done, std::int64_t total, const std::string& stage);
    /// Ends the current line so that other output starts on a fresh one.
    void finishLine();

private:
    bool m_enabled;
    bool m_lineOpen = false;
    std::string m_stage;
    std::chrono::steady_clock::time_point m_stageStart;
    std::chrono::steady_clock::time_point m_lastDraw;
};

} // namespace salient::cli
