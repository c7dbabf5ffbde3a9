package dev.hourglass.codec;

/**
 * One image at one operating point of one codec: bits per pixel from the real file size (headers
 * included), quality against the original, and coding times.
 *
 * @param setting  Δ for hourglass, quality for JPEG and friends
 * @param msssim   NaN when the image is smaller than MS-SSIM's 176×176
 */
public record RdPoint(String codec, String image, double setting, long bytes, double bpp, double psnr, double ssim, double msssim,
                      double encodeSeconds, double decodeSeconds) {
}
