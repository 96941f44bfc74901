package dev.weft.snippets;

import dev.weft.Weft;
import dev.weft.fs.Fs;
import java.nio.file.Files;
import java.nio.file.Path;

/** Examples for the package {@code dev.weft.fs}. */
final class FsSnippets {
    private FsSnippets() {
    }

    static void packageInfo() throws Exception {
        // @start region="package"
        Weft.run(() -> {
            Path dir = Files.createTempDirectory("demo");
            Fs.write(dir.resolve("a.txt"), "hello").await();
            long n = Fs.copy(dir.resolve("a.txt"), dir.resolve("b.txt")).await();   // 5 bytes
            System.out.println(Fs.readToString(dir.resolve("b.txt")).await());      // hello
            Fs.removeDirAll(dir).await();
            return n;
        });
        // @end
    }
}
