package io.tcpemu.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What {@code --version} prints on every command: the build's version (from the pom) and the Java it runs on. */
public final class Version implements IVersionProvider {
    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}, filtered into version.properties by the build. */
    public static String number() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public String[] getVersion() {
        return new String[] {
                "tcpemu " + number(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
    }
}
