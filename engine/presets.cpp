#include "engine/presets.h"

#include "engine/experiments.h"
#include "engine/random.h"

namespace engine {

namespace {

std::vector<Preset> makePresets() {
    namespace ex = experiments;
    std::vector<Preset> list;
    {
        Preset p;
        p.name = "bear";
        p.title = "Bear and river (interference)";
        p.description =
            "A bear expects to hear the river (output 0) and smell salmon (output 1) whenever it "
            "sees "
            "the river (input). Today the river is silent: the target is (0, 1). BP lowers the "
            "hidden "
            "unit at once and so also its expectation of salmon. PC first relaxes the hidden unit "
            "to "
            "2/3 with the outputs pinned to the target, then changes the weights so the smell "
            "stays "
            "close to 1 (Fig. 1 of the paper).";
        p.spec = ex::bearSpec();
        p.inputNames = {"river"};
        p.outputNames = {"sound", "smell"};
        p.bp = BpConfig{0.2};
        p.pc = PcConfig{0.2, 128, 0.1, 0.5};
        p.trials = [](std::uint64_t) { return std::vector<Trial>{ex::bearTrial()}; };
        list.push_back(p);
    }
    {
        Preset p = list.front();
        p.name = "lr-comparison";
        p.title = "Small learning rate (bear, alpha 0.02)";
        p.description =
            "The bear network with a ten times smaller learning rate. BP's dip of the smell "
            "prediction does not shrink with the learning rate: it only takes more trials. PC "
            "stays near 1 (Fig. 3d).";
        p.bp = BpConfig{0.02};
        p.pc.alpha = 0.02;
        list.push_back(p);
    }
    {
        Preset p;
        p.name = "trajectories-122";
        p.title = "1-2-2 weight trajectories (loss landscape)";
        p.description =
            "Two trainable weights (w1, w2) feed two hidden units that reach the outputs through a "
            "fixed diagonal (1, 2). The loss landscape is a long valley; BP zig-zags across it in "
            "w2 while PC heads almost straight for the solution (1, 0.5).";
        p.spec = ex::trajectorySpec();
        const ex::TrajectoryConfig config;
        p.bp = BpConfig{config.bpAlpha};
        p.pc = config.pc;
        p.trials = [](std::uint64_t) { return std::vector<Trial>{ex::trajectoryTrial()}; };
        list.push_back(p);
    }
    {
        Preset p;
        p.name = "energy-machine";
        p.title = "Energy machine (a chain of neurons)";
        p.description =
            "A chain input -> a -> b -> output. Each neuron is a bead on a post; its prediction is "
            "a "
            "mark on the same post and the error a spring between them. With the output pinned at "
            "the target, relaxation lets the free beads slide until the springs balance; "
            "plasticity "
            "then moves the marks onto the beads (Fig. 2).";
        p.spec =
            NetworkSpec::layered({1, 1, 1, 1}, Activation::Identity, Initialiser::constant(1.0));
        Matrix w(1, 1);
        w << 0.8;
        p.spec.weight(2).init = Initialiser::explicitWeights(w);
        w << 1.2;
        p.spec.weight(3).init = Initialiser::explicitWeights(w);
        p.bp = BpConfig{0.1};
        p.pc = PcConfig{0.1, 64, 0.1, 0.5};
        p.trials = [](std::uint64_t) {
            Vector in(1), out(1);
            in << 1.0;
            out << 2.0;
            return std::vector<Trial>{Trial::single(in, out)};
        };
        list.push_back(p);
    }
    {
        Preset p;
        p.name = "deep-linear";
        p.title = "Deep linear net (target alignment)";
        p.description =
            "Five linear layers of eight neurons, Xavier-uniform weights, one random sample. Watch "
            "the target alignment of each step: PC's output moves almost straight toward the "
            "target, "
            "BP's drifts off as the network gets deeper (Fig. 3e).";
        p.spec = NetworkSpec::layered({8, 8, 8, 8, 8, 8}, Activation::Identity,
                                      Initialiser::xavierUniform(1.0));
        p.seed = 1;
        p.bp = BpConfig{0.01};
        p.pc = PcConfig{0.01, 128, 0.1, 0.5};
        p.trials = [](std::uint64_t seed) {
            return std::vector<Trial>{ex::randomSample(8, 8, seed)};
        };
        list.push_back(p);
    }
    {
        Preset p;
        p.name = "deep-tanh";
        p.title = "Deep tanh net (6 layers of 32)";
        p.description =
            "Six tanh layers of 32 neurons and one random sample: a bigger network to watch "
            "relaxation spread the output error through every layer before any weight moves.";
        p.spec = NetworkSpec::layered(std::vector<Index>(7, 32), Activation::Tanh,
                                      Initialiser::xavierUniform(1.0));
        p.seed = 1;
        p.bp = BpConfig{0.01};
        p.pc = PcConfig{0.01, 128, 0.1, 0.5};
        p.trials = [](std::uint64_t seed) {
            return std::vector<Trial>{ex::randomSample(32, 32, seed, 0.5)};
        };
        list.push_back(p);
    }
    return list;
}

}  // namespace

const std::vector<Preset>& presets() {
    static const std::vector<Preset> list = makePresets();
    return list;
}

const Preset* findPreset(const std::string& name) {
    for (const Preset& p : presets())
        if (p.name == name)
            return &p;
    return nullptr;
}

}  // namespace engine
