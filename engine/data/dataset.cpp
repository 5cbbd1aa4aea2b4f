#include "engine/data/dataset.h"

#include <bit>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <system_error>

#include "engine/data/idxfile.h"

namespace engine::data {

namespace fs = std::filesystem;

std::vector<std::string> ImageSet::validate() const {
    std::vector<std::string> problems;
    if (rows < 1 || cols < 1)
        problems.push_back("images must have at least one pixel");
    if (static_cast<Index>(pixels.size()) != size() * imageSize())
        problems.push_back("expected " + std::to_string(size() * imageSize()) +
                           " pixel values for " + std::to_string(size()) + " images, got " +
                           std::to_string(pixels.size()));
    for (size_t i = 0; i < labels.size(); ++i)
        if (labels[i] >= ClassCount) {
            problems.push_back("label " + std::to_string(int(labels[i])) + " of image " +
                               std::to_string(i) + " is out of range (0.." +
                               std::to_string(ClassCount - 1) + ")");
            break;
        }
    return problems;
}

std::string fashionMnistInstallHint() {
    return std::string(
               "Install the data with `apt-get install dataset-fashion-mnist` (it goes to ") +
           DefaultFashionMnistFolder + "), or give a folder that holds the four FashionMNIST IDX " +
           "files (--data DIR or " + FashionMnistEnvironment + "=DIR).";
}

DataFolder findFashionMnist(const std::string& explicitFolder) {
    if (!explicitFolder.empty())
        return {explicitFolder, "given"};
    const char* env = std::getenv(FashionMnistEnvironment);
    if (env && *env)
        return {env, FashionMnistEnvironment};
    return {DefaultFashionMnistFolder, "default"};
}

namespace {

// NAME.gz when present, else NAME; nullopt when neither exists.
std::optional<std::string> locate(const fs::path& folder, const std::string& name) {
    std::error_code ec;
    for (const std::string& candidate : {name + ".gz", name}) {
        const fs::path p = folder / candidate;
        if (fs::is_regular_file(p, ec))
            return p.string();
    }
    return std::nullopt;
}

std::string failure(const std::string& what) {
    return "FashionMNIST: " + what + ". " + fashionMnistInstallHint();
}

// Reads one images file (count x 28 x 28) or labels file (count) into `out`; labels are checked
// against `imageCount`.
bool readImages(const fs::path& folder, const std::string& name, ImageSet& out,
                std::string& error) {
    const std::optional<std::string> path = locate(folder, name);
    if (!path) {
        error = failure((folder / name).string() + "(.gz) is missing");
        return false;
    }
    std::string problem;
    const std::uint64_t cap = std::uint64_t(MaxImages) * ImageRows * ImageCols;
    std::optional<IdxFile> idx = readIdxFile(*path, 3, cap, problem);
    if (!idx) {
        error = failure(*path + " " + problem);
        return false;
    }
    if (idx->dims[1] != ImageRows || idx->dims[2] != ImageCols) {
        error = failure(*path + " holds images of " + std::to_string(idx->dims[1]) + " x " +
                        std::to_string(idx->dims[2]) + " pixels, expected 28 x 28");
        return false;
    }
    out.rows = ImageRows;
    out.cols = ImageCols;
    out.pixels.resize(idx->bytes.size());
    // Input = pixel / 255 in [0, 1].
    for (size_t i = 0; i < idx->bytes.size(); ++i)
        out.pixels[i] = static_cast<float>(idx->bytes[i]) / 255.0f;
    out.labels.assign(idx->dims[0], 0);
    return true;
}

bool readLabels(const fs::path& folder, const std::string& name, ImageSet& out,
                std::string& error) {
    const std::optional<std::string> path = locate(folder, name);
    if (!path) {
        error = failure((folder / name).string() + "(.gz) is missing");
        return false;
    }
    std::string problem;
    std::optional<IdxFile> idx = readIdxFile(*path, 1, std::uint64_t(MaxImages), problem);
    if (!idx) {
        error = failure(*path + " " + problem);
        return false;
    }
    if (static_cast<Index>(idx->dims[0]) != out.size()) {
        error =
            failure(*path + " has " + std::to_string(idx->dims[0]) +
                    " labels, but its images file has " + std::to_string(out.size()) + " images");
        return false;
    }
    for (size_t i = 0; i < idx->bytes.size(); ++i)
        if (idx->bytes[i] >= ClassCount) {
            error = failure(*path + ": label " + std::to_string(int(idx->bytes[i])) + " of image " +
                            std::to_string(i) + " is out of range (0..9)");
            return false;
        }
    out.labels = std::move(idx->bytes);
    return true;
}

}  // namespace

DatasetLoad loadFashionMnist(const std::string& explicitFolder) {
    const DataFolder folder = findFashionMnist(explicitFolder);
    DatasetLoad load;
    std::error_code ec;
    if (!fs::is_directory(folder.path, ec)) {
        const std::string from = folder.origin == "given" ? "the data folder given"
                                 : folder.origin == "default"
                                     ? "the default data folder"
                                     : std::string("the folder named by ") + folder.origin;
        load.error = failure(from + ", " + folder.path + ", does not exist or is not a folder");
        return load;
    }
    auto data = std::make_shared<Dataset>();
    data->source = folder.path;
    if (!readImages(folder.path, "train-images-idx3-ubyte", data->train, load.error) ||
        !readLabels(folder.path, "train-labels-idx1-ubyte", data->train, load.error) ||
        !readImages(folder.path, "t10k-images-idx3-ubyte", data->test, load.error) ||
        !readLabels(folder.path, "t10k-labels-idx1-ubyte", data->test, load.error))
        return load;
    load.dataset = std::move(data);
    return load;
}

std::uint64_t fingerprint(const Dataset& dataset) {
    // h = (h xor word) * prime, word by word: the float bits of every pixel, then each label.
    std::uint64_t h = 0xcbf29ce484222325ULL;
    const auto mix = [&h](std::uint32_t word) { h = (h ^ word) * 0x100000001b3ULL; };
    for (const ImageSet* set : {&dataset.train, &dataset.test}) {
        mix(static_cast<std::uint32_t>(set->rows));
        mix(static_cast<std::uint32_t>(set->cols));
        mix(static_cast<std::uint32_t>(set->size()));
        for (float p : set->pixels)
            mix(std::bit_cast<std::uint32_t>(p));
        for (std::uint8_t label : set->labels)
            mix(label);
    }
    return h;
}

DatasetLoad loadFashionMnistCached(const std::string& explicitFolder) {
    // One copy per folder for the whole process (about 190 MB for the full set). The lock is held
    // while loading, so concurrent first calls load once.
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const Dataset>> cache;
    const DataFolder folder = findFashionMnist(explicitFolder);
    std::error_code ec;
    fs::path key = fs::weakly_canonical(folder.path, ec);
    if (ec)
        key = folder.path;
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(key.string());
    if (it != cache.end())
        return {it->second, ""};
    DatasetLoad load = loadFashionMnist(explicitFolder);
    if (load.ok())
        cache.emplace(key.string(), load.dataset);
    return load;
}

}  // namespace engine::data
