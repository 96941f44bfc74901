package dev.weft.examples;

import dev.weft.Weft;
import dev.weft.fs.Fs;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code cat} with {@link Fs}: {@code ./weft example cat-file PATH} prints the file. Without a
 * path (the demo) it writes a small file to a fresh temp directory, prints it, and removes the
 * directory. Every file call runs on the runtime's blocking pool, never on a worker.
 */
public final class CatFile {
    static final String DEMO_TEXT = "hello from a file\nread with dev.weft.fs on the blocking pool\n";

    private CatFile() {
    }

    public static void main(String[] args) throws Exception {
        Weft.run(() -> {
            if (args.length > 0) {
                cat(Path.of(args[0]));
                return null;
            }
            Path dir = Files.createTempDirectory("weft-cat-file");
            try {
                Path file = dir.resolve("hello.txt");
                Fs.write(file, DEMO_TEXT).await();
                cat(file);
            } finally {
                Fs.removeDirAll(dir).await();
            }
            return null;
        });
    }

    static void cat(Path path) throws Exception {
        try {
            byte[] content = Fs.read(path).await();
            System.out.write(content);
            System.out.flush();
        } catch (NoSuchFileException e) {
            System.err.println("cat-file: " + path + ": no such file");
        }
    }
}
