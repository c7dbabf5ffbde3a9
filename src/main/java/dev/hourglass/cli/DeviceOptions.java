package dev.hourglass.cli;

import dev.hourglass.backend.DeviceChoice;
import dev.hourglass.backend.Torch;
import picocli.CommandLine.Option;

/** {@code --device auto|cpu|cuda} and {@code --threads N} for every verb that runs a model. */
final class DeviceOptions {

    @Option(names = "--device", paramLabel = "auto|cpu|cuda", defaultValue = "auto",
            converter = DeviceChoiceConverter.class,
            description = "Where to run: cuda when available with auto (default: ${DEFAULT-VALUE}).")
    DeviceChoice device;

    @Option(names = "--threads", paramLabel = "N", converter = Usage.Threads.class,
            description = "libtorch intra-op threads, 1..4×cores (default: the number of cores; libtorch alone may pick fewer).")
    Integer threads;

    /** Loads libtorch and applies the thread setting; returns the device choice. */
    DeviceChoice apply() {
        Torch.load();
        Torch.setThreads(threads != null ? threads : Runtime.getRuntime().availableProcessors());
        return device;
    }

    static final class DeviceChoiceConverter implements picocli.CommandLine.ITypeConverter<DeviceChoice> {
        @Override
        public DeviceChoice convert(String value) {
            return DeviceChoice.parse(value);
        }
    }
}
