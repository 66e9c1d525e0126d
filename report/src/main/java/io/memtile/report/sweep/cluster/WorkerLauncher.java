package io.memtile.report.sweep.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a worker on another node starts the same memtile: this JVM's {@code java} and class path,
 * both as absolute paths (a batch job starts with a minimal PATH and in another directory), and
 * the main class. The worker does not go through the {@code ./memtile} launcher, which would
 * try to rebuild the jar on every node when sources look newer.
 *
 * @param java      absolute path of the java executable
 * @param classpath absolute class path; a directory whose jars are all on it is written as {@code dir/*}
 * @param mainClass the CLI's main class
 */
public record WorkerLauncher(String java, String classpath, String mainClass) {
    public static final String MAIN = "io.memtile.cli.Main";

    public static WorkerLauncher fromThisJvm() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new WorkerLauncher(Path.of(java).toAbsolutePath().normalize().toString(),
                compact(System.getProperty("java.class.path")), MAIN);
    }

    /** Absolute entries; the jars of one directory become {@code dir/*} when they are all of its jars. */
    static String compact(String classpath) {
        Map<Path, List<Path>> byDir = new LinkedHashMap<>();
        List<Object> order = new ArrayList<>(); // Path (entry) or Path-dir marker, in first-seen order
        for (String e : classpath.split(File.pathSeparator)) {
            if (e.isBlank()) continue;
            Path p = Path.of(e).toAbsolutePath().normalize();
            if (p.toString().endsWith(".jar") && p.getParent() != null) {
                Path d = p.getParent();
                if (!byDir.containsKey(d)) order.add(new DirMarker(d));
                byDir.computeIfAbsent(d, k -> new ArrayList<>()).add(p);
            } else {
                order.add(p);
            }
        }
        List<String> out = new ArrayList<>();
        for (Object o : order) {
            if (o instanceof DirMarker m) {
                List<Path> jars = byDir.get(m.dir());
                if (jars.size() > 1 && jarsIn(m.dir()).equals(names(jars))) {
                    out.add(m.dir() + File.separator + "*");
                } else {
                    for (Path j : jars) out.add(j.toString());
                }
            } else {
                out.add(o.toString());
            }
        }
        return String.join(File.pathSeparator, out);
    }

    private record DirMarker(Path dir) {}

    private static Set<String> names(List<Path> jars) {
        Set<String> s = new TreeSet<>();
        for (Path j : jars) s.add(j.getFileName().toString());
        return s;
    }

    private static Set<String> jarsIn(Path dir) {
        Set<String> s = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path p : ds) s.add(p.getFileName().toString());
        } catch (IOException e) {
            return Set.of();
        }
        return s;
    }
}
