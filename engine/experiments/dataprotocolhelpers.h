#pragma once

// Internal helpers of the dataset experiments' .cpp files: seed streams, limits, validation and
// grids. Not part of the engine's interface.

#include <functional>
#include <string>
#include <vector>

#include "engine/core/network.h"
#include "engine/core/simulation.h"
#include "engine/experiments/datatraining.h"

namespace engine::experiments {

// Random streams of a seed (dataSeed()): one per purpose, so that changing one part of a protocol
// does not change the numbers another part draws. The init stream is offset by the depth.
constexpr std::uint64_t StreamSubset = 1;
constexpr std::uint64_t StreamTest = 2;
constexpr std::uint64_t StreamShuffle = 3;
constexpr std::uint64_t StreamTasks = 4;
constexpr std::uint64_t StreamPretrain = 5;
constexpr std::uint64_t StreamDrift = 1'000;  // + the period
constexpr std::uint64_t StreamInit = 1'000'000;

// Sanity limits of the settings.
constexpr int MaxDataDepth = 100;
constexpr int MaxSeeds = 1000;
constexpr int MaxPerClass = 100'000;
constexpr int MaxBatchSize = 60'000;
constexpr int MaxEpochs = 1'000'000;
constexpr int MaxWidth = 4096;

/// Collects validation problems.
struct Problems {
    std::vector<std::string> list;
    void count(const std::string& name, int value, int lo, int hi);
    void intList(const std::string& name, const std::vector<int>& values, int lo, int hi);
    void rates(const std::string& name, const std::vector<Scalar>& values);
    void pc(const PcConfig& config);
};

/// Every (rule, setting, alpha, seed) in that nesting order, BP first.
std::vector<DataCell> gridCells(const std::vector<int>& settings,
                                const std::function<std::vector<Scalar>(int)>& alphas, int seeds);

/// A sigmoid net without bias of the given sizes, initialised from the seed's init stream.
Network sigmoidNetwork(std::vector<Index> sizes, Initialiser init, int seed);

/// Trains `trainer` for one epoch over a shuffled `order` of `set`; false on divergence or cancel
/// (then `problem` says why when it diverged).
bool trainEpoch(BatchTrainer& trainer, BatchBuffers& buffers, const data::ImageSet& images,
                const LabelledSet& set, const std::vector<Index>& order, Index batch,
                const DataHooks& hooks, std::string* problem);

}  // namespace engine::experiments
