#include "app/bench.h"

#include <chrono>
#include <ctime>
#include <iomanip>
#include <sstream>
#include <string>

#include "engine/core/batchtrainer.h"
#include "engine/core/simulation.h"
#include "engine/data/dataset.h"
#include "engine/experiments/datatraining.h"
#include "engine/experiments/experiments.h"

namespace app {

namespace {

using Clock = std::chrono::steady_clock;

struct Rate {
    double trialsPerSecond = 0.0;
    double iterationsPerSecond = 0.0;
};

// Steps whole trials in growing chunks until `seconds` have passed.
Rate measure(engine::Simulation& sim, double seconds) {
    sim.stepTrial();  // warm-up: buffers reach their steady-state sizes
    const auto start = Clock::now();
    std::int64_t trials = 0, chunk = 1;
    double elapsed = 0.0;
    while (elapsed < seconds) {
        sim.stepTrials(chunk);
        trials += chunk;
        elapsed = std::chrono::duration<double>(Clock::now() - start).count();
        if (elapsed < seconds / 10)
            chunk *= 2;
    }
    Rate r;
    r.trialsPerSecond = static_cast<double>(trials) / elapsed;
    r.iterationsPerSecond = r.trialsPerSecond * sim.iterations();
    return r;
}

std::string human(double v) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(2);
    if (v >= 1e6)
        s << v / 1e6 << " M";
    else if (v >= 1e3)
        s << v / 1e3 << " k";
    else
        s << v << " ";
    return s.str();
}

// The authors' PyTorch code per trained sample of the online net at batch 1 on one core of this
// machine kind (shared/science/dataset-experiments.md, "Cost").
constexpr double AuthorsPcSeconds = 22e-3;
constexpr double AuthorsBpSeconds = 0.36e-3;

// Trains the online net one sample at a time (batch fill included) until `seconds` of CPU time
// have passed; returns CPU seconds per sample. CPU time, not wall time, so that other work on a
// shared machine does not distort the figure.
double secondsPerOnlineSample(engine::Rule rule, const engine::Network& net,
                              const engine::data::ImageSet& images,
                              const engine::experiments::LabelledSet& set, double seconds) {
    namespace ex = engine::experiments;
    engine::BatchTrainer trainer(rule, net, engine::PcConfig{0.1, 64, 0.1, 0.5}, 1);
    ex::BatchBuffers buffers(net.size(0), net.size(net.depth()), 1);
    const std::vector<engine::Index> order = ex::identityOrder(set.size());
    engine::Index next = 0;
    auto trainOne = [&] {
        buffers.fill(images, set, order, next, 1);
        trainer.train(buffers.input(1), buffers.target(1));
        next = (next + 1) % set.size();
    };
    for (int k = 0; k < 100; ++k)  // warm-up
        trainOne();
    const std::clock_t start = std::clock();
    std::int64_t samples = 0;
    double elapsed = 0.0;
    while (elapsed < seconds) {
        for (int k = 0; k < 200; ++k)
            trainOne();
        samples += 200;
        elapsed = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
    }
    return elapsed / static_cast<double>(samples);
}

// Random 28 x 28 images (half the pixels 0, as in FashionMNIST) when the data is not installed.
engine::data::ImageSet randomImages() {
    engine::data::ImageSet set;
    set.rows = engine::data::ImageRows;
    set.cols = engine::data::ImageCols;
    engine::Random rng(7);
    for (int i = 0; i < 2000; ++i) {
        for (engine::Index p = 0; p < set.imageSize(); ++p)
            set.pixels.push_back(rng.uniform() < 0.5 ? 0.0f : static_cast<float>(rng.uniform()));
        set.labels.push_back(static_cast<std::uint8_t>(i % engine::data::ClassCount));
    }
    return set;
}

void benchOnlineNet(double seconds, std::ostream& out) {
    namespace ex = engine::experiments;
    const engine::data::DatasetLoad load = engine::data::loadFashionMnistCached();
    const engine::data::ImageSet images = load.ok() ? engine::data::ImageSet{} : randomImages();
    const engine::data::ImageSet& source = load.ok() ? load.dataset->train : images;
    engine::Random rng(1);
    const ex::LabelledSet set = ex::drawPerClass(source, 1000, ex::allClasses(), {}, rng);
    const engine::Network net(
        engine::NetworkSpec::layered({784, 32, 32, 10}, engine::Activation::Sigmoid,
                                     engine::Initialiser::xavierUniform()),
        1);
    const double bp = secondsPerOnlineSample(engine::Rule::BP, net, source, set, seconds);
    const double pc = secondsPerOnlineSample(engine::Rule::PC, net, source, set, seconds);
    out << "\nonline net 784-32-32-10, sigmoid, batch 1, PC T = 64 (dataset experiments' trainer, "
        << (load.ok() ? "FashionMNIST images" : "random images: FashionMNIST is not installed")
        << "), CPU time per trained sample:\n"
        << std::fixed;
    auto line = [&](const char* rule, double s, double authors) {
        std::ostringstream rate, cost, speedup;
        rate << std::fixed << std::setprecision(1) << 1e-3 / s << " k samples/s";
        cost << std::fixed << std::setprecision(1) << s * 1e6 << " us/sample";
        speedup << std::fixed << std::setprecision(0) << authors / s << "x";
        out << std::right << "  " << rule << std::setw(20) << rate.str() << std::setw(16)
            << cost.str() << std::setw(8) << speedup.str() << " the authors' code ("
            << std::setprecision(2) << authors * 1e3 << " ms/sample)\n";
    };
    line("BP", bp, AuthorsBpSeconds);
    line("PC", pc, AuthorsPcSeconds);
    out << "  PC costs " << std::setprecision(1) << pc / bp
        << "x BP per sample (goal: within 8x); PC is " << std::setprecision(0)
        << AuthorsPcSeconds / pc << "x the authors' code (goal: 500x)\n";
}

}  // namespace

void runBench(double seconds, std::ostream& out) {
    namespace ex = engine::experiments;
    out << "prospect bench: throughput of one engine thread (" << seconds << " s per figure)\n";
#ifdef NDEBUG
    out << "build: optimised (NDEBUG)\n\n";
#else
    out << "build: assertions on (not an optimised build; figures are low)\n\n";
#endif
    // A learning rate of 0 keeps the weights (and so the work per trial) constant however long
    // the benchmark runs; the arithmetic is the same as with learning.
    struct Case {
        std::string name;
        engine::Network net;
        engine::Trial trial;
    };
    ex::DeepNetConfig deep;
    deep.width = 64;
    ex::DeepSetup setup = ex::deepSetup(10, 1, deep);
    Case cases[] = {{"1-1-2 bear net", engine::Network(ex::bearSpec(), 0), ex::bearTrial()},
                    {"width 64, depth 10", std::move(setup.net), std::move(setup.trial)}};

    out << std::left << std::setw(22) << "network" << std::setw(30) << "PC iterations/s (T=128)"
        << std::setw(20) << "PC trials/s"
        << "BP trials/s\n";
    for (Case& c : cases) {
        engine::Simulation pc(c.net, engine::PcConfig{0.0, 128, 0.1, 0.5});
        pc.setTrials({c.trial});
        engine::Simulation bp(c.net, engine::BpConfig{0.0});
        bp.setTrials({c.trial});
        const Rate p = measure(pc, seconds);
        const Rate b = measure(bp, seconds);
        out << std::left << std::setw(22) << c.name << std::setw(30) << human(p.iterationsPerSecond)
            << std::setw(20) << human(p.trialsPerSecond) << human(b.trialsPerSecond) << "\n";
    }
    benchOnlineNet(seconds, out);
}

}  // namespace app
