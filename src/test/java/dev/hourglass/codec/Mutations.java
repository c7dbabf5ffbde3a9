package dev.hourglass.codec;

import java.util.Arrays;
import java.util.Random;

/** Random damage to a byte array: bit flips, byte overwrites, truncation, insertion, duplication. */
final class Mutations {

    private Mutations() {
    }

    static byte[] mutate(byte[] in, Random r) {
        byte[] b = in.clone();
        switch (r.nextInt(5)) {
            case 0 -> {
                int flips = 1 + r.nextInt(4);
                for (int i = 0; i < flips && b.length > 0; i++) b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
            }
            case 1 -> {
                if (b.length > 0) b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            case 2 -> b = Arrays.copyOf(b, r.nextInt(b.length + 1));
            case 3 -> {
                int at = r.nextInt(b.length + 1);
                byte[] extra = new byte[1 + r.nextInt(8)];
                r.nextBytes(extra);
                byte[] c = new byte[b.length + extra.length];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(extra, 0, c, at, extra.length);
                System.arraycopy(b, at, c, at + extra.length, b.length - at);
                b = c;
            }
            default -> {
                // overwrite a header integer with an extreme value
                int at = 22 + r.nextInt(Math.max(1, Math.min(60, b.length - 26)));
                if (at + 4 <= b.length) java.nio.ByteBuffer.wrap(b).putInt(at, r.nextBoolean() ? Integer.MAX_VALUE : -1);
            }
        }
        return b;
    }
}
