package dev.hourglass.inspect.html;

import dev.hourglass.inspect.Numbers;

import java.util.List;
import java.util.stream.Collectors;

/** The architecture diagram in words: its alt text and its caption. */
final class DiagramWords {

    private DiagramWords() {
    }

    static String alt(String model, List<DiagramStage> stages) {
        DiagramStage in = stages.get(0);
        DiagramStage latent = stages.stream().filter(DiagramStage::latent).findFirst().orElse(in);
        DiagramStage out = stages.get(stages.size() - 1);
        long skips = stages.stream().filter(s -> s.skipFrom() >= 0).count();
        int res = stages.stream().mapToInt(DiagramStage::residualBlocks).sum();
        boolean side = stages.stream().anyMatch(s -> s.role() == DiagramStage.Role.SIDE);
        return "Diagram of " + model + ": blocks shrink from the " + in.shape() + " input to the " + latent.shape() + " latent and grow back to "
                + out.shape() + (skips > 0 ? ", with " + skips + " skip arrows from encoder to decoder" : "")
                + (res > 0 ? ", with " + res + " residual loops" : "") + (side ? ", with an entropy model as a side branch at the latent" : "");
    }

    static String caption(List<DiagramStage> stages) {
        List<DiagramStage> enc = role(stages, DiagramStage.Role.ENCODER);
        List<DiagramStage> dec = role(stages, DiagramStage.Role.DECODER);
        DiagramStage in = stages.get(0);
        DiagramStage out = stages.get(stages.size() - 1);
        DiagramStage latent = enc.isEmpty() ? in : enc.get(enc.size() - 1);
        StringBuilder b = new StringBuilder("The network drawn from its measured forward pass, one block per stage (height ∝ resolution, width ∝ log₂ channels). ");
        b.append("The encoder takes the ").append(in.shape()).append(" input through ").append(enc.size()).append(" stage")
                .append(enc.size() == 1 ? "" : "s").append(" to the ").append(latent.shape()).append(" latent: resolution ")
                .append(chain(in, enc, true)).append(", channels ").append(chain(in, enc, false)).append(". ");
        b.append("The decoder's ").append(dec.size()).append(" stage").append(dec.size() == 1 ? "" : "s").append(" bring it back to ")
                .append(out.shape()).append(": resolution ").append(chain(latent, dec, true)).append(", channels ").append(chain(latent, dec, false)).append(". ");
        List<DiagramStage> skips = stages.stream().filter(s -> s.skipFrom() >= 0).toList();
        if (skips.isEmpty()) {
            b.append("There are no skip connections: everything the decoder sees passed through the latent. ");
        } else {
            b.append(skips.size()).append(" skip connection").append(skips.size() == 1 ? "" : "s").append(" (arrows over the top) concatenate ")
                    .append(skips.stream().map(s -> stages.get(s.skipFrom()).name() + "'s " + stages.get(s.skipFrom()).shape() + " into " + s.name())
                            .collect(Collectors.joining(", "))).append(". ");
        }
        int res = stages.stream().mapToInt(DiagramStage::residualBlocks).sum();
        if (res > 0) {
            b.append(res).append(" residual block").append(res == 1 ? "" : "s").append(" (loops under the blocks) in ")
                    .append(stages.stream().filter(s -> s.residualBlocks() > 0).count()).append(" stages. ");
        }
        for (DiagramStage s : role(stages, DiagramStage.Role.SIDE)) {
            b.append("An entropy model (").append(s.name()).append(", ").append(Numbers.count(s.parameters()))
                    .append(" parameters) quantises the latent and gives the probabilities that code it into bits, drawn as a side branch. ");
        }
        b.append("Parameters per stage: ").append(stages.stream().filter(s -> s.role() != DiagramStage.Role.INPUT)
                .map(s -> s.name() + " " + Numbers.count(s.parameters())).collect(Collectors.joining(", "))).append('.');
        return b.toString();
    }

    private static List<DiagramStage> role(List<DiagramStage> stages, DiagramStage.Role role) {
        return stages.stream().filter(s -> s.role() == role).toList();
    }

    private static String chain(DiagramStage from, List<DiagramStage> through, boolean resolution) {
        StringBuilder b = new StringBuilder(Long.toString(resolution ? from.height() : from.channels()));
        for (DiagramStage s : through) b.append(" → ").append(resolution ? s.height() : s.channels());
        return b.toString();
    }
}
