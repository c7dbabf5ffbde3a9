#!/usr/bin/env python3
"""Writes the state_dict fixtures of src/test/resources/fixtures/interop (ImportTest reads them).

Run with Debian's PyTorch (python3-torch 1.13), from the repository root:
    /usr/bin/python3 src/test/python/make_state_dict_fixtures.py
The model is tiny.json's (stageChannels [4, 8], latent 4, 32x32), written as a course participant
would: nn.Sequential encoder and decoder. Its eval-mode output on a fixed input goes to
tiny-expected.json, so the Java test checks that the imported weights compute what PyTorch computed.
"""
import io
import json
import math
import os
import struct
import zipfile
from collections import OrderedDict

import torch
import torch.nn as nn

OUT = os.path.join("src", "test", "resources", "fixtures", "interop")


class SequentialAE(nn.Module):
    """The course's baseline pattern at tiny width: conv k4 s2 p1 + BN + LeakyReLU(0.2), mirrored."""

    def __init__(self, widths=(4, 8), latent=4):
        super().__init__()
        enc, cin = [], 1
        for w in widths:
            enc += [nn.Conv2d(cin, w, 4, 2, 1), nn.BatchNorm2d(w), nn.LeakyReLU(0.2)]
            cin = w
        enc.append(nn.Conv2d(cin, latent, 4, 2, 1))
        dec, cin = [], latent
        for w in reversed(widths):
            dec += [nn.ConvTranspose2d(cin, w, 4, 2, 1), nn.BatchNorm2d(w), nn.LeakyReLU(0.2)]
            cin = w
        dec += [nn.ConvTranspose2d(cin, 1, 4, 2, 1), nn.Sigmoid()]
        self.encoder = nn.Sequential(*enc)
        self.decoder = nn.Sequential(*dec)

    def forward(self, x):
        return self.decoder(self.encoder(x))


class Stage(nn.Module):
    """One stage under hourglass's own names: conv, bn, act."""

    def __init__(self, conv, bn=None, act=None):
        super().__init__()
        self.conv = conv
        if bn is not None:
            self.bn = bn
        if act is not None:
            self.act = act


def hourglass_named(seq):
    """The same weights as SequentialAE under hourglass names (encoder.stages.0.conv.weight ...)."""
    holder = nn.Module()
    for part in ("encoder", "decoder"):
        mods = list(getattr(seq, part))
        stages, i = [], 0
        while i < len(mods):
            conv = mods[i]
            bn = mods[i + 1] if i + 1 < len(mods) and isinstance(mods[i + 1], nn.BatchNorm2d) else None
            stages.append(Stage(conv, bn))
            i += 3 if bn is not None else 1
            if i < len(mods) and isinstance(mods[i], nn.Sigmoid):
                i += 1
        sub = nn.Module()
        sub.stages = nn.ModuleList(stages)
        setattr(holder, part, sub)
    return holder


def made_model(seed, widths=(4, 8)):
    torch.manual_seed(seed)
    m = SequentialAE(widths)
    with torch.no_grad():  # running statistics that are not the defaults, so a lost buffer shows
        for mod in m.modules():
            if isinstance(mod, nn.BatchNorm2d):
                mod.running_mean.uniform_(-0.2, 0.2)
                mod.running_var.uniform_(0.5, 1.5)
                mod.num_batches_tracked.fill_(7)
    return m.eval()


def probe_input():
    """The fixed 1x1x32x32 input the Java test rebuilds: 0.5 + 0.4 sin(0.3 x) cos(0.2 y)."""
    return torch.tensor([[0.5 + 0.4 * math.sin(0.3 * x) * math.cos(0.2 * y) for x in range(32)] for y in range(32)],
                        dtype=torch.float32)[None, None]


def save_safetensors(path, tensors):
    header, offset, blobs = {}, 0, []
    for name, t in tensors.items():
        t = t.contiguous()
        raw = t.numpy().tobytes() if t.dtype != torch.int64 else struct.pack("<%dq" % t.numel(), *t.flatten().tolist())
        dtype = {torch.float32: "F32", torch.int64: "I64"}[t.dtype]
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        offset += len(raw)
        blobs.append(raw)
    h = json.dumps(header).encode()
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def forbidden_pickle_zip(path):
    """A torch.save-shaped zip whose data.pkl calls os.system: Python would run the command."""
    evil = b"cos\nsystem\n(S'echo pwned'\ntR."
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("archive/data.pkl", evil)
        z.writestr("archive/version", "3\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    model = made_model(1)
    sd = model.state_dict()                                       # an OrderedDict, as users save it
    torch.save(sd, os.path.join(OUT, "tiny-sequential.pt"))
    with torch.no_grad():
        y = model(probe_input())
    named = hourglass_named(model).state_dict()
    save_safetensors(os.path.join(OUT, "tiny-hourglass.safetensors"), named)
    expected = {"output": [round(float(v), 8) for v in y.flatten()], "torch": torch.__version__,
                "tensors": len(sd), "parameters": sum(p.numel() for p in model.parameters())}
    with open(os.path.join(OUT, "tiny-expected.json"), "w") as f:
        json.dump(expected, f)

    with open(os.path.join(OUT, "tiny-sequential.pt"), "rb") as f:
        whole = f.read()
    with open(os.path.join(OUT, "truncated.pt"), "wb") as f:
        f.write(whole[: len(whole) * 6 // 10])
    forbidden_pickle_zip(os.path.join(OUT, "forbidden-class.pt"))

    nan = OrderedDict((k, v.clone()) for k, v in sd.items())
    nan["encoder.0.weight"][0, 0, 0, 0] = float("nan")
    torch.save(nan, os.path.join(OUT, "nan-weights.pt"))

    renamed = OrderedDict(("enc." + k[len("encoder."):] if k.startswith("encoder.0.") else k, v) for k, v in sd.items())
    torch.save(renamed, os.path.join(OUT, "wrong-names.pt"))

    torch.save(made_model(2, widths=(4, 6)).state_dict(), os.path.join(OUT, "wrong-shapes.pt"))
    torch.save(sd, os.path.join(OUT, "legacy.pt"), _use_new_zipfile_serialization=False)
    torch.jit.script(model).save(os.path.join(OUT, "torchscript.pt"))
    print("wrote", sorted(os.listdir(OUT)))


if __name__ == "__main__":
    main()
