"""Runs JAGS's classic BUGS examples through alea and JAGS and prints the suite's verdicts.

Called by scripts/jags-examples.sh (docs/jags-examples.md is the manual). For every
testK.cmd under DIR/EXAMPLE: alea sample with the script's model, data, inits, monitors,
chains, burn-in (--warmup), iterations (--draws) and thinning; JAGS on the script itself in
a copy of the folder; the rule of R/check.R applied to both; a table of results and wall
times. Standard library only.
"""

import argparse
import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import jags_suite

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(argv, cwd, timeout, log_path):
    """Runs argv in cwd; returns (exit status or None on timeout, wall seconds, first
    line of its error output, or of its standard output when that is empty)."""
    start = time.monotonic()
    with open(log_path + ".out", "w") as out, open(log_path + ".err", "w") as err:
        try:
            proc = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                    start_new_session=True)
        except OSError as e:
            return 127, time.monotonic() - start, str(e)
        try:
            status = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # its whole process group: nothing left running
            proc.wait()
            status = None
    seconds = time.monotonic() - start
    return status, seconds, first_message(log_path + ".err") or first_message(log_path + ".out")


def first_message(path):
    """The first non-empty line, joined with the next one when it only says that an error
    follows (JAGS's "RUNTIME ERROR:")."""
    with open(path, errors="replace") as f:
        lines = [line.strip() for line in f if line.strip()]
    if not lines:
        return ""
    if lines[0].endswith(":") and len(lines) > 1:
        return lines[0] + " " + lines[1]
    return lines[0]


def verdict(bench, script, means_of):
    """'pass (worst z 0.03)', 'fail (z 0.41 at theta[3])' or 'error: ...', where z is
    |benchmark mean - posterior mean| / benchmark SD."""
    nodes = [node if node is not None else script.monitors[0] for node, _, _ in bench]
    bench = [(n, mean, sd) for n, (_, mean, sd) in zip(nodes, bench)]
    try:
        means = means_of(nodes)
    except KeyError as e:
        return "error: no draws of %s in the output" % e.args[0]
    except (OSError, ValueError) as e:
        return "error: cannot read the output: %s" % e
    passed, worst, node = jags_suite.check(bench, means)
    if passed:
        return "pass (worst z %.2f)" % worst
    return "fail (z %.2f at %s)" % (worst, node)


def run_alea(alea, folder, script, bench, work, timeout, seed):
    out = os.path.join(work, "alea.csv")
    monitors = []
    for m in script.monitors:  # alea monitors whole variables: Y[1,1] is column Y.1.1 of Y
        name = m.split("[")[0]
        if name not in monitors:
            monitors.append(name)
    argv = [alea, "sample", script.model]
    for d in script.data:
        argv += ["--data", d]
    for i in script.inits:
        argv += ["--inits", i]
    argv += ["--monitor", ",".join(monitors), "--chains", str(script.chains), "--warmup", str(script.burnin),
             "--draws", str(script.iterations)]
    if script.thin > 1:
        argv += ["--thin", str(script.thin)]
    argv += ["--output", out, "--seed", str(seed)]
    status, seconds, message = run(argv, folder, timeout, os.path.join(work, "alea"))
    if status is None:
        return "timeout (%d s)" % timeout, seconds
    if status != 0:
        return "error: " + (message or "exit status %d" % status), seconds
    files = [out] if script.chains == 1 else [os.path.join(work, "alea_%d.csv" % c)
                                              for c in range(1, script.chains + 1)]
    return verdict(bench, script, lambda nodes: jags_suite.stan_csv_means(files, nodes)), seconds


def run_jags(jags, folder, cmd, script, bench, work, timeout):
    copy = os.path.join(work, "jags")
    shutil.copytree(folder, copy)  # JAGS writes CODAindex.txt and CODAchain*.txt beside the script
    status, seconds, message = run([jags, cmd], copy, timeout, os.path.join(work, "jags"))
    if status is None:
        return "timeout (%d s)" % timeout, seconds
    if status != 0:
        return "error: " + (message or "exit status %d" % status), seconds
    chains = sorted(glob.glob(os.path.join(copy, "CODAchain*.txt")))
    index = os.path.join(copy, "CODAindex.txt")
    return verdict(bench, script, lambda nodes: jags_suite.coda_means(index, chains, nodes)), seconds


def find_tests(root, selected):
    """[(example folder, cmd file name)] for every test*.cmd (not notest*), in order;
    `selected` holds example names ("pump") or tests ("seeds/test2")."""
    tests = []
    for folder in sorted(d for d in glob.glob(os.path.join(root, "*")) if os.path.isdir(d)):
        cmds = [os.path.basename(p) for p in glob.glob(os.path.join(folder, "test*.cmd"))]
        for cmd in sorted(cmds, key=lambda c: int(re.sub(r"\D", "", c) or 0)):
            name = os.path.basename(folder) + "/" + cmd[:-len(".cmd")]
            if not selected or os.path.basename(folder) in selected or name in selected:
                tests.append((folder, cmd))
    return tests


def clip(text, width=110):
    return text if len(text) <= width else text[:width - 3] + "..."


def main():
    parser = argparse.ArgumentParser(
        prog="jags-examples.sh",
        description="Runs each test*.cmd of the example folders in DIR through alea and JAGS and applies the "
                    "suite's pass rule (|benchmark mean - posterior mean| <= 0.15 benchmark SD).",
        epilog="Environment: ALEA (default build/alea), JAGS (default jags), JAGS_EXAMPLES_TIMEOUT "
               "(seconds per run, default 900).")
    parser.add_argument("dir", help="suite folder, e.g. ../shared/classic-bugs/vol1")
    parser.add_argument("examples", nargs="*", help="examples (pump) or tests (seeds/test2) to run; default all")
    parser.add_argument("--no-jags", action="store_true", help="run alea only")
    parser.add_argument("--seed", type=int, default=1, help="alea's --seed (default 1)")
    parser.add_argument("--keep", action="store_true", help="keep the outputs and logs (their folder is printed)")
    args = parser.parse_args()

    alea = os.path.abspath(os.environ.get("ALEA", os.path.join(REPO, "build", "alea")))
    jags = os.environ.get("JAGS", "jags")
    timeout = int(os.environ.get("JAGS_EXAMPLES_TIMEOUT", "900"))
    root = os.path.abspath(args.dir)
    tests = find_tests(root, set(args.examples))
    if not tests:
        sys.exit("jags-examples: no test*.cmd found under %s%s" % (
            root, " for " + " ".join(args.examples) if args.examples else ""))
    if not os.access(alea, os.X_OK):
        sys.exit("jags-examples: no alea at %s (build it, or set ALEA)" % alea)
    use_jags = not args.no_jags and shutil.which(jags) is not None
    if not args.no_jags and not use_jags:
        print("jags-examples: %s not found; JAGS's column is skipped" % jags, file=sys.stderr)

    work_root = tempfile.mkdtemp(prefix="jags-examples-")
    rows = []
    for folder, cmd in tests:
        name = os.path.basename(folder) + "/" + cmd[:-len(".cmd")]
        work = os.path.join(work_root, name.replace("/", "-"))
        os.makedirs(work)
        bench_path = os.path.join(folder, "bench-" + cmd[:-len(".cmd")] + ".R")
        try:
            with open(os.path.join(folder, cmd)) as f:
                script = jags_suite.parse_cmd(f.read())
            with open(bench_path) as f:
                bench = jags_suite.parse_bench(f.read())
        except (OSError, ValueError) as e:
            rows.append((name, "suite: " + str(e), "", "", ""))
            continue
        alea_result, alea_s = run_alea(alea, folder, script, bench, work, timeout, args.seed)
        print("%s: alea %s (%.1f s)" % (name, alea_result, alea_s), file=sys.stderr, flush=True)
        jags_result, jags_s = "skipped", None
        if use_jags:
            jags_result, jags_s = run_jags(jags, folder, cmd, script, bench, work, timeout)
            print("%s: JAGS %s (%.1f s)" % (name, jags_result, jags_s), file=sys.stderr, flush=True)
        rows.append((name, clip(alea_result), "%.1f" % alea_s, clip(jags_result),
                     "" if jags_s is None else "%.1f" % jags_s))

    print("| test | alea | alea s | JAGS | JAGS s |")
    print("|---|---|---:|---|---:|")
    for row in rows:
        print("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")

    def count(column):
        results = [row[column] for row in rows]
        return ", ".join("%d %s" % (sum(r.startswith(k) for r in results), k)
                         for k in ("pass", "fail", "error", "timeout"))
    print("\nalea: %s of %d tests" % (count(1), len(rows)))
    if use_jags:
        print("JAGS: %s of %d tests" % (count(3), len(rows)))
        both = sum(r[1].startswith("pass") for r in rows if r[3].startswith("pass"))
        print("alea passes %d of the %d tests JAGS passes" % (both, sum(r[3].startswith("pass") for r in rows)))
    if args.keep:
        print("outputs and logs: " + work_root)
    else:
        shutil.rmtree(work_root, ignore_errors=True)


if __name__ == "__main__":
    main()
