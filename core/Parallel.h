#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace salient {

/// Runs body(i) for i in [begin, end) on up to `threads` threads (0: one per hardware thread), in
/// interleaved order; rethrows the first exception once every thread has stopped.
inline void parallelFor(std::size_t begin, std::size_t end, const std::function<void(std::size_t)>& body,
                        unsigned threads = 0)
{
    if (threads == 0)
        threads = std::max(1u, std::thread::hardware_concurrency());
    threads = unsigned(std::min<std::size_t>(threads, end > begin ? end - begin : 1));
    std::exception_ptr failure;
    std::mutex failureMutex;
    auto worker = [&](unsigned id) {
        try {
            for (std::size_t i = begin + id; i < end; i += threads)
                body(i);
        } catch (...) {
            std::lock_guard<std::mutex> lock(failureMutex);
            if (!failure)
                failure = std::current_exception();
        }
    };
    std::vector<std::thread> pool;
    for (unsigned id = 1; id < threads; ++id)
        pool.emplace_back(worker, id);
    worker(0);
    for (auto& t : pool)
        t.join();
    if (failure)
        std::rethrow_exception(failure);
}

} // namespace salient
