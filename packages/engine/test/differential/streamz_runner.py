"""Runs pipeline cases on the real streamz, for the engine's differential tests.

Run with the system interpreter that has Debian's python3-streamz: ``/usr/bin/python3``.

Protocol (a persistent process, one request per line):
  stdin:  one line per batch, a JSON array of cases ``{"pipeline": {"nodes": [...]}, "inputs": [...]}``
          where an input is ``[node, value]`` (emit value at that node) or ``["connect", a, b]`` /
          ``["disconnect", a, b]`` (change the graph between two elements)
  stdout: one line per batch, a JSON array of results, in the same order.
The first line written is a handshake: ``{"ready": true, "streamz": "<version>"}``.

A result is ``{"log": [...]}`` where each event is ``[input_index, sink_node_index, value]`` for a sink
output or ``[input_index, "error", "ExceptionTypeName"]`` when ``emit`` raised; or ``{"build":
"ExceptionTypeName"}`` when building the graph raised. JSON arrays in inputs become tuples (the
engine's arrays are Python tuples); outputs are normalised: tuples and lists become arrays and
dicts become ``{"$dict": [[key, value], ...]}`` sorted by the key's JSON text. The same
normalisation is applied on the TypeScript side (harness.ts).

The user functions are a fixed library, referred to by name, implemented identically in library.ts.
"""

import json
import logging
import sys

try:
    import streamz
    from streamz import Stream
except ImportError as e:  # pragma: no cover - reported by the TS side
    sys.stdout.write(json.dumps({"ready": False, "error": repr(e)}) + "\n")
    sys.stdout.flush()
    sys.exit(3)

# map, starmap and accumulate log the exceptions they re-raise; the runner reports them itself.
logging.getLogger("streamz").setLevel(logging.CRITICAL + 1)


# ----------------------------------------------------------------------------------------------
# The function library. Keep in step with library.ts: same names, same results, same exceptions.
# ----------------------------------------------------------------------------------------------

def inc(x):
    return x + 1


def double(x):
    return x * 2


def neg(x):
    return -x


def mod3(x):
    return x % 3


def half(x):
    return x // 2


def is_even(x):
    return x % 2 == 0


def is_pos(x):
    return x > 0


def identity(x):
    return x


def pair(x):
    return (x, -x)


def tuple_sum(x):
    return sum(x)


def first(x):
    return x[0]


def last(x):
    return x[-1]


def length(x):
    return len(x)


def fail_neg(x):
    if x < 0:
        raise ValueError("negative: %r" % (x,))
    return x


def div100(x):
    return 100 // x


def add(a, b):
    return a + b


def sub(a, b):
    return a - b


def mul(a, b):
    return a * b


def max_(a, b):
    return b if b > a else a


def add3(a, b, c):
    return a + b + c


def add_returns_state(state, x):
    # New state state + x; emits the previous state.
    return (state + x, state)


def count_state(state, x):
    # Works from a None start: counts the elements.
    return (0 if state is None else state) + 1


def append(state, x):
    # A tuple state that grows; raises TypeError when the state is not a tuple.
    return state + (x,)


def add_fail_neg(state, x):
    if x < 0:
        raise ValueError("negative: %r" % (x,))
    return state + x


FUNCTIONS = {
    "inc": inc,
    "double": double,
    "neg": neg,
    "mod3": mod3,
    "half": half,
    "is_even": is_even,
    "is_pos": is_pos,
    "identity": identity,
    "pair": pair,
    "tuple_sum": tuple_sum,
    "first": first,
    "last": last,
    "length": length,
    "fail_neg": fail_neg,
    "div100": div100,
    "add": add,
    "sub": sub,
    "mul": mul,
    "max": max_,
    "add3": add3,
    "add_returns_state": add_returns_state,
    "count_state": count_state,
    "append": append,
    "add_fail_neg": add_fail_neg,
}


def fn(name):
    if name is None:
        return None
    return FUNCTIONS[name]


# ----------------------------------------------------------------------------------------------
# Values in and out
# ----------------------------------------------------------------------------------------------

def to_python(v):
    """JSON value -> the Python value the engine's JS value stands for (arrays are tuples)."""
    if isinstance(v, list):
        return tuple(to_python(x) for x in v)
    if isinstance(v, dict):
        return {k: to_python(x) for k, x in v.items()}
    return v


def canonical(v):
    return json.dumps(v, separators=(",", ":"), sort_keys=True, ensure_ascii=False)


def normalise(v):
    if isinstance(v, (tuple, list)) or type(v).__name__ == "deque":
        return [normalise(x) for x in v]
    if isinstance(v, dict):
        pairs = [[normalise(k), normalise(x)] for k, x in v.items()]
        pairs.sort(key=lambda p: canonical(p[0]))
        return {"$dict": pairs}
    if v is None or isinstance(v, (bool, int, str)):
        return v
    if isinstance(v, float):
        return v
    return {"$repr": repr(v)}


# ----------------------------------------------------------------------------------------------
# Building a pipeline
# ----------------------------------------------------------------------------------------------

def key_param(spec):
    """A key given as {"fn": name} (callable) or {"index": k} (x[k])."""
    if "fn" in spec:
        return fn(spec["fn"])
    return spec["index"]


def build(nodes, record):
    built = []
    sinks = []
    for idx, node in enumerate(nodes):
        op = node["op"]
        ins = [built[i] for i in node.get("in", [])]
        up = ins[0] if ins else None
        if op == "source":
            s = Stream()
        elif op == "map":
            s = up.map(fn(node["fn"]), *map_values(node.get("args", [])))
        elif op == "starmap":
            s = up.starmap(fn(node["fn"]), *map_values(node.get("args", [])))
        elif op == "filter":
            s = up.filter(fn(node["fn"]), *map_values(node.get("args", [])))
        elif op == "remove":
            s = up.remove(fn(node["fn"]))
        elif op in ("accumulate", "scan"):
            kw = {}
            if "start" in node:
                kw["start"] = to_python(node["start"])
            if "returnsState" in node:
                kw["returns_state"] = node["returnsState"]
            if "withState" in node:
                kw["with_state"] = node["withState"]
            s = getattr(up, op)(fn(node["fn"]), **kw)
        elif op == "frequencies":
            s = up.frequencies()
        elif op == "partition":
            kw = {}
            if "key" in node:
                kw["key"] = key_param(node["key"])
            s = up.partition(node["n"], **kw)
        elif op == "partitionUnique":
            kw = {}
            if "key" in node:
                kw["key"] = key_param(node["key"])
            if "keep" in node:
                kw["keep"] = node["keep"]
            s = up.partition_unique(node["n"], **kw)
        elif op == "slidingWindow":
            kw = {}
            if "returnPartial" in node:
                kw["return_partial"] = node["returnPartial"]
            s = up.sliding_window(node["n"], **kw)
        elif op == "slice":
            s = up.slice(node.get("start"), node.get("end"), node.get("step"))
        elif op == "pluck":
            pick = node["pick"]
            s = up.pluck(pick)  # a JSON array stays a list: pick several
        elif op in ("flatten", "concat"):
            s = getattr(up, op)()
        elif op == "unique":
            kw = {}
            if "maxsize" in node:
                kw["maxsize"] = node["maxsize"]
            if "key" in node:
                kw["key"] = key_param(node["key"])
            if "hashable" in node:
                kw["hashable"] = node["hashable"]
            s = up.unique(**kw)
        elif op == "union":
            s = up.union(*ins[1:])
        elif op == "zip":
            items = [built[it["ref"]] if "ref" in it else to_python(it["lit"]) for it in node["items"]]
            kw = {}
            if "maxsize" in node:
                kw["maxsize"] = node["maxsize"]
            s = items[0].zip(*items[1:], **kw)
        elif op == "combineLatest":
            kw = {}
            if "emitOn" in node:
                kw["emit_on"] = emit_on_param(node["emitOn"], built)
            s = up.combine_latest(*ins[1:], **kw)
        elif op == "zipLatest":
            s = up.zip_latest(*ins[1:])
        elif op == "collect":
            s = up.collect()
        elif op == "flush":
            s = up.sink(built[node["target"]].flush)
            sinks.append(s)
        elif op == "sink":
            s = up.sink(record(idx), *map_values(node.get("args", [])))
            sinks.append(s)
        else:
            raise RuntimeError("unknown op %r" % (op,))
        built.append(s)
    return built, sinks


def map_values(values):
    return [to_python(v) for v in values]


def emit_on_param(spec, built):
    """An int (input position), {"node": k} (a stream), or a JSON array of those."""
    def one(x):
        return built[x["node"]] if isinstance(x, dict) else x
    if isinstance(spec, list):
        return [one(x) for x in spec]
    return one(spec)


def run_case(case):
    log = []
    current = [0]

    def record(node_index):
        # A sink given extra arguments records (x, *args).
        def f(x, *args):
            log.append([current[0], node_index, normalise((x,) + args if args else x)])
        return f

    try:
        built, sinks = build(case["pipeline"]["nodes"], record)
    except Exception as e:  # construction errors are part of the behaviour
        return {"build": type(e).__name__}
    if any(s.loop is not None for s in built):
        # partition gives the graph an event loop in another thread, and emit() then waits for
        # back-pressure: a zip whose buffer passes maxsize would block this thread forever. The
        # engine never blocks (it returns a promise, which the harness does not compare), so
        # back-pressure is turned off here; zip's outputs do not depend on maxsize.
        for s in built:
            if isinstance(s, streamz.core.zip):
                s.maxsize = float("inf")
    try:
        for i, item in enumerate(case["inputs"]):
            current[0] = i
            try:
                if item[0] == "connect":
                    built[item[1]].connect(built[item[2]])
                elif item[0] == "disconnect":
                    built[item[1]].disconnect(built[item[2]])
                else:
                    built[item[0]].emit(to_python(item[1]))
            except Exception as e:
                log.append([i, "error", type(e).__name__])
    finally:
        for s in sinks:
            s.destroy()
    return {"log": log}


def main():
    sys.stdout.write(json.dumps({"ready": True, "streamz": streamz.__version__}) + "\n")
    sys.stdout.flush()
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        cases = json.loads(line)
        results = []
        for case in cases:
            try:
                results.append(run_case(case))
            except Exception as e:  # a bug in the runner, not a behaviour of streamz
                results.append({"runnerError": "%s: %s" % (type(e).__name__, e)})
        sys.stdout.write(json.dumps(results, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
