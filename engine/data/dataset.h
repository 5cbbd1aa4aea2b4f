#pragma once

// Labelled image data for the dataset experiments: FashionMNIST (Debian's dataset-fashion-mnist)
// read from its IDX files, or any images built in memory (tests). Pixels are stored once as
// float (pixel / 255, in [0, 1]); a loaded Dataset is immutable and shared read-only between
// threads through std::shared_ptr<const Dataset>.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/core/types.h"

namespace engine::data {

/// Number of classes (labels 0..9).
constexpr int ClassCount = 10;
/// FashionMNIST image size.
constexpr Index ImageRows = 28;
constexpr Index ImageCols = 28;
/// Largest number of images accepted from one file (FashionMNIST has 60,000): a corrupt header
/// cannot make the reader allocate more than this many images.
constexpr Index MaxImages = 200'000;

/// One split (training or test): images of rows x cols pixels and their labels.
struct ImageSet {
    Index rows = 0;
    Index cols = 0;
    std::vector<float> pixels;         ///< Image i is pixels[i * rows * cols ...], row-major.
    std::vector<std::uint8_t> labels;  ///< 0..ClassCount-1.

    /// Number of images.
    Index size() const { return static_cast<Index>(labels.size()); }
    /// Pixels per image (the network's input size).
    Index imageSize() const { return rows * cols; }
    /// The pixels of image i.
    const float* image(Index i) const { return pixels.data() + i * imageSize(); }
    /// The label of image i.
    int label(Index i) const { return labels[static_cast<size_t>(i)]; }
    /// Every problem (sizes, labels out of range); empty when consistent.
    std::vector<std::string> validate() const;
};

/// A training and a test split and where they came from.
struct Dataset {
    ImageSet train;
    ImageSet test;
    std::string source;  ///< The folder read, or a description of an in-memory set.
};

/// A loaded dataset or why not.
struct DatasetLoad {
    std::shared_ptr<const Dataset> dataset;  ///< Null on failure.
    std::string error;                       ///< One message naming the file and the problem.
    /// True when the dataset was loaded.
    bool ok() const { return dataset != nullptr; }
};

/// Where FashionMNIST is installed by `apt-get install dataset-fashion-mnist`.
inline constexpr const char* DefaultFashionMnistFolder = "/usr/share/datasets/fashion-mnist";
/// The environment variable that names another folder.
inline constexpr const char* FashionMnistEnvironment = "PROSPECT_FASHION_MNIST";

/// The folder to read and what chose it.
struct DataFolder {
    std::string path;
    std::string origin;  ///< "given", "PROSPECT_FASHION_MNIST" or "default".
};
/// The folder in order: `explicitFolder` when not empty, else the environment variable
/// PROSPECT_FASHION_MNIST when set and not empty, else DefaultFashionMnistFolder.
DataFolder findFashionMnist(const std::string& explicitFolder);

/// Reads the four FashionMNIST files (train-images-idx3-ubyte, train-labels-idx1-ubyte,
/// t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte; each NAME.gz or plain NAME) from the folder
/// findFashionMnist() picks. Never throws: a missing folder or file, a truncated or damaged file,
/// a bad magic number, dimensions other than 28 x 28, a count mismatch between images and labels,
/// or a label out of range gives an error naming the file, the problem and how to install the data.
DatasetLoad loadFashionMnist(const std::string& explicitFolder = "");

/// loadFashionMnist() once per folder per process: later calls for the same folder return the
/// same shared copy. Failures are not cached (installing the data and retrying works).
/// Safe to call from several threads.
DatasetLoad loadFashionMnistCached(const std::string& explicitFolder = "");

/// A 64-bit fingerprint of both splits' sizes, pixels and labels (FNV-1a's steps over 32-bit
/// words): equal datasets give equal fingerprints on every machine (shards of a grid record it).
std::uint64_t fingerprint(const Dataset& dataset);

/// How to get the data, appended to every load error.
std::string fashionMnistInstallHint();

}  // namespace engine::data
