package io.memtile.cli;

import io.memtile.core.output.OutputGuard;
import io.memtile.datasets.Dataset;
import io.memtile.datasets.Datasets;
import io.memtile.datasets.Split;
import io.memtile.datasets.events.convert.EventsConverter;
import io.memtile.datasets.events.convert.SaccadeParams;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code memtile events convert}: IDX images -> N-MNIST layout via a simulated three-saccade DVS recording. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a 28x28 image dataset into N-MNIST-style event streams (official layout, Train/<digit>/*.bin, Test/...) "
                + "by simulating the three-saccade DVS recording; every parameter and the seed go to conversion.json.")
public final class EventsConvertCommand implements Callable<Integer> {
    static final OutputGuard.Kind KIND = OutputGuard.Kind.directory(EventsConverter.KIND);

    @Option(names = "--dataset", defaultValue = "mnist", description = "Image dataset (mnist | fashion-mnist | idx:DIR | embedded:...; default: ${DEFAULT-VALUE}).")
    String dataset;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (N-MNIST layout; usable as --dataset nmnist:DIR).")
    Path out;
    @Option(names = "--force", description = "Replace --out even if it is not a previous converted directory.")
    boolean force;
    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--train-limit", defaultValue = "0", description = "Convert only the first N training images (0 = all).")
    int trainLimit;
    @Option(names = "--test-limit", defaultValue = "0", description = "Convert only the first N test images (0 = all).")
    int testLimit;
    @Option(names = "--threshold", description = "Log-intensity contrast threshold per event (default 0.35).")
    Double threshold;
    @Option(names = "--refractory-us", description = "Pixel refractory period in µs (default 2000).")
    Double refractoryUs;
    @Option(names = "--noise-hz", description = "Background events per pixel and polarity per second (default 0.5).")
    Double noiseHz;
    @Option(names = "--pack", description = "Write gzip event packs (the embedded subset's format) instead of the N-MNIST layout.")
    boolean pack;

    @Override
    public Integer call() {
        if (!pack) OutputGuard.check(out, KIND, force, "--out", OutputKinds.datasetInput(dataset));
        Dataset train = Datasets.load(dataset, Split.TRAIN);
        Dataset test = Datasets.load(dataset, Split.TEST);
        if (trainLimit > 0) train = train.head(trainLimit);
        if (testLimit > 0) test = test.head(testLimit);
        SaccadeParams d = SaccadeParams.defaults(seed);
        SaccadeParams p = new SaccadeParams(d.schemaVersion(), "", "", seed, threshold != null ? threshold : d.threshold(),
                d.thresholdMismatch(), refractoryUs != null ? refractoryUs : d.refractoryUs(), noiseHz != null ? noiseHz : d.noiseHz(),
                d.saccadeUs(), d.amplitudePx(), d.subSteps(), d.logEps(), 0, 0, 0);
        p.validate(io.memtile.core.json.Fields.root("events convert"));
        String src = dataset + " (" + train.name() + ", " + test.name() + ")";
        SaccadeParams r = pack ? EventsConverter.pack(train, test, src, p, out)
                : EventsConverter.convert(train, test, src, p, out, System.err);
        System.out.printf(Locale.ROOT, "wrote %s: %d train + %d test samples, %.0f events per sample on average (seed %d, threshold %.3f, "
                        + "refractory %.0f us, noise %.2f Hz)%n", out, r.trainSamples(), r.testSamples(), r.meanEventsPerSample(), seed,
                r.threshold(), r.refractoryUs(), r.noiseHz());
        return 0;
    }
}
