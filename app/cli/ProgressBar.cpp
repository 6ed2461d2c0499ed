#include "ProgressBar.h"

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace salient::cli {
namespace {

std::string duration(double seconds)
{
    const int s = int(seconds + 0.5);
    char text[32];
    if (s >= 3600)
        std::snprintf(text, sizeof text, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    else
        std::snprintf(text, sizeof text, "%d:%02d", s / 60, s % 60);
    return text;
}

} // namespace

ProgressBar::ProgressBar()
    : m_enabled(isatty(STDERR_FILENO) ||
                (std::getenv("SALIENT_PROGRESS") && std::string(std::getenv("SALIENT_PROGRESS")) == "1"))
{}

ProgressBar::~ProgressBar()
{
    finishLine();
}

Job ProgressBar::job()
{
    Job job;
    job.onProgress = [this](std::int64_t done, std::int64_t total, const std::string& stage) {
        update(done, total, stage);
    };
    return job;
}

void ProgressBar::update(std::int64_t done, std::int64_t total, const std::string& stage)
{
    if (!m_enabled)
        return;
    const auto now = std::chrono::steady_clock::now();
    // Stages are compared by their first word, so "Epoch 2/6 loss 0.4" keeps the ETA of the whole run.
    const std::string kind = stage.substr(0, stage.find(' '));
    if (kind != m_stage) {
        m_stage = kind;
        m_stageStart = now;
    }
    if (done < total && now - m_lastDraw < std::chrono::milliseconds(100))
        return;
    m_lastDraw = now;
    const double fraction = total > 0 ? double(done) / double(total) : 0.0;
    const double elapsed = std::chrono::duration<double>(now - m_stageStart).count();
    const int width = 30;
    std::string bar(std::size_t(fraction * width), '#');
    bar.resize(width, '.');
    std::string eta = "--:--";
    if (done > 0 && fraction > 0)
        eta = duration(elapsed / fraction - elapsed);
    std::fprintf(stderr, "\r\033[K%s [%s] %3d%%  %lld/%lld  ETA %s", stage.c_str(), bar.c_str(),
                 int(fraction * 100), static_cast<long long>(done), static_cast<long long>(total),
                 eta.c_str());
    std::fflush(stderr);
    m_lineOpen = true;
}

void ProgressBar::finishLine()
{
    if (m_lineOpen) {
        std::fputc('\n', stderr);
        m_lineOpen = false;
    }
}

} // namespace salient::cli
