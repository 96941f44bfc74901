/**
 * Weft: an asynchronous runtime for Java. Start with {@link dev.weft.Weft}, whose page opens with
 * a first program; the page of each package below opens with an example of its own.
 */
module dev.weft {
    exports dev.weft;
    exports dev.weft.future;
    exports dev.weft.runtime;
    exports dev.weft.time;
    exports dev.weft.sync;
    exports dev.weft.io;
    exports dev.weft.net;
    exports dev.weft.fs;
    exports dev.weft.process;
    exports dev.weft.signal;
    exports dev.weft.compat;

    requires jdk.unsupported; // sun.misc.Signal, for dev.weft.signal
    requires jdk.jfr; // JFR events: dev.weft.runtime.jfr
    requires java.management; // each runtime's MXBean: dev.weft.runtime.WeftRuntimeMXBean
}
