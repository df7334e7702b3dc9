package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ecgworkbench.app.serve.ClassifyServer;
import org.ecgworkbench.app.serve.ServerOptions;
import org.ecgworkbench.engine.serve.InferenceEngine;
import org.ecgworkbench.engine.serve.InferenceService;
import org.ecgworkbench.engine.serve.InvalidInputException;
import org.ecgworkbench.engine.serve.ModelCard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** serve: a trained model kept resident, classifying recordings over HTTP. */
@Command(name = "serve", description = "Loads a trained run's model (weight average or best checkpoint) once, warms"
        + " it up and classifies recordings over HTTP (POST /v1/classify, GET /v1/health, GET /v1/model,"
        + " POST /v1/reload) until stopped.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN_DIR", description = "Run directory of a trained model.")
    Path model;

    @Option(names = "--host", defaultValue = ServerOptions.HOST, paramLabel = "ADDRESS",
            description = "Address to bind (default ${DEFAULT-VALUE}, loopback: there is no authentication).")
    String host;

    @Option(names = "--port", defaultValue = "" + ServerOptions.PORT, paramLabel = "PORT",
            description = "TCP port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--threads", paramLabel = "N", description = "Request threads (default: the number of cores, at"
            + " least 2).")
    Integer threads;

    @Option(names = "--queue", defaultValue = "" + ServerOptions.QUEUE, paramLabel = "N",
            description = "Requests that may wait for a thread; more are answered 429 (default ${DEFAULT-VALUE}).")
    int queue;

    @Option(names = "--max-bytes", defaultValue = "" + ServerOptions.MAX_BYTES, paramLabel = "N",
            description = "Largest request body; larger ones are answered 413 (default ${DEFAULT-VALUE}, 16 MiB).")
    long maxBytes;

    @Option(names = "--engine", defaultValue = "auto", paramLabel = "auto|onnx|dl4j",
            description = "What runs the network (default ${DEFAULT-VALUE}: ONNX Runtime when the network exports and"
                    + " agrees with DL4J, DL4J otherwise).")
    String engine;

    @Option(names = "--copies", defaultValue = "" + InferenceService.DEFAULT_COPIES, paramLabel = "N",
            description = "Network copies that infer at once (default ${DEFAULT-VALUE}: inference serialised, which"
                    + " gave the better p99 in bench serve; see README).")
    int copies;

    @Option(names = "--warm-up", defaultValue = "200", paramLabel = "N",
            description = "Dummy classifications before serving, so that the JIT has compiled the request path"
                    + " (default ${DEFAULT-VALUE}: about 2 s with ONNX Runtime; single-client p99 in bench serve fell"
                    + " from 18-23 to 13-14 ms once the path was warm).")
    int warmUp;

    @Spec
    CommandSpec spec;

    /** Request threads when --threads is not given: one per core, at least 2 (decoding overlaps inference). */
    static int defaultThreads() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ServerOptions o = new ServerOptions(host, port, threads == null ? defaultThreads() : threads, queue,
                    maxBytes);
            long t0 = System.nanoTime();
            InferenceService service = InferenceService.load(model, copies, InferenceEngine.of(engine));
            service.warmUp(Math.max(warmUp, 2 * copies));
            ModelCard card = service.model();
            ClassifyServer server = ClassifyServer.start(service, o);
            server.warmUpThreads(1);
            out.printf(Locale.ROOT, "model %s (%s, %s Hz, classes %s, %s) loaded and warmed up in %.1f s; network run"
                    + " by %s%n", card.id(), card.prototype().path("name").asText(), Cli.number(card.fs()),
                    String.join(",", card.classes()), card.checkpoint(), (System.nanoTime() - t0) / 1e9, card.engine());
            out.printf(Locale.ROOT, "serving on %s/v1/ (threads %d, queue %d, max body %d bytes, %d network"
                    + " cop%s); Ctrl-C stops%n", server.url(), o.threads(), o.queue(), o.maxBytes(), copies,
                    copies == 1 ? "y" : "ies");
            out.flush();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                service.close();
                stopped.countDown();
            }, "serve-shutdown"));
            stopped.await();
            return 0;
        } catch (IllegalArgumentException | InvalidInputException e) {
            return Cli.fail(err, e, 2);
        } catch (IOException e) {
            return Cli.fail(err, e, 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
