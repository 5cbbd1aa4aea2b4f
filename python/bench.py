#!/usr/bin/env python3
"""Speed of the Python module against the command line: PC iterations per second on the bear net
(wall-clock time, as `prospect bench` measures it) and CPU time per sample on the online net
(784-32-32-10, sigmoid, batch 1, T = 64, as `prospect bench` measures it), one thread. Prints
figures; asserts nothing.

    PYTHONPATH=build/dev/python /usr/bin/python3 python/bench.py [--cli build/dev/app/prospect]
"""

import argparse
import re
import subprocess
import time

import numpy as np

import prospect

AUTHORS_PC_SECONDS = 22e-3  # the authors' PyTorch code per online-net sample, as app/bench.cpp


def per_second(work, seconds, clock=time.perf_counter):
    """Calls work(n) with growing n until `seconds` have passed on `clock`; units per second."""
    work(1)  # warm-up
    done, chunk, start = 0, 1, clock()
    while (elapsed := clock() - start) < seconds:
        work(chunk)
        done += chunk
        if elapsed < seconds / 10:
            chunk *= 2
    return done / (clock() - start)


def bear(seconds):
    def simulation():
        # As `prospect bench`: alpha 0 keeps the work per trial constant; T 128, gamma0 0.1,
        # discount 0.5 (the preset's).
        return prospect.Simulation(prospect.Scenario.preset("bear"), "pc", alpha=0.0, T=128)

    whole = simulation()
    by_trial = simulation()
    by_iteration = simulation()

    def one_call_per_trial(n):
        for _ in range(n):
            by_trial.step_trial()

    def one_call_per_iteration(n):
        for _ in range(n):
            by_iteration.step_iteration()

    return {
        "step_trials(n)": per_second(whole.step_trials, seconds) * 128,
        "step_trial() per trial": per_second(one_call_per_trial, seconds) * 128,
        "step_iteration() per iteration": per_second(one_call_per_iteration, seconds),
    }


def online(seconds):
    rng = np.random.default_rng(7)
    images = np.where(rng.random((1000, 784)) < 0.5, 0.0, rng.random((1000, 784)))
    targets = np.eye(10)[np.arange(1000) % 10]
    net = prospect.Network([784, 32, 32, 10], activation="sigmoid", seed=1)
    sim = prospect.Simulation(net, "pc", alpha=0.1, T=64, gamma0=0.1, discount=0.5)
    sim.set_trials(images, targets)
    trainer = prospect.Trainer(net, "pc", alpha=0.1, T=64, gamma0=0.1, discount=0.5)

    def train(n):
        for k in range(0, n, 1000):
            rows = min(1000, n - k)
            trainer.train(images[:rows], targets[:rows])

    return {
        "Simulation.step_trials": 1.0 / per_second(sim.step_trials, seconds, time.process_time),
        "Trainer.train": 1.0 / per_second(train, seconds, time.process_time),
    }


def cli_figures(cli, seconds):
    text = subprocess.run([cli, "bench", "--seconds", str(seconds)], check=True,
                          capture_output=True, text=True).stdout
    bear_line = re.search(r"1-1-2 bear net\s+([\d.]+) ([kM]?)", text)
    pc_line = re.search(r"PC\s+[\d.]+ k samples/s\s+([\d.]+) us/sample", text)
    scale = {"": 1, "k": 1e3, "M": 1e6}
    return (float(bear_line.group(1)) * scale[bear_line.group(2)] if bear_line else None,
            float(pc_line.group(1)) * 1e-6 if pc_line else None)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=1.0, help="time per figure")
    parser.add_argument("--cli", help="the prospect program, for its own figures")
    args = parser.parse_args()
    cli_bear, cli_online = cli_figures(args.cli, args.seconds) if args.cli else (None, None)

    print("bear net 1-1-2, PC T = 128, one thread: PC iterations per second")
    for way, rate in bear(args.seconds).items():
        print(f"  Python, {way:32s} {rate / 1e6:8.2f} M/s  ({1e9 / rate:7.1f} ns/iteration)")
    if cli_bear:
        print(f"  CLI, prospect bench{'':20s} {cli_bear / 1e6:8.2f} M/s  "
              f"({1e9 / cli_bear:7.1f} ns/iteration)")
    print("online net 784-32-32-10, sigmoid, batch 1, PC T = 64 (random images): CPU time per "
          "trained sample")
    for way, cost in online(args.seconds).items():
        print(f"  Python, {way:26s} {cost * 1e6:8.1f} us/sample, "
              f"{AUTHORS_PC_SECONDS / cost:5.0f}x the authors' code "
              f"({AUTHORS_PC_SECONDS * 1e3:.0f} ms)")
    if cli_online:
        print(f"  CLI, prospect bench (BatchTrainer) {cli_online * 1e6:8.1f} us/sample, "
              f"{AUTHORS_PC_SECONDS / cli_online:5.0f}x the authors' code")


if __name__ == "__main__":
    main()
