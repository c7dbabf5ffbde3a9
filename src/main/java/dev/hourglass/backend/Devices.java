package dev.hourglass.backend;

import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.global.torch.DeviceType;

/** Turns a {@link DeviceChoice} into a libtorch device: CUDA when asked or available, else CPU. */
public final class Devices {

    private Devices() {
    }

    public static Device resolve(DeviceChoice choice) {
        return new Device(typeOf(choice));
    }

    /** "cpu" or "cuda", without creating a device. */
    public static String name(DeviceChoice choice) {
        return typeOf(choice) == DeviceType.CUDA ? "cuda" : "cpu";
    }

    private static DeviceType typeOf(DeviceChoice choice) {
        return switch (choice) {
            case CPU -> DeviceType.CPU;
            case AUTO -> Torch.cudaAvailable() ? DeviceType.CUDA : DeviceType.CPU;
            case CUDA -> {
                if (!Torch.cudaAvailable()) {
                    throw new BackendException("--device cuda was requested but libtorch reports no CUDA device"
                            + " (this build of the presets is CPU-only, or no GPU is visible); use --device cpu or auto");
                }
                yield DeviceType.CUDA;
            }
        };
    }
}
