package dev.hourglass.codec;

import dev.hourglass.data.GrayImage;
import dev.hourglass.data.Phantoms;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationSkipTest {

    @Test
    void anImageJpegCannotCodeIsSkippedByNameAndTheOthersStillCount() throws Exception {
        GrayImage wide = new GrayImage(65_501, 1, new float[65_501]); // beyond JPEG's 65,500-pixel side
        GrayImage ok = Phantoms.generate(1, 32, 1).get(0);
        List<String> skipped = new ArrayList<>();
        List<RdPoint> points = Evaluation.jpeg(List.of(new Evaluation.Named("wide.png", wide, 8), new Evaluation.Named("ok.png", ok, 8)),
                skipped::add);
        assertEquals(1, skipped.size(), skipped.toString());
        assertTrue(skipped.get(0).contains("wide.png"), skipped.get(0));
        assertEquals(Evaluation.JPEG_QUALITIES.size(), points.size());
        assertTrue(points.stream().allMatch(p -> p.image().equals("ok.png")));
    }
}
