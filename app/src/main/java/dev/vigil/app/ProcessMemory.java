package dev.vigil.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's memory as the kernel and the JVM see it, for start-up and status lines. */
final class ProcessMemory {
    private ProcessMemory() {}

    /** Resident set size in MiB from /proc/self/status, or -1 where there is no /proc. */
    static long residentMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    static String describe() {
        Runtime rt = Runtime.getRuntime();
        long heapUsed = (rt.totalMemory() - rt.freeMemory()) >> 20;
        return "RSS " + residentMiB() + " MiB, heap " + heapUsed + "/" + (rt.maxMemory() >> 20) + " MiB";
    }
}
