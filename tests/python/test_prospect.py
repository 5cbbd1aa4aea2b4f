"""Tests of the Python module `prospect`, run by ctest with the module's folder on PYTHONPATH and
the command-line program in PROSPECT_CLI: the module's numbers are checked against the CLI's CSV
files (the same engine reached two ways) and against hand-computed values."""

import csv
import os
import subprocess
import tempfile
import unittest

import numpy as np

import prospect

CLI = os.environ.get("PROSPECT_CLI", "")
SCENARIOS = os.environ.get("PROSPECT_SCENARIOS", "")
DATA = os.environ.get("PROSPECT_FASHION_MNIST", "/usr/share/datasets/fashion-mnist")


def cli_csv(*args):
    """Runs the command-line program with --csv and returns the rows of its CSV as dicts."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "out.csv")
        subprocess.run([CLI, *args, "--csv", path], check=True, stdout=subprocess.DEVNULL)
        with open(path, newline="") as f:
            return list(csv.DictReader(f))


@unittest.skipUnless(CLI, "PROSPECT_CLI is not set")
class MatchesTheCommandLine(unittest.TestCase):
    def test_interference_equals_the_cli_csv(self):
        rows = prospect.experiment("interference", trials=12, T=64)
        expected = cli_csv("experiment", "interference", "--trials", "12", "--T", "64")
        self.assertEqual(len(rows), len(expected))
        self.assertEqual(len(rows), 24)
        for got, want in zip(rows, expected):
            self.assertEqual(list(got), list(want))  # the CSV's columns, in order
            self.assertEqual(got["rule"], want["rule"])
            self.assertEqual(got["trial"], int(want["trial"]))
            self.assertEqual(got["output_0"], float(want["output_0"]))
            self.assertEqual(got["output_1"], float(want["output_1"]))

    def test_every_experiment_equals_the_cli_csv(self):
        # Small settings, given as keywords to the module and as options to the command line.
        small = {
            "interference": {"trials": 4, "T": 16},
            "lr-sweep": {"trials": 5, "alphas": [0.5, 0.1], "T": 16},
            "target-alignment": {"depths": [1, 3], "seeds": 2, "width": 8, "T": 32},
            "trajectories-122": {"trials": 4},
            "prospective-index": {"depth": 3, "seeds": 2, "width": 8, "activation": "tanh"},
            "erratic": {"seeds": 1, "trials": 4, "alphas_pc": [0.5], "alphas_bp": [0.35],
                        "width": 8, "T": 32},
            "fear-conditioning": {"seeds": 1, "T": 32},
            "reversal-learning": {"bp_seeds": 1, "pc_seeds": 1, "trials": 40, "summary_after": 10,
                                  "T": 32},
            "sensorimotor-transfer": {"seeds": 1, "training_blocks": 2, "test_blocks": 2,
                                      "T": 32},
        }
        # The FashionMNIST experiments, tiny, where Debian's dataset-fashion-mnist is installed.
        data = {
            "depth": {"depths": [2], "alphas": [0.01], "seeds": 1, "per_class": 2, "epochs": 2,
                      "width": 8, "test_per_class": 3, "T": 8},
            "online": {"batch_sizes": [4], "alphas": [0.1], "seeds": 1, "epochs": 2,
                       "batches": 3, "train_per_class": 5, "test_per_class": 3, "T": 8},
            "continual": {"alphas": [0.001], "seeds": 1, "per_class": 4, "batch_size": 10,
                          "cycles": 1, "epochs_per_task": 1, "scored_epochs": 0,
                          "test_per_class": 3, "T": 8},
            "drift": {"alphas": [0.05], "seeds": 1, "epochs": 3, "period": 2, "per_class": 2,
                      "test_per_class": 2, "batch_size": 10, "pretrain_epochs": 1,
                      "pretrain_per_class": 3, "T": 8},
            "small-data": {"per_class": [3], "alphas": [0.01], "seeds": 1, "epochs": 2,
                           "test_cap": 3, "T": 8},
        }
        have_data = os.path.exists(os.path.join(DATA, "train-images-idx3-ubyte.gz"))
        self.assertEqual(sorted(list(small) + list(data)), sorted(prospect.experiments()))
        if have_data:
            small.update(data)
        else:
            print("FashionMNIST is not installed: the dataset experiments are not compared")
        threaded = {"target-alignment", "prospective-index", "erratic", "fear-conditioning",
                    "reversal-learning", "sensorimotor-transfer"} | set(data)
        listed = subprocess.run([CLI, "experiment", "--list"], check=True, capture_output=True,
                                text=True).stdout.splitlines()
        self.assertEqual(prospect.experiments(), [line.split()[0] for line in listed if line])
        for name, options in small.items():
            with self.subTest(experiment=name):
                # The runs of an experiment on threads give the same rows as on one thread.
                threads = {"threads": 2} if name in threaded else {}
                rows = prospect.experiment(name, **threads, **options)
                args = ["experiment", name] + (["--threads", "1"] if threads else [])
                for key, value in options.items():
                    text = ",".join(map(str, value)) if isinstance(value, list) else str(value)
                    args += ["--" + key.replace("_", "-"), text]
                expected = cli_csv(*args)
                self.assertGreater(len(rows), 0)
                self.assertEqual(len(rows), len(expected))
                for got, want in zip(rows, expected):
                    self.assertEqual(list(got), list(want))
                    for key, value in want.items():
                        if isinstance(got[key], str):
                            self.assertEqual(got[key], value, key)
                        else:
                            self.assertEqual(got[key], float(value), key)

    def test_fear_conditioning_equals_the_cli_csv_on_two_threads(self):
        rows = prospect.experiment("fear-conditioning", seeds=2, threads=2)
        expected = cli_csv("experiment", "fear-conditioning", "--seeds", "2", "--threads", "1")
        self.assertEqual(len(rows), len(expected))
        for got, want in zip(rows, expected):
            self.assertEqual(set(got), set(want))
            for key, value in want.items():
                if isinstance(got[key], str):
                    self.assertEqual(got[key], value)
                else:
                    self.assertEqual(got[key], float(value), key)

    def test_stepping_a_preset_trial_by_trial_equals_prospect_run(self):
        trials = 5
        expected = cli_csv("run", "--preset", "bear", "--trials", str(trials))
        scenario = prospect.Scenario.preset("bear")
        for rule in ("BP", "PC"):
            sim = prospect.Simulation(scenario, rule.lower())
            want = [r for r in expected if r["rule"] == rule]
            self.assertEqual(len(want), trials)
            for row in want:
                self.assertTrue(sim.step_trial())
                self.assertEqual(sim.trials_completed, int(row["trial"]))
                self.assertEqual(sim.loss, float(row["loss"]))
                np.testing.assert_array_equal(
                    sim.output[:, 0], [float(row["output_0"]), float(row["output_1"])])
                self.assertEqual(sim.weight(1)[0, 0], float(row["w1_0_0"]))
                self.assertEqual(sim.weight(2)[0, 0], float(row["w2_0_0"]))
                self.assertEqual(sim.weight(2)[1, 0], float(row["w2_1_0"]))

    @unittest.skipUnless(SCENARIOS, "PROSPECT_SCENARIOS is not set")
    def test_a_scenario_file_runs_as_in_prospect_run(self):
        path = os.path.join(SCENARIOS, "fear-conditioning.json")
        expected = cli_csv("run", path, "--trials", "3")
        sim = prospect.Simulation(prospect.Scenario.load(path), "pc")
        sim.step_trials(3)
        last = [r for r in expected if r["rule"] == "PC"][-1]
        self.assertEqual(sim.trials_completed, 3)
        self.assertEqual(sim.loss, float(last["loss"]))


class Stepping(unittest.TestCase):
    def test_pc_steps_by_iteration_phase_and_trial(self):
        sim = prospect.Simulation(prospect.Scenario.preset("bear"), "pc", T=8)
        self.assertEqual(sim.phase, "idle")
        self.assertTrue(sim.step_iteration())
        self.assertEqual(sim.phase, "initialise")
        # Initialised by a feed-forward pass: every weight 1, input 1, so x1 = 1, mu2 = (1, 1);
        # the output is clamped to the target (0, 1).
        np.testing.assert_array_equal(sim.activity(0), [[1.0]])
        np.testing.assert_array_equal(sim.activity(1), [[1.0]])
        np.testing.assert_array_equal(sim.activity(2), [[0.0], [1.0]])
        np.testing.assert_array_equal(sim.prediction(2), [[1.0], [1.0]])
        np.testing.assert_array_equal(sim.error(2), [[-1.0], [0.0]])
        np.testing.assert_array_equal(sim.energies, [0.0, 0.0, 0.5])
        self.assertEqual(sim.energy, 0.5)
        self.assertTrue(sim.step_iteration())
        self.assertEqual((sim.phase, sim.iteration), ("relax", 1))
        # One inference step lowers the energy.
        self.assertLess(sim.energy, 0.5)
        self.assertTrue(sim.step_phase())  # the rest of the relaxation: iterations 2..7
        self.assertEqual((sim.phase, sim.iteration), ("relax", 7))
        self.assertFalse(sim.between_trials)
        self.assertTrue(sim.step_phase())  # the last iteration changes the weights
        self.assertEqual((sim.phase, sim.iteration), ("update", 8))
        self.assertTrue(sim.between_trials)
        self.assertEqual(sim.energy_trace.shape, (9, 3))
        self.assertTrue(sim.step_trial())
        self.assertEqual(sim.trials_completed, 2)

    def test_bp_on_a_network_built_from_layer_sizes(self):
        net = prospect.Network([2, 3, 1], activation="tanh", seed=4)
        net.set_weight(1, np.full((3, 2), 0.5))
        net.set_weight(2, np.array([[1.0, -1.0, 2.0]]))
        sim = prospect.Simulation(net, "bp", alpha=0.1)
        sim.set_trials(np.array([[1.0, -1.0]]), np.array([[0.25]]))
        self.assertTrue(sim.step_trial())
        # Input (1, -1): hidden pre-activations 0, tanh 0, output 0; loss 1/2 0.25^2.
        self.assertAlmostEqual(sim.loss, 0.5 * 0.25**2, places=15)
        # dW2 = alpha eps f(x1)^T = 0 (f(x1) = 0); dW1 = alpha (W2^T eps * f'(0)) x0^T.
        np.testing.assert_array_equal(sim.weight(2), [[1.0, -1.0, 2.0]])
        step = 0.1 * 0.25 * np.array([[1.0], [-1.0], [2.0]]) @ np.array([[1.0, -1.0]])
        np.testing.assert_allclose(sim.weight(1), 0.5 + step, rtol=0, atol=1e-15)

    def test_a_network_with_an_activation_per_hidden_layer(self):
        net = prospect.Network([2, 3, 3, 1], activation=["tanh", "relu"])
        self.assertEqual(net.activations, ["identity", "tanh", "relu", "identity"])
        self.assertEqual(prospect.Network([2, 3, 1], "sigmoid").activations,
                         ["identity", "sigmoid", "identity"])
        with self.assertRaisesRegex(ValueError, "one per hidden layer"):
            prospect.Network([2, 3, 3, 1], activation=["tanh"] * 3)
        with self.assertRaisesRegex(ValueError, "activation: 'sigmoidal'"):
            prospect.Network([2, 3, 1], "sigmoidal")
        with self.assertRaisesRegex(ValueError, "the network is not valid"):
            prospect.Network([2])

    def test_set_weight_changes_what_the_next_trial_sees(self):
        sim = prospect.Simulation(prospect.Scenario.preset("bear"), "bp")
        sim.set_weight(1, np.array([[2.0]]))
        self.assertTrue(sim.step_trial())
        np.testing.assert_array_equal(sim.output, [[2.0], [2.0]])

    def test_the_network_read_from_a_simulation_is_a_copy(self):
        sim = prospect.Simulation(prospect.Scenario.preset("bear"), "bp")
        net = sim.network
        net.set_weight(1, np.array([[3.0]]))
        np.testing.assert_array_equal(sim.weight(1), [[1.0]])
        weight = sim.weight(1)
        weight[0, 0] = 5.0
        np.testing.assert_array_equal(sim.weight(1), [[1.0]])
        sim.reset(net)  # a network of your own, from the start
        self.assertTrue(sim.step_trial())
        np.testing.assert_array_equal(sim.output, [[3.0], [3.0]])

    def test_step_trials_equals_single_trials(self):
        scenario = prospect.Scenario.preset("bear")
        a = prospect.Simulation(scenario, "pc")
        b = prospect.Simulation(scenario, "pc")
        self.assertTrue(a.step_trials(20))
        for _ in range(20):
            b.step_trial()
        np.testing.assert_array_equal(a.weight(2), b.weight(2))


class Training(unittest.TestCase):
    def test_the_trainer_learns_as_the_simulation_does(self):
        rng = np.random.default_rng(3)
        inputs, targets = rng.normal(size=(6, 4)), rng.normal(size=(6, 2))
        net = prospect.Network([4, 5, 3, 2], activation="tanh", seed=2)
        for rule in ("bp", "pc"):
            trainer = prospect.Trainer(net, rule, alpha=0.05, T=32)
            sim = prospect.Simulation(net, rule, alpha=0.05, T=32, gamma0=0.1, discount=0.5)
            sim.set_trials(inputs, targets)
            self.assertEqual(trainer.train(inputs, targets), 6)
            self.assertTrue(sim.step_trials(6))
            self.assertEqual(trainer.trials, 6)
            self.assertAlmostEqual(trainer.loss, sim.loss, places=12)  # same maths, rounding apart
            for layer in (1, 2, 3):
                self.assertFalse(np.array_equal(trainer.weight(layer), net.weight(layer)))
                np.testing.assert_allclose(trainer.weight(layer), sim.weight(layer),
                                           rtol=0, atol=1e-12)

    def test_batches_of_rows(self):
        net = prospect.Network([3, 2], seed=1)
        trainer = prospect.Trainer(net, "bp", batch=4, alpha=0.1)
        self.assertEqual(trainer.train(np.ones((10, 3)), np.zeros((10, 2)), batch=4), 3)
        with self.assertRaisesRegex(ValueError, "inputs need 3 columns"):
            trainer.train(np.ones((2, 4)), np.zeros((2, 2)))


class Errors(unittest.TestCase):
    def test_the_engines_messages_become_exceptions(self):
        with self.assertRaisesRegex(ValueError, "no preset called 'bare'"):
            prospect.Scenario.preset("bare")
        with self.assertRaisesRegex(ValueError, "nothere.json: cannot open the file"):
            prospect.Scenario.load("/nothere.json")
        with self.assertRaisesRegex(ValueError, "T: 0 is out of range"):
            prospect.experiment("interference", T=0)
        with self.assertRaisesRegex(ValueError, "interference has no option 'seeds'"):
            prospect.experiment("interference", seeds=2)
        with self.assertRaisesRegex(ValueError, "interference has no option 'threads'"):
            prospect.experiment("interference", threads=2)
        with self.assertRaisesRegex(ValueError, "threads: 257 is out of range"):
            prospect.experiment("fear-conditioning", threads=257)
        with self.assertRaisesRegex(ValueError, "no experiment called"):
            prospect.experiment("interferance")
        with self.assertRaisesRegex(ValueError, "rule: 'xp'"):
            prospect.Simulation(prospect.Scenario.preset("bear"), "xp")
        with self.assertRaisesRegex(ValueError, "PC's settings are not valid"):
            prospect.Simulation(prospect.Scenario.preset("bear"), "pc", T=0)
        with self.assertRaisesRegex(IndexError, "layer 3 does not exist"):
            prospect.Simulation(prospect.Scenario.preset("bear"), "pc").weight(3)
        with self.assertRaisesRegex(ValueError, "weight 1 must be 1 x 1"):
            prospect.Simulation(prospect.Scenario.preset("bear"), "pc").set_weight(1, np.ones((2, 2)))
        net = prospect.Network([1, 2])
        with self.assertRaisesRegex(ValueError, "do not fit the network"):
            prospect.Simulation(net, "pc").set_trials(np.ones((1, 3)), np.ones((1, 2)))

    def test_a_diverging_run_warns_with_the_engines_message_and_keeps_its_rows(self):
        with self.assertWarnsRegex(RuntimeWarning, "BP, trial 6: the energy of layer 2 .* is no "
                                   "longer finite"):
            rows = prospect.experiment("interference", trials=200, alpha=5)
        bp = [r for r in rows if r["rule"] == "BP"]
        self.assertEqual([r["trial"] for r in bp], [1, 2, 3, 4, 5, 6])

    def test_frames_need_pandas(self):
        try:
            import pandas  # noqa: F401
        except ImportError:
            with self.assertRaisesRegex(ImportError, "needs pandas"):
                prospect.experiment_frame("interference", trials=2)
        else:
            frame = prospect.experiment_frame("interference", trials=2)
            self.assertEqual(list(frame.columns), ["rule", "trial", "output_0", "output_1"])


if __name__ == "__main__":
    unittest.main()
