"""Issue 14: the PyTorch-from-Python counterpart of bench/TrainingOps.java. Each layer of the course
baseline (torch_ref.py's shapes) runs alone on an input of its own shape (requiring a gradient,
except the image), then backward with an all-ones output gradient; medians over the repeats.
Prints one line per layer and a JSON line.
  python3 bench/torch_training_ops.py [batch] [repeats] [threads] [nchw|channels-last]
Run it with the same environment as the Java side: bench/training-ops.sh.
"""
import json, statistics, sys, time, torch
from torch import nn

def layers(b):
    ops, side = [], 256
    enc = [1, 64, 128, 256, 64]
    for i in range(4):
        ops.append((f"enc{i}.conv", (b, enc[i], side, side), nn.Conv2d(enc[i], enc[i + 1], 4, 2, 1), i > 0))
        side //= 2
        if i < 3:
            ops += bn_act(f"enc{i}", (b, enc[i + 1], side, side))
    dec = [64, 256, 128, 64, 1]
    for i in range(4):
        ops.append((f"dec{i}.deconv", (b, dec[i], side, side), nn.ConvTranspose2d(dec[i], dec[i + 1], 4, 2, 1), True))
        side *= 2
        if i < 3:
            ops += bn_act(f"dec{i}", (b, dec[i + 1], side, side))
    ops.append(("dec3.sigmoid", (b, 1, side, side), nn.Sigmoid(), True))
    return ops

def bn_act(stage, shape):
    return [(stage + ".bn", shape, nn.BatchNorm2d(shape[1]), True), (stage + ".leaky", shape, nn.LeakyReLU(0.2), True)]

def main():
    b = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    torch.set_num_threads(int(sys.argv[3]) if len(sys.argv) > 3 else 2)
    cl = len(sys.argv) > 4 and sys.argv[4] == "channels-last"
    torch.manual_seed(0)
    fmt = torch.channels_last if cl else torch.contiguous_format
    rows, fw_total, bw_total = [], 0.0, 0.0
    for name, shape, m, needs_grad in layers(b):
        m.train()
        if cl:
            m.to(memory_format=torch.channels_last)
        x0 = torch.rand(shape).contiguous(memory_format=fmt)
        if cl and shape[1] == 1:  # contiguous() keeps a one-channel tensor's NCHW strides: give it channels-last ones
            x0 = x0.as_strided(shape, (shape[2] * shape[3], 1, shape[3], 1))
        fw, bw = [], []
        for r in range(repeats + 2):  # two warm-ups
            x = x0.detach().requires_grad_(needs_grad)
            t0 = time.perf_counter()
            y = m(x)
            t1 = time.perf_counter()
            g = torch.ones_like(y)
            t2 = time.perf_counter()
            y.backward(g)
            t3 = time.perf_counter()
            if r >= 2:
                fw.append(t1 - t0)
                bw.append(t3 - t2)
            del x, y, g  # freed before the next round, as the Java side's scope frees its tensors
        f, w = statistics.median(fw), statistics.median(bw)
        fw_total += f
        bw_total += w
        print(f"{name:<14} {str(list(shape)):<22} forward {f * 1e3:8.2f} ms  backward {w * 1e3:8.2f} ms")
        rows.append([name, f, w])
    print(f"total forward {fw_total * 1e3:.1f} ms, backward {bw_total * 1e3:.1f} ms")
    print(json.dumps({"impl": "pytorch-python " + torch.__version__, "layout": "channels-last" if cl else "nchw",
                      "batch": b, "ops": rows}))

if __name__ == "__main__":
    main()
