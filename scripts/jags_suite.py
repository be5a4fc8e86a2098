"""Reading the files of JAGS's classic BUGS test suite and the draws of a run.

JAGS scripts (testK.cmd), benchmark statistics (bench-testK.R, R dput text), JAGS's CODA
output and alea's Stan CSV; and the suite's pass rule (R/check.R). Standard library only:
jags_examples.py runs the tests.
"""

import math
import re
from dataclasses import dataclass, field

# The suite's rule (R/check.R): every benchmark node's posterior mean within this many
# benchmark standard deviations of the benchmark mean.
TOLERANCE = 0.15


@dataclass
class Script:
    """What a testK.cmd asks JAGS to do."""
    model: str = ""
    data: list = field(default_factory=list)
    inits: list = field(default_factory=list)  # one for all chains, or one per chain
    chains: int = 1
    burnin: int = 0  # `update` before the first `monitor`
    iterations: int = 0  # `update` after it
    monitors: list = field(default_factory=list)  # as written: "theta", "Y[1,1]", "deviance"
    thin: int = 1


def _unquote(word):
    return word[1:-1] if len(word) >= 2 and word[0] == word[-1] and word[0] in "\"'" else word


def parse_cmd(text):
    """A JAGS script: model, data, compile, inits (or parameters), initialize, update,
    monitor, coda. Commands alea has no counterpart for (load, coda, exit) are ignored."""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    script = Script()
    thins = set()
    for line in text.splitlines():
        words = line.strip().split(None, 1)
        if not words:
            continue
        command, rest = words[0].rstrip(","), (words[1] if len(words) > 1 else "")
        if command in ("model", "data", "inits", "parameters"):
            m = re.match(r"(?:in|clear)?\s*(.+)$", rest.strip())
            target = _unquote(m.group(1).strip()) if m else ""
            if rest.strip().startswith("clear"):
                continue
            if command == "model":
                script.model = target
            elif command == "data":
                script.data.append(target)
            else:
                script.inits.append(target)
        elif command == "compile":
            m = re.search(r"nchains\s*\(\s*(\d+)\s*\)", rest)
            script.chains = int(m.group(1)) if m else 1
        elif command == "update":
            m = re.match(r"\s*(\d+)", rest)
            n = int(m.group(1)) if m else 0
            if script.monitors:
                script.iterations += n
            else:
                script.burnin += n
        elif command == "monitor":
            m = re.match(r"(?:set\s+)?([A-Za-z.][\w.]*(?:\[[^\]]*\])?)\s*(.*)$", rest.strip())
            if not m:
                raise ValueError("cannot read 'monitor %s'" % rest.strip())
            script.monitors.append(m.group(1).replace(" ", ""))
            t = re.search(r"thin\s*\(\s*(\d+)\s*\)", m.group(2))
            thins.add(int(t.group(1)) if t else 1)
    if len(thins) > 1:
        raise ValueError("monitors with different thinning intervals %s (alea thins all alike)" % sorted(thins))
    script.thin = thins.pop() if thins else 1
    return script


# --- R dput text, enough of it for bench-testK.R: numbers, strings, NA, c(), list(),
# structure(), as.integer() and friends, ranges.

_TOKEN = re.compile(r"""\s*(?:(\#[^\n]*)|((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?L?)|("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|`[^`]*`)"""
                    r"""|([A-Za-z.][\w.]*)|(<-|[(),=:-]))""")


def _tokens(text):
    pos, out = 0, []
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            if text[pos:].strip() == "":
                break
            raise ValueError("cannot read R text at %r" % text[pos:pos + 20])
        pos = m.end()
        comment, number, string, name, punct = m.groups()
        if number:
            out.append(("num", float(number.rstrip("L"))))
        elif string:
            out.append(("str", string[1:-1]))
        elif name:
            out.append(("name", name))
        elif punct:
            out.append(("p", punct))
    out.append(("end", None))
    return out


class _RReader:
    def __init__(self, text):
        self.toks = _tokens(text)
        self.i = 0

    def peek(self, k=0):
        return self.toks[min(self.i + k, len(self.toks) - 1)]

    def take(self, kind=None, value=None):
        tok = self.peek()
        if (kind and tok[0] != kind) or (value is not None and tok[1] != value):
            raise ValueError("R text: expected %s, found %r" % (value or kind, tok[1]))
        self.i += 1
        return tok

    def assignments(self):
        out = {}
        while self.peek()[0] != "end":
            name = self.take()[1]
            self.take("p")  # <- or =
            out[name] = self.value()
        return out

    def value(self):
        kind, v = self.take()
        if kind == "p" and v == "-":
            return _negate(self.value())
        if kind == "num":
            x = v
        elif kind == "str":
            return v
        elif kind == "name" and self.peek() == ("p", "("):
            return self.call(v)
        elif kind == "name" and v in _CONSTANTS:
            x = _CONSTANTS[v]
        else:
            raise ValueError("R text: unexpected %r" % v)
        if self.peek() == ("p", ":"):
            self.take()
            end = self.value()
            step = 1 if end >= x else -1
            return [x + step * k for k in range(int(abs(end - x)) + 1)]
        return x

    def call(self, fn):
        self.take("p", "(")
        args, named = [], {}
        while self.peek() != ("p", ")"):
            if self.peek()[0] in ("name", "str") and self.peek(1) == ("p", "="):
                key = self.take()[1]
                self.take("p", "=")
                named[key] = self.value()
            else:
                args.append(self.value())
            if self.peek() == ("p", ","):
                self.take()
        self.take("p", ")")
        if fn == "c":
            return _flatten(args + list(named.values()))
        if fn == "list":
            return args + list(named.values())
        if fn == "structure":
            data = named.pop(".Data", args[0] if args else None)
            return {"data": data, **named}
        if fn in ("as.integer", "as.double", "as.numeric", "as.vector"):
            return args[0]
        raise ValueError("R text: unknown function %s()" % fn)


_CONSTANTS = {"NA": math.nan, "NA_real_": math.nan, "NA_integer_": math.nan, "NaN": math.nan,
              "Inf": math.inf, "TRUE": 1.0, "FALSE": 0.0, "NULL": None}


def _negate(v):
    return [-x for x in v] if isinstance(v, list) else -v


def _flatten(values):
    out = []
    for v in values:
        if isinstance(v, dict):
            v = v["data"]
        out.extend(_flatten(v) if isinstance(v, list) else [v])
    return out


def parse_bench(text):
    """bench-testK.R: [(node, mean, sd)] from the matrix (or named vector) `benchstats`.
    A named vector has one node, named None: the test's only monitor."""
    values = _RReader(text).assignments()
    if "benchstats" not in values:
        raise ValueError("no 'benchstats' in the benchmark file")
    b = values["benchstats"]
    if not isinstance(b, dict):
        raise ValueError("'benchstats' is not a structure()")
    data = _flatten([b["data"]])
    dims = b.get(".Dim", b.get("dim"))
    if dims is None or len(_flatten([dims])) == 1:
        names = b.get(".Names", b.get("names")) or ["Mean", "SD"]
        return [(None, data[names.index("Mean")], data[names.index("SD")])]
    nrow, _ = (int(d) for d in _flatten([dims]))
    dimnames = b.get(".Dimnames", b.get("dimnames")) or [None, None]
    rows, cols = dimnames[0], dimnames[1] or ["Mean", "SD"]
    if rows is None:
        raise ValueError("'benchstats' has no row names")
    mean_col, sd_col = cols.index("Mean"), cols.index("SD")
    return [(rows[r], data[r + nrow * mean_col], data[r + nrow * sd_col]) for r in range(nrow)]


def check(bench, means):
    """The suite's rule. bench: [(node, mean, sd)]; means: node -> posterior mean (all
    chains pooled). Returns (passed, worst |z|, its node); raises KeyError for a node
    without draws."""
    zs = []
    for node, mean, sd in bench:
        diff = mean - means[node]
        z = 0.0 if diff == 0 else abs(diff / sd)
        zs.append((math.inf if math.isnan(z) else z, node))
    worst, node = max(zs, key=lambda pair: pair[0])
    return worst <= TOLERANCE, worst, node


# --- draws

def cmdstan_name(node):
    """theta[3] -> theta.3, p[1, 2] -> p.1.2 (alea's Stan CSV columns)."""
    m = re.match(r"^(.*?)\[(.*)\]$", node)
    if not m:
        return node
    return m.group(1) + "." + ".".join(i.strip() for i in m.group(2).split(","))


def stan_csv_means(paths, nodes):
    """Means of the named nodes over the draws of all files (Stan CSV, # comments)."""
    sums, count = {n: 0.0 for n in nodes}, 0
    for path in paths:
        with open(path) as f:
            header = None
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                fields = line.rstrip("\n").split(",")
                if header is None:
                    header = {name: k for k, name in enumerate(fields)}
                    missing = [n for n in nodes if cmdstan_name(n) not in header]
                    if missing:
                        raise KeyError(missing[0])
                    cols = {n: header[cmdstan_name(n)] for n in nodes}
                    continue
                for n, k in cols.items():
                    sums[n] += float(fields[k])
                count += 1
    if count == 0:
        raise ValueError("no draws in the output")
    return {n: s / count for n, s in sums.items()}


def coda_means(index_path, chain_paths, nodes):
    """Means of the named nodes over all chains of JAGS's CODA output."""
    ranges = {}
    with open(index_path) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                ranges[parts[0]] = (int(parts[1]), int(parts[2]))
    missing = [n for n in nodes if n.replace(" ", "") not in ranges]
    if missing:
        raise KeyError(missing[0])
    sums, counts = {n: 0.0 for n in nodes}, {n: 0 for n in nodes}
    for path in chain_paths:
        with open(path) as f:
            values = [float(line.split()[1]) for line in f if line.strip()]
        for n in nodes:
            lo, hi = ranges[n.replace(" ", "")]
            chunk = values[lo - 1:hi]
            sums[n] += sum(chunk)
            counts[n] += len(chunk)
    return {n: sums[n] / counts[n] if counts[n] else math.nan for n in nodes}
