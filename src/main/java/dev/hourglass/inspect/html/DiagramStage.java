package dev.hourglass.inspect.html;

import java.util.List;

/**
 * One block of the architecture diagram: a group of consecutive rows (a stage), the tensor it
 * produces, what it does, and where its skip input comes from.
 *
 * @param role           INPUT (the image), ENCODER, SIDE (an entropy model beside the latent) or DECODER
 * @param ops            short names of what the stage does outside its residual blocks ("conv 4/2/1", "BN", "GDN"…)
 * @param residualBlocks residual additions inside the stage
 * @param skipFrom       index (in the stage list) of the encoder stage whose output is concatenated here, or -1
 * @param latent         whether this stage's output is the latent (the last encoder stage)
 */
record DiagramStage(String name, Role role, long channels, long height, long width, List<String> ops, long parameters,
                    int residualBlocks, int skipFrom, boolean latent) {

    enum Role { INPUT, ENCODER, SIDE, DECODER }

    DiagramStage {
        ops = List.copyOf(ops);
    }

    String shape() {
        return channels + "×" + height + "×" + width;
    }
}
