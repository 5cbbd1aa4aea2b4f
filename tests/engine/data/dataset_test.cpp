#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "engine/data/dataset.h"
#include "engine/data/idxfile.h"

using namespace engine;
using namespace engine::data;
namespace fs = std::filesystem;

namespace {

using Bytes = std::vector<std::uint8_t>;

void putU32(Bytes& b, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8)
        b.push_back(static_cast<std::uint8_t>(v >> shift));
}

// An IDX file of unsigned bytes: magic 0x000008NN, NN sizes, data.
Bytes idx(const std::vector<std::uint32_t>& dims, const Bytes& data) {
    Bytes b = {0, 0, 8, static_cast<std::uint8_t>(dims.size())};
    for (std::uint32_t d : dims)
        putU32(b, d);
    b.insert(b.end(), data.begin(), data.end());
    return b;
}

// Image i has every pixel equal to (i * 40 + pixel index) mod 256.
Bytes imagesData(std::uint32_t count) {
    Bytes data;
    for (std::uint32_t i = 0; i < count; ++i)
        for (std::uint32_t p = 0; p < 784; ++p)
            data.push_back(static_cast<std::uint8_t>((i * 40 + p) % 256));
    return data;
}

Bytes images(std::uint32_t count) {
    return idx({count, 28, 28}, imagesData(count));
}
Bytes labels(const Bytes& values) {
    return idx({static_cast<std::uint32_t>(values.size())}, values);
}

void writePlain(const fs::path& path, const Bytes& b) {
    std::ofstream f(path, std::ios::binary);
    f.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
}

void writeGz(const fs::path& path, const Bytes& b) {
    gzFile f = gzopen(path.string().c_str(), "wb");
    ASSERT_NE(f, nullptr);
    ASSERT_EQ(gzwrite(f, b.data(), static_cast<unsigned>(b.size())), static_cast<int>(b.size()));
    gzclose(f);
}

Bytes readAll(const fs::path& path) {
    std::ifstream f(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

// A fresh folder with a good small FashionMNIST: 3 training images (labels 9, 0, 3) and 2 test
// images (labels 1, 7), gzip'd or plain.
class DataFolderTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = fs::path(::testing::TempDir()) / (std::string("prospect-data-") + info->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    void writeGood(bool gz) {
        write("train-images-idx3-ubyte", images(3), gz);
        write("train-labels-idx1-ubyte", labels({9, 0, 3}), gz);
        write("t10k-images-idx3-ubyte", images(2), gz);
        write("t10k-labels-idx1-ubyte", labels({1, 7}), gz);
    }
    void write(const std::string& name, const Bytes& b, bool gz = true) {
        fs::remove(m_dir / name);
        fs::remove(m_dir / (name + ".gz"));
        if (gz)
            writeGz(m_dir / (name + ".gz"), b);
        else
            writePlain(m_dir / name, b);
    }
    // Loads and expects an error that names `file` and contains `problem` and the install hint.
    void expectError(const std::string& file, const std::string& problem) {
        const DatasetLoad load = loadFashionMnist(m_dir.string());
        EXPECT_FALSE(load.ok());
        EXPECT_NE(load.error.find(file), std::string::npos) << load.error;
        EXPECT_NE(load.error.find(problem), std::string::npos) << load.error;
        EXPECT_NE(load.error.find("apt-get install dataset-fashion-mnist"), std::string::npos)
            << load.error;
    }

    fs::path m_dir;
};

}  // namespace

TEST_F(DataFolderTest, ReadsGzipFiles) {
    writeGood(true);
    const DatasetLoad load = loadFashionMnist(m_dir.string());
    ASSERT_TRUE(load.ok()) << load.error;
    const Dataset& d = *load.dataset;
    EXPECT_EQ(d.source, m_dir.string());
    ASSERT_EQ(d.train.size(), 3);
    ASSERT_EQ(d.test.size(), 2);
    EXPECT_EQ(d.train.rows, 28);
    EXPECT_EQ(d.train.cols, 28);
    EXPECT_EQ(d.train.imageSize(), 784);
    EXPECT_EQ(d.train.label(0), 9);
    EXPECT_EQ(d.train.label(2), 3);
    EXPECT_EQ(d.test.label(1), 7);
    // Pixel p of image i is ((i * 40 + p) mod 256) / 255.
    EXPECT_FLOAT_EQ(d.train.image(0)[0], 0.0f);
    EXPECT_FLOAT_EQ(d.train.image(0)[255], 1.0f);
    EXPECT_FLOAT_EQ(d.train.image(2)[5], 85.0f / 255.0f);
    EXPECT_FLOAT_EQ(d.test.image(1)[783], float((40 + 783) % 256) / 255.0f);
    EXPECT_TRUE(d.train.validate().empty());
}

TEST_F(DataFolderTest, ReadsPlainFilesToo) {
    writeGood(false);
    const DatasetLoad load = loadFashionMnist(m_dir.string());
    ASSERT_TRUE(load.ok()) << load.error;
    EXPECT_EQ(load.dataset->train.size(), 3);
    EXPECT_FLOAT_EQ(load.dataset->train.image(1)[1], 41.0f / 255.0f);
}

TEST_F(DataFolderTest, MissingFolder) {
    const std::string missing = (m_dir / "nowhere").string();
    const DatasetLoad load = loadFashionMnist(missing);
    EXPECT_FALSE(load.ok());
    EXPECT_NE(load.error.find(missing), std::string::npos) << load.error;
    EXPECT_NE(load.error.find("does not exist"), std::string::npos) << load.error;
    EXPECT_NE(load.error.find("apt-get install dataset-fashion-mnist"), std::string::npos);
}

TEST_F(DataFolderTest, MissingFile) {
    writeGood(true);
    fs::remove(m_dir / "t10k-labels-idx1-ubyte.gz");
    expectError("t10k-labels-idx1-ubyte", "is missing");
}

TEST_F(DataFolderTest, TruncatedGzipFile) {
    writeGood(true);
    // Cut the compressed stream in the middle of the pixel data.
    const fs::path path = m_dir / "train-images-idx3-ubyte.gz";
    Bytes b = readAll(path);
    b.resize(b.size() / 2);
    writePlain(path, b);
    expectError("train-images-idx3-ubyte.gz", "truncated");
}

TEST_F(DataFolderTest, TruncatedPlainFile) {
    writeGood(false);
    Bytes b = images(3);
    b.resize(b.size() - 10);
    write("t10k-images-idx3-ubyte", b, false);
    expectError("t10k-images-idx3-ubyte", "truncated");
}

TEST_F(DataFolderTest, TruncatedHeader) {
    writeGood(true);
    write("train-labels-idx1-ubyte", Bytes{0, 0, 8, 1, 0, 0});
    expectError("train-labels-idx1-ubyte.gz", "truncated");
}

TEST_F(DataFolderTest, EmptyFile) {
    writeGood(true);
    write("train-labels-idx1-ubyte", Bytes{}, false);
    expectError("train-labels-idx1-ubyte", "truncated");
}

TEST_F(DataFolderTest, BadMagicNumber) {
    writeGood(true);
    // A labels file where an images file belongs.
    write("train-images-idx3-ubyte", labels({1, 2, 3}));
    expectError("train-images-idx3-ubyte.gz", "magic number 0x00000801, expected 0x00000803");
}

TEST_F(DataFolderTest, NonByteDataType) {
    writeGood(true);
    Bytes b = images(3);
    b[2] = 0x0D;  // IDX type 0x0D = float
    write("train-images-idx3-ubyte", b);
    expectError("train-images-idx3-ubyte.gz", "magic number");
}

TEST_F(DataFolderTest, WrongImageSize) {
    writeGood(true);
    write("t10k-images-idx3-ubyte", idx({2, 28, 27}, Bytes(2 * 28 * 27, 7)));
    expectError("t10k-images-idx3-ubyte.gz", "28 x 27 pixels, expected 28 x 28");
}

TEST_F(DataFolderTest, ImageAndLabelCountsDiffer) {
    writeGood(true);
    write("train-labels-idx1-ubyte", labels({1, 2}));
    expectError("train-labels-idx1-ubyte.gz", "2 labels, but its images file has 3 images");
}

TEST_F(DataFolderTest, LabelOutOfRange) {
    writeGood(true);
    write("t10k-labels-idx1-ubyte", labels({1, 10}));
    expectError("t10k-labels-idx1-ubyte.gz", "label 10 of image 1 is out of range");
}

TEST_F(DataFolderTest, HugeDeclaredSizeIsRefusedBeforeAllocating) {
    writeGood(true);
    // 2^31 images of 28 x 28 would be 1.7 TB: refused from the header alone.
    write("train-images-idx3-ubyte", idx({0x80000000u, 28, 28}, imagesData(1)));
    expectError("train-images-idx3-ubyte.gz", "damaged header");
    write("train-images-idx3-ubyte", images(3));
    write("train-labels-idx1-ubyte", idx({0xFFFFFFFFu}, Bytes{1, 2, 3}));
    expectError("train-labels-idx1-ubyte.gz", "damaged header");
}

TEST_F(DataFolderTest, ZeroDimension) {
    writeGood(true);
    write("t10k-images-idx3-ubyte", idx({0, 28, 28}, Bytes{}));
    expectError("t10k-images-idx3-ubyte.gz", "declares no data");
}

TEST_F(DataFolderTest, TrailingData) {
    writeGood(true);
    Bytes b = labels({9, 0, 3});
    b.push_back(4);
    write("train-labels-idx1-ubyte", b);
    expectError("train-labels-idx1-ubyte.gz", "more data than its header declares");
}

TEST_F(DataFolderTest, CorruptGzipStream) {
    writeGood(true);
    const fs::path path = m_dir / "train-images-idx3-ubyte.gz";
    Bytes b = readAll(path);
    // Overwrite the deflate data after the 10-byte gzip header with noise.
    for (size_t i = 12; i < b.size() - 8 && i < 200; ++i)
        b[i] = static_cast<std::uint8_t>(i * 37 + 11);
    writePlain(path, b);
    const DatasetLoad load = loadFashionMnist(m_dir.string());
    EXPECT_FALSE(load.ok());
    EXPECT_NE(load.error.find("train-images-idx3-ubyte.gz"), std::string::npos) << load.error;
    EXPECT_NE(load.error.find("apt-get install dataset-fashion-mnist"), std::string::npos);
}

TEST_F(DataFolderTest, ReaderReportsWithoutPath) {
    write("x", idx({2, 3}, Bytes{1, 2, 3, 4, 5, 6}));
    std::string error;
    const auto file = readIdxFile((m_dir / "x.gz").string(), 2, 100, error);
    ASSERT_TRUE(file.has_value()) << error;
    EXPECT_EQ(file->dims, (std::vector<std::uint32_t>{2, 3}));
    EXPECT_EQ(file->bytes, (Bytes{1, 2, 3, 4, 5, 6}));
    EXPECT_FALSE(readIdxFile((m_dir / "x.gz").string(), 2, 5, error).has_value());
    EXPECT_FALSE(readIdxFile((m_dir / "absent").string(), 2, 100, error).has_value());
    EXPECT_EQ(error, "cannot be opened");
}

TEST_F(DataFolderTest, FolderOrderGivenThenEnvironmentThenDefault) {
    const char* old = std::getenv(FashionMnistEnvironment);
    const std::string saved = old ? old : "";
    ::setenv(FashionMnistEnvironment, "/from/env", 1);
    EXPECT_EQ(findFashionMnist("/given").path, "/given");
    EXPECT_EQ(findFashionMnist("/given").origin, "given");
    EXPECT_EQ(findFashionMnist("").path, "/from/env");
    EXPECT_EQ(findFashionMnist("").origin, FashionMnistEnvironment);
    ::setenv(FashionMnistEnvironment, "", 1);
    EXPECT_EQ(findFashionMnist("").path, DefaultFashionMnistFolder);
    ::unsetenv(FashionMnistEnvironment);
    EXPECT_EQ(findFashionMnist("").path, DefaultFashionMnistFolder);
    EXPECT_EQ(findFashionMnist("").origin, "default");

    // The environment variable is what the loader reads when no folder is given.
    writeGood(true);
    ::setenv(FashionMnistEnvironment, m_dir.string().c_str(), 1);
    const DatasetLoad load = loadFashionMnist();
    if (saved.empty())
        ::unsetenv(FashionMnistEnvironment);
    else
        ::setenv(FashionMnistEnvironment, saved.c_str(), 1);
    ASSERT_TRUE(load.ok()) << load.error;
    EXPECT_EQ(load.dataset->train.size(), 3);
}

TEST_F(DataFolderTest, CachedLoadSharesOneCopyAndDoesNotCacheFailures) {
    const DatasetLoad missing = loadFashionMnistCached(m_dir.string());
    EXPECT_FALSE(missing.ok());
    writeGood(true);
    const DatasetLoad first = loadFashionMnistCached(m_dir.string());
    ASSERT_TRUE(first.ok()) << first.error;
    const DatasetLoad second = loadFashionMnistCached((m_dir / "." / "").string());
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(first.dataset.get(), second.dataset.get());
}

TEST(ImageSet, ValidateFindsInconsistencies) {
    ImageSet s;
    s.rows = 2;
    s.cols = 2;
    s.pixels.assign(8, 0.5f);
    s.labels = {1, 2};
    EXPECT_TRUE(s.validate().empty());
    s.labels = {1, 12};
    EXPECT_EQ(s.validate().size(), 1u);
    s.labels = {1, 2, 3};
    EXPECT_FALSE(s.validate().empty());
}

TEST(FashionMnist, InstalledDataHasTheKnownSizesAndFirstLabels) {
    if (!fs::is_directory(DefaultFashionMnistFolder))
        GTEST_SKIP() << "FashionMNIST is not installed (apt-get install dataset-fashion-mnist)";
    const DatasetLoad load = loadFashionMnistCached(DefaultFashionMnistFolder);
    ASSERT_TRUE(load.ok()) << load.error;
    const Dataset& d = *load.dataset;
    EXPECT_EQ(d.train.size(), 60000);
    EXPECT_EQ(d.test.size(), 10000);
    EXPECT_EQ(d.train.imageSize(), 784);
    const int trainFirst[] = {9, 0, 0, 3, 0, 2, 7, 2, 5, 5};
    const int testFirst[] = {9, 2, 1, 1, 6, 1, 4, 6, 5, 7};
    for (int i = 0; i < 10; ++i) {
        EXPECT_EQ(d.train.label(i), trainFirst[i]) << i;
        EXPECT_EQ(d.test.label(i), testFirst[i]) << i;
    }
    // The first training image's bytes sum to 76247, with a maximum of 255.
    double sum = 0.0;
    for (Index p = 0; p < 784; ++p)
        sum += d.train.image(0)[p];
    EXPECT_NEAR(sum * 255.0, 76247.0, 1e-2);
    // Every class has 6000 training and 1000 test images.
    std::vector<int> count(ClassCount, 0);
    for (Index i = 0; i < d.train.size(); ++i)
        ++count[static_cast<size_t>(d.train.label(i))];
    for (int c : count)
        EXPECT_EQ(c, 6000);
}

TEST(FashionMnist, FingerprintTellsDatasetsApart) {
    Dataset a;
    for (ImageSet* s : {&a.train, &a.test}) {
        s->rows = 2;
        s->cols = 2;
        s->pixels = {0.0f, 0.25f, 0.5f, 1.0f, 1.0f, 0.5f, 0.25f, 0.0f};
        s->labels = {3, 7};
    }
    const Dataset same = a;
    EXPECT_EQ(fingerprint(a), fingerprint(same));
    Dataset pixel = a;
    pixel.test.pixels[5] = 0.75f;
    EXPECT_NE(fingerprint(a), fingerprint(pixel));
    Dataset label = a;
    label.train.labels[0] = 4;
    EXPECT_NE(fingerprint(a), fingerprint(label));
    Dataset swapped = a;  // the same values split differently between the two sets
    swapped.train.labels = {3};
    swapped.train.pixels.resize(4);
    swapped.test.labels = {7, 3, 7};
    swapped.test.pixels.insert(swapped.test.pixels.begin(), a.train.pixels.begin() + 4,
                               a.train.pixels.end());
    EXPECT_NE(fingerprint(a), fingerprint(swapped));
}
