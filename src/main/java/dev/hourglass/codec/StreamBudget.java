package dev.hourglass.codec;

import dev.hourglass.codec.entropy.ArithmeticDecoder;
import dev.hourglass.codec.format.FormatException;

/**
 * The first defence against a forged file: a coded stream shorter than the fewest bits its claimed
 * values can take is refused before anything is allocated or computed for them. The decoder may read
 * {@value ArithmeticDecoder#MAX_BITS_PAST_END} bits past a stream's end, so those count as present.
 */
final class StreamBudget {

    private StreamBudget() {
    }

    /**
     * @param stream what is checked, e.g. "payload"
     * @param why    words after "the values the header claims", or ""
     */
    static void require(double neededBits, int bytes, String stream, long values, String why) throws FormatException {
        if (neededBits > bytes * 8.0 + ArithmeticDecoder.MAX_BITS_PAST_END) {
            throw new FormatException("the " + stream + " (" + bytes + " bytes) is too short for the " + values + " values the header claims"
                    + why + " (at least " + (long) Math.ceil(neededBits / 8) + " bytes): corrupt or forged file");
        }
    }
}
