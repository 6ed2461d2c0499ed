#pragma once

#include <cmath>
#include <cstdint>

namespace salient {

/// A small deterministic generator (SplitMix64) whose streams are the same on every platform and
/// standard library, so that a seed always gives byte-identical demo data.
class SeededRandom
{
public:
    explicit SeededRandom(std::uint64_t seed) : m_state(seed) {}

    /// A seed for an independent stream derived from a base seed and up to two indices.
    static std::uint64_t derive(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0)
    {
        SeededRandom r(seed ^ (a * 0x9E3779B97F4A7C15ull) ^ (b * 0xC2B2AE3D27D4EB4Full));
        r.next();
        return r.next();
    }

    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }

    /// Uniform in [0, 1).
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    double uniform(double low, double high) { return low + (high - low) * uniform(); }
    /// Uniform integer in [low, high].
    int integer(int low, int high) { return low + int(next() % std::uint64_t(high - low + 1)); }
    bool chance(double p) { return uniform() < p; }
    /// Standard normal (Box-Muller).
    double normal()
    {
        const double u1 = 1.0 - uniform(), u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }

private:
    std::uint64_t m_state;
};

} // namespace salient
