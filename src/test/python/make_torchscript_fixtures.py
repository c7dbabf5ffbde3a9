#!/usr/bin/python3
"""Writes the TorchScript fixtures of hourglass's --torchscript tests, and PyTorch's own figures for each.

Run with Debian's PyTorch (python3-torch, 1.13):  /usr/bin/python3 src/test/python/make_torchscript_fixtures.py [NAME...]
With NAMEs, writes only those of the self-seeded fixtures (SELF_SEEDED below), leaving the other files untouched;
the others draw their weights from one random stream in order, so they are written only all together.
Output: src/test/resources/fixtures/torchscript/NAME.pt and NAME.json. The tests read only these files
(no Python at test time). Each model is written as a course participant would write it.
The JSON holds what PyTorch says of the model: parameter and buffer counts, every module with its type
and attributes, and the output shape on the probe input named in "probe" (small, so that the tests are quick).
"""
import json
import math
import os
import sys
from typing import List, Tuple

import torch
import torch.nn as nn
from torch import Tensor

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures", "torchscript")


def down(cin, cout):  # one encoder stage of the course's baseline: k4 s2 p1, BN, LeakyReLU(0.2)
    return [nn.Conv2d(cin, cout, 4, 2, 1), nn.BatchNorm2d(cout), nn.LeakyReLU(0.2)]


def up(cin, cout):
    return [nn.ConvTranspose2d(cin, cout, 4, 2, 1), nn.BatchNorm2d(cout), nn.LeakyReLU(0.2)]


class SequentialAE(nn.Module):
    """(a) and the full baseline: nn.Sequential encoder and decoder, forward = decoder(encoder(x))."""

    def __init__(self, c=(64, 128, 256), latent=64):
        super().__init__()
        self.encoder = nn.Sequential(*down(1, c[0]), *down(c[0], c[1]), *down(c[1], c[2]), nn.Conv2d(c[2], latent, 4, 2, 1))
        self.decoder = nn.Sequential(*up(latent, c[2]), *up(c[2], c[1]), *up(c[1], c[0]),
                                     nn.ConvTranspose2d(c[0], 1, 4, 2, 1), nn.Sigmoid())

    def forward(self, x):
        return self.decoder(self.encoder(x))


class EncoderWithSkips(nn.Module):
    """The notebook's EncoderWithSkips: returns the latent and the skips, highest resolution first."""

    def __init__(self, c, latent):
        super().__init__()
        self.stages = nn.ModuleList([nn.Sequential(*down(1, c[0])), nn.Sequential(*down(c[0], c[1])),
                                     nn.Sequential(*down(c[1], c[2]))])
        self.to_latent = nn.Conv2d(c[2], latent, 4, 2, 1)

    def forward(self, x) -> Tuple[Tensor, List[Tensor]]:
        skips: List[Tensor] = []
        for stage in self.stages:
            x = stage(x)
            skips.append(x)
        return self.to_latent(x), skips


class DecoderWithSkips(nn.Module):
    def __init__(self, c, latent):
        super().__init__()
        self.up0 = nn.Sequential(*up(latent, c[2]))
        self.up1 = nn.Sequential(*up(2 * c[2], c[1]))
        self.up2 = nn.Sequential(*up(2 * c[1], c[0]))
        self.out = nn.Sequential(nn.ConvTranspose2d(2 * c[0], 1, 4, 2, 1), nn.Sigmoid())

    def forward(self, z, skips: List[Tensor]):
        x = self.up0(z)
        x = self.up1(torch.cat([x, skips[2]], dim=1))
        x = self.up2(torch.cat([x, skips[1]], dim=1))
        return self.out(torch.cat([x, skips[0]], dim=1))


class SkipAE(nn.Module):
    """(b) a custom forward with skip concatenations (the skips preset's wiring, narrow channels)."""

    def __init__(self, c=(8, 16, 32), latent=8):
        super().__init__()
        self.encoder = EncoderWithSkips(c, latent)
        self.decoder = DecoderWithSkips(c, latent)

    def forward(self, x):
        z, skips = self.encoder(x)
        return self.decoder(z, skips)


class ResidualBlock(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.conv1 = nn.Conv2d(ch, ch, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(ch)
        self.act = nn.ReLU()
        self.conv2 = nn.Conv2d(ch, ch, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(ch)

    def forward(self, x):
        return self.act(x + self.bn2(self.conv2(self.act(self.bn1(self.conv1(x))))))


class ResidualAE(nn.Module):
    """(c) residual blocks inside Sequential encoder and decoder."""

    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(*down(1, 8), ResidualBlock(8), *down(8, 16), ResidualBlock(16), nn.Conv2d(16, 8, 4, 2, 1))
        self.decoder = nn.Sequential(*up(8, 16), ResidualBlock(16), *up(16, 8), nn.ConvTranspose2d(8, 1, 4, 2, 1), nn.Sigmoid())

    def forward(self, x):
        return self.decoder(self.encoder(x))


class ExoticAE(nn.Module):
    """(d) layers our spec cannot express: 5x5 convolutions with groups and dilation, PixelShuffle, Tanh."""

    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(nn.Conv2d(1, 8, 5, 2, 2), nn.ReLU(),
                                     nn.Conv2d(8, 16, 5, 2, 4, dilation=2, groups=4), nn.ReLU(),
                                     nn.Conv2d(16, 4, 1))
        self.decoder = nn.Sequential(nn.Conv2d(4, 32, 3, 1, 1), nn.ReLU(), nn.PixelShuffle(2),
                                     nn.Conv2d(8, 4, 3, 1, 1, bias=False), nn.PixelShuffle(2), nn.Tanh())

    def forward(self, x):
        return self.decoder(self.encoder(x))


class UpsamplingDecoder(nn.Module):
    """A custom forward that calls a function hourglass does not follow (F.interpolate)."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(8, 8, 3, 1, 1)
        self.conv2 = nn.Conv2d(8, 1, 3, 1, 1)

    def forward(self, z):
        x = torch.relu(self.conv1(z))
        x = nn.functional.interpolate(x, scale_factor=4.0, mode="nearest")
        return torch.sigmoid(self.conv2(x))


class InterpolatingAE(nn.Module):
    """A Sequential encoder and a decoder whose forward the walker cannot follow: it runs whole."""

    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(*down(1, 8), nn.Conv2d(8, 8, 4, 2, 1))
        self.decoder = UpsamplingDecoder()

    def forward(self, x):
        return self.decoder(self.encoder(x))


class NoForward(nn.Module):
    """Bad input: scripted with an exported method but no forward."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 1, 3)

    @torch.jit.export
    def encode(self, x):
        return self.conv(x)


class RgbAE(SequentialAE):
    """Bad input: expects 3 channels, so the grayscale probe fails."""

    def __init__(self):
        super().__init__((4, 4, 4), 4)
        self.encoder[0] = nn.Conv2d(3, 4, 4, 2, 1)


class TinyVAE(nn.Module):
    """Bad input for the inspector: a VAE whose forward returns (reconstruction, mu, logvar)."""

    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(*down(1, 4), *down(4, 8))
        self.mu = nn.Conv2d(8, 4, 1)
        self.logvar = nn.Conv2d(8, 4, 1)
        self.decoder = nn.Sequential(*up(4, 4), nn.ConvTranspose2d(4, 1, 4, 2, 1), nn.Sigmoid())

    def forward(self, x) -> Tuple[Tensor, Tensor, Tensor]:
        h = self.encoder(x)
        mu = self.mu(h)
        logvar = self.logvar(h)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        return self.decoder(z), mu, logvar


ATTRS = ["in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation", "groups", "output_padding",
         "eps", "momentum", "negative_slope", "upscale_factor", "num_features"]


def figures(model, probe):
    mods = []
    for name, m in model.named_modules():
        entry = {"path": name, "type": type(m).__name__}
        for a in ATTRS:
            if hasattr(m, a):
                v = getattr(m, a)
                entry[a] = list(v) if isinstance(v, tuple) else v
        if hasattr(m, "bias") and isinstance(getattr(m, "bias", None), (Tensor, type(None))) and "Conv" in type(m).__name__:
            entry["bias"] = m.bias is not None
        entry["parameters"] = sum(p.numel() for p in m.parameters(recurse=False))
        mods.append(entry)
    model.eval()
    with torch.no_grad():
        y = model(torch.rand(*probe))
    return {
        "torch": torch.__version__,
        "probe": list(probe),
        "parameters": sum(p.numel() for p in model.parameters()),
        "trainable": sum(p.numel() for p in model.parameters() if p.requires_grad),
        "parameterTensors": len(list(model.parameters())),
        "bufferTensors": len(list(model.buffers())),
        "bufferElements": sum(b.numel() for b in model.buffers()),
        "output": list(y.shape),
        "modules": mods,
    }


def write(name, model, probe=(1, 1, 64, 64), with_json=True):
    torch.manual_seed(0)
    scripted = torch.jit.script(model)
    scripted.save(os.path.join(OUT, name + ".pt"))
    if with_json:
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            json.dump(figures(model, probe), f, indent=1)
            f.write("\n")


def vae_ae():
    torch.manual_seed(0)  # its own seed, so that it can be written alone
    write("vae_ae", TinyVAE(), with_json=False)


def flat_sequential():
    """The whole model one nn.Sequential, as a quick course experiment might be: no submodule named encoder."""
    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(1, 4, 4, 2, 1), nn.ReLU(), nn.ConvTranspose2d(4, 1, 4, 2, 1), nn.Sigmoid())
    write("flat_sequential", model, with_json=False)


def baseline_full():
    """The course's full-size baseline, for figures that must equal the preset's (1,839,809 parameters).
    Each convolution weight is a [out, in, 1, 1] tensor expanded over the kernel (stride 0 there), so the
    file stores 1/16 of the values: 0.5 MB instead of 7.4 MB. Counts, shapes, MACs and fields do not
    depend on the values; the module, its parameters and their shapes are exactly the baseline's."""
    torch.manual_seed(0)
    model = SequentialAE()
    for module in model.modules():
        w = getattr(module, "weight", None)
        if isinstance(w, nn.Parameter) and w.dim() == 4:
            small = torch.randn(w.shape[0], w.shape[1], 1, 1) / math.sqrt(w.shape[1] * w.shape[2] * w.shape[3])
            module.weight = nn.Parameter(small.expand(w.shape))
    write("baseline_full", model, probe=(1, 1, 256, 256))


SELF_SEEDED = {"vae_ae": vae_ae, "flat_sequential": flat_sequential, "baseline_full": baseline_full}


def main(only):
    os.makedirs(OUT, exist_ok=True)
    if only:
        for name in only:
            SELF_SEEDED[name]()
        return
    torch.manual_seed(0)
    write("sequential_ae", SequentialAE((8, 16, 32), 8))
    write("skip_ae", SkipAE())
    write("residual_ae", ResidualAE())
    write("exotic_ae", ExoticAE())
    write("interpolating_ae", InterpolatingAE())
    write("no_forward", NoForward(), with_json=False)
    write("rgb_ae", RgbAE(), with_json=False)
    nan = SequentialAE((4, 4, 4), 4)
    with torch.no_grad():
        nan.encoder[0].weight[0, 0, 0, 0] = float("nan")
    write("nan_weights", nan, with_json=False)
    torch.save(dict(SequentialAE((4, 4, 4), 4).state_dict()), os.path.join(OUT, "state_dict_not_script.pt"))
    for make in SELF_SEEDED.values():
        make()


if __name__ == "__main__":
    main(sys.argv[1:])
