package dev.weft.examples;

import dev.weft.Weft;
import dev.weft.process.Command;
import dev.weft.process.Output;

/**
 * A child process with {@code dev.weft.process}: runs {@code echo hello}, collects its stdout
 * through a pipe, and prints it and the exit status ({@code hello}, {@code exit status: 0}).
 * Waiting for the exit uses the JDK's {@code Process.onExit()}, and the pipe is read on the
 * blocking pool: no worker waits for the child.
 */
public final class ProcessExample {
    private ProcessExample() {
    }

    public static void main(String[] args) throws Exception {
        Weft.run(() -> {
            Output out = new Command("echo").arg("hello").output().await();
            System.out.print(out.stdoutText());
            System.out.println(out.status());
            return null;
        });
    }
}
