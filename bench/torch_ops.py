"""Per-module forward times of PyTorch-from-Python on torch_ref.py's baseline autoencoder: the
counterpart of `./hourglass bench --profile`. Runs the model's leaf modules one by one (the same
sequence as its forward), timing each; eval mode without autograd, and training mode with it.
Prints one JSON line: {"impl", "batch", "threads", "eval": [[name, kind, median s], ...],
"train-forward": [...], "eval_total_s", "train_forward_total_s"}.
  python3 bench/torch_ops.py BATCH REPEATS THREADS [path/to/torch_ref.py]
"""
import importlib.util, json, statistics, sys, time, torch

def load_ref(path):
    spec = importlib.util.spec_from_file_location("torch_ref", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod

def profile(leaves, x, repeats, warmup):
    times = [[] for _ in leaves]
    totals = []
    for r in range(warmup + repeats):
        h = x
        t0 = time.perf_counter()
        prev = t0
        for i, (_, m) in enumerate(leaves):
            h = m(h)
            now = time.perf_counter()
            if r >= warmup:
                times[i].append(now - prev)
            prev = now
        h.sum().item()
        if r >= warmup:
            totals.append(prev - t0)
    return [[n, type(m).__name__, statistics.median(t)] for (n, m), t in zip(leaves, times)], statistics.median(totals)

def main():
    batch, repeats, threads = (int(a) for a in sys.argv[1:4])
    ref = load_ref(sys.argv[4] if len(sys.argv) > 4 else "../shared/bench/torch_ref.py")
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    m = ref.model()
    leaves = [(n, l) for n, l in m.named_modules() if len(list(l.children())) == 0]
    x = torch.rand(batch, 1, 256, 256)
    m.eval()
    with torch.no_grad():
        ev, ev_total = profile(leaves, x, repeats, 1)
    m.train()
    tr, tr_total = profile(leaves, x, repeats, 1)
    print(json.dumps({"impl": "pytorch-python " + torch.__version__, "batch": batch, "threads": threads,
                      "eval": ev, "train-forward": tr, "eval_total_s": ev_total, "train_forward_total_s": tr_total}))

if __name__ == "__main__":
    main()
