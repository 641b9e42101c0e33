package dev.vigil.bench.load;

import dev.vigil.ingest.sim.SimulatedCameraServer;
import dev.vigil.ingest.sim.SimulatedStream;
import java.nio.file.Path;

/**
 * The load's camera side in a process of its own, so that its CPU is not counted as Vigil's:
 * {@code SimulatorMain FILE.h264 FPS CAMERAS PORT}. Prints {@code READY <port>}, then runs until
 * its standard input closes, then prints {@code SENT <frames> SKIPPED <frames>}.
 */
public final class SimulatorMain {
    private SimulatorMain() {}

    public static void main(String[] args) throws Exception {
        SimulatedStream stream = AnnexBLoop.read(Path.of(args[0]), Integer.parseInt(args[1]));
        try (SimulatedCameraServer server = SimulatedCameraServer.start(stream, Integer.parseInt(args[2]),
                "127.0.0.1", Integer.parseInt(args[3]))) {
            System.out.println("READY " + server.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Wait for the harness to close our input.
            }
            System.out.println("SENT " + server.sentFrames() + " SKIPPED " + server.skippedFrames());
        }
    }
}
