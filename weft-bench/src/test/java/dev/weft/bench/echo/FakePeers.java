package dev.weft.bench.echo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A peers' folder for tests: {@code bin/} with empty files standing for the programs. */
final class FakePeers {
    private FakePeers() {
    }

    /** Creates {@code dir/bin/NAME} for each name, executable. */
    static Path with(Path dir, String... names) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String name : names) {
            Path p = bin.resolve(name);
            Files.writeString(p, "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return dir;
    }
}
