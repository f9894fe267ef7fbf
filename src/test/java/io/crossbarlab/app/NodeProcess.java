package io.crossbarlab.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged service ({@code target/crossbar-lab.jar}) as a separate operating-system process, the
 * way it runs in production: started on a free port, awaited until ready, and stopped politely
 * (SIGTERM) or killed (SIGKILL, as {@code kill -9}).
 */
final class NodeProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "crossbar-lab.jar").toAbsolutePath();

    final String name;
    final int port;
    final Path log;
    private final Process process;
    /** The {@code java} executable the process runs on (its JDK's {@code jcmd} sits beside it). */
    private final String javaExecutable;

    private NodeProcess(String name, int port, Path log, Process process, String java) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
        this.javaExecutable = java;
    }

    /** Starts the jar in {@code workDir} with {@code args} (Spring options) after the port option. */
    static NodeProcess start(String name, Path workDir, List<String> args) throws IOException {
        return start(name, workDir, args, javaCommand());
    }

    /** As {@link #start(String, Path, List)}, on the {@code java} executable given (another JDK). */
    static NodeProcess start(String name, Path workDir, List<String> args, String java) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: these tests run after 'package' (./mvnw verify)");
        }
        int port = freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("-Xmx320m");
        cmd.add("-XX:ActiveProcessorCount=2");
        cmd.add("-jar");
        cmd.add(JAR.toString());
        cmd.add("--server.port=" + port);
        cmd.add("--crossbar.scheduler.node-id=" + name);
        cmd.addAll(args);
        Files.createDirectories(workDir);
        Path log = workDir.resolve(name + "-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(cmd)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new NodeProcess(name, port, log, p, java);
    }

    /**
     * Options of a node on the machine's PostgreSQL in {@code schema}, with a short heartbeat and poll,
     * the given lease, and a checkpoint after every epoch, so that tests see kills and takeovers soon.
     */
    static List<String> postgresArgs(String url, String schema, String lease) {
        return List.of(
                "--spring.profiles.active=postgres",
                "--crossbar.security.mode=anonymous",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + TestDatabases.PG_USER,
                "--spring.flyway.schemas=" + schema,
                "--crossbar.scheduler.heartbeat=500ms",
                "--crossbar.scheduler.lease=" + lease,
                "--crossbar.scheduler.poll-interval=200ms",
                "--crossbar.scheduler.checkpoint-interval=0s",
                "--logging.level.root=WARN");
    }

    /** The {@code java} executable of the JVM running the tests. */
    static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    Api api() {
        return new Api(port);
    }

    /** Waits until readiness answers 200; fails with the tail of the log if the process dies first. */
    NodeProcess awaitReady(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                if (api().get("/actuator/health/readiness").status() == 200) {
                    return this;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " not ready after " + timeout + ":\n" + tail());
    }

    /** {@code kill -9}: the process gets no chance to release anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM: a graceful shutdown. */
    int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * What a failing test should print about this node: its thread dump (from the JDK's {@code jcmd}
     * beside the {@code java} it runs on), its nodes and jobs-by-state view, and the tail of its log.
     */
    String diagnostics() {
        StringBuilder out = new StringBuilder();
        try {
            Api api = api();
            out.append("nodes: ").append(api.get("/api/v1/nodes").body()).append('\n');
        } catch (RuntimeException e) {
            out.append("nodes: ").append(e).append('\n');
        }
        try {
            Path jcmd = Path.of(javaExecutable).resolveSibling("jcmd");
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true)
                    .start();
            String text = new String(dump.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            dump.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            out.append("threads of ").append(name).append(":\n");
            for (String block :
                    java.util.regex.Pattern.compile("\n\n").splitAsStream(text).toList()) {
                if (block.contains("crossbar-") || block.contains("io.crossbarlab")) {
                    out.append(block).append("\n\n");
                }
            }
        } catch (IOException e) {
            out.append("no thread dump: ").append(e).append('\n');
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.append("log of ").append(name).append(":\n").append(tail());
        return out.toString();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
