package dev.surel.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code surel --version} / {@code -V}: the version the build wrote into
 * {@code dev/surel/cli/version.properties} (the Maven project version), so it cannot drift from
 * the build the way a version typed into the source can.
 */
public final class BuildVersion implements IVersionProvider {

    /** The build's version, e.g. {@code 0.1.0-SNAPSHOT}; "unknown" when the resource is missing. */
    public static String version() {
        try (InputStream in = BuildVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"Surel " + version()};
    }
}
