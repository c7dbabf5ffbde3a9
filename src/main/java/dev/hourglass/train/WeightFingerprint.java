package dev.hourglass.train;

import dev.hourglass.model.Autoencoder;
import dev.hourglass.runtime.ModelFingerprint;

import java.nio.ByteBuffer;

/** 64 bits of SHA-256 over every parameter and buffer (names and exact float32 bits, in order): equal replicas, equal fingerprints. */
final class WeightFingerprint {

    private WeightFingerprint() {
    }

    static long of(Autoencoder model) {
        return ByteBuffer.wrap(ModelFingerprint.sha256(model, false)).getLong(); // the spec is the same on every rank
    }
}
