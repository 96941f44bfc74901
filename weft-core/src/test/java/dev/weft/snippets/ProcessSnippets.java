package dev.weft.snippets;

import dev.weft.Weft;
import dev.weft.process.Command;
import dev.weft.process.Output;

/** Examples for the package {@code dev.weft.process}. */
final class ProcessSnippets {
    private ProcessSnippets() {
    }

    static void packageInfo() throws Exception {
        // @start region="package"
        Weft.run(() -> {
            Output out = new Command("echo").arg("hello").output().await();
            System.out.print(out.stdoutText());          // hello
            System.out.println(out.status());            // exit status: 0
            return null;
        });
        // @end
    }
}
