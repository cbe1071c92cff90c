package dev.surel.store.sql;

import java.util.ArrayList;
import java.util.List;

/** Builds the command line of a child JVM running a test main class on the test classpath. */
final class ChildJvm {
    private ChildJvm() { }

    static List<String> command(Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow(() -> new IllegalStateException("no java command")));
        cmd.add("--enable-native-access=ALL-UNNAMED");
        // a quick start matters more than peak speed: the crash test starts dozens of children
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }
}
