package org.ecgworkbench.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ecgworkbench.engine.dataset.Dataset;
import org.ecgworkbench.engine.net.NetworkBuilder;
import org.ecgworkbench.engine.net.Prototype;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.MultiDataSet;

class InputPipelineTest {

    @TempDir
    static Path dir;
    static Dataset ds;
    static Prototype p;
    static int[] all;

    @BeforeAll
    static void data() throws IOException {
        ds = Dataset.open(TinyData.pack(dir, 6));
        p = TinyData.prototype();
        all = new int[ds.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
    }

    private static List<float[]> pass(BatchAssembler a, int workers, int epoch) {
        List<float[]> out = new ArrayList<>();
        try (InputPipeline pipe = new InputPipeline(a, InputPipeline.shuffled(all, 9, epoch), 5, 9, epoch, workers, 3)) {
            while (pipe.hasNext()) {
                MultiDataSet m = pipe.next();
                for (var f : m.getFeatures()) {
                    out.add(f.dup().data().asFloat());
                }
                out.add(m.getLabels(0).dup().data().asFloat());
            }
        }
        return out;
    }

    private static BatchAssembler assembler(Prototype proto) throws IOException {
        FeatureScaler s = proto.features().isEmpty() ? null : FeatureScaler.fit(Items.of(ds), proto.features(), all);
        Suggestions sug = null;
        if (proto.suggestions() != null) {
            StringBuilder csv = new StringBuilder("record,N,A\n");
            for (int i = 0; i < ds.size(); i++) {
                csv.append(ds.recordName(i)).append(ds.labelName(i).equals("A") ? ",0.2,0.8\n" : ",0.9,0.1\n");
            }
            Path f = Files.writeString(dir.resolve("sug.csv"), csv);
            sug = Suggestions.read(f, proto.classes());
        }
        return new BatchAssembler(Items.of(ds), BatchAssembler.labels(ds, proto), proto, NetworkBuilder.Layout.CONV2D,
                s, sug);
    }

    @Test
    void augmentationTransformsTrainingWindowsOnlyAndFollowsTheSeed() throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode tree = p.toJsonTree();
        tree.putObject("augmentation").put("noise_mv", 0.05).put("scale", 0.2);
        BatchAssembler plain = assembler(p);
        BatchAssembler augmented = assembler(Prototype.parse(tree.toString(), "augmented"));
        int item = 3;
        // A fixed offset (validation, test, inference) is never augmented.
        assertArrayEquals(plain.window(new Example(item, 0), new java.util.Random(1)),
                augmented.window(new Example(item, 0), new java.util.Random(1)));
        // A random crop is, and the same again for the same generator seed.
        double[] before = plain.window(new Example(item, Example.RANDOM), new java.util.Random(5));
        double[] after = augmented.window(new Example(item, Example.RANDOM), new java.util.Random(5));
        double[] again = augmented.window(new Example(item, Example.RANDOM), new java.util.Random(5));
        double[] other = augmented.window(new Example(item, Example.RANDOM), new java.util.Random(6));
        assertArrayEquals(after, again);
        assertFalse(java.util.Arrays.equals(after, other));
        double diff = 0;
        for (int t = 0; t < before.length; t++) {
            diff = Math.max(diff, Math.abs(after[t] - before[t]));
        }
        assertTrue(diff > 0.01, "augmented window differs from the plain one, max |diff| " + diff);
    }

    @Test
    void theSameSeedGivesTheSameBatchesWhateverTheWorkerCount() throws IOException {
        BatchAssembler a = assembler(p);
        List<float[]> one = pass(a, 1, 0);
        List<float[]> three = pass(a, 3, 0);
        assertEquals(one.size(), three.size());
        for (int i = 0; i < one.size(); i++) {
            assertArrayEquals(one.get(i), three.get(i), "array " + i);
        }
        List<float[]> other = pass(a, 2, 1);
        assertFalse(java.util.Arrays.equals(one.get(0), other.get(0)), "another epoch reshuffles and recrops");
    }

    @Test
    void everyEntryLevelArrivesWithItsShape() throws IOException {
        Prototype q = p.with("input.channels", "[\"raw\",\"bandpassed\",\"integrated\"]")
                .with("features", "[\"cv_rr\",\"mean_rr_s\",\"sampen_rr\"]").with("suggestions", "{\"file\":\"x\"}");
        try (InputPipeline pipe = new InputPipeline(assembler(q), InputPipeline.shuffled(all, 1, 0), 4, 1, 0, 2, 2)) {
            MultiDataSet m = pipe.next();
            assertEquals(3, m.getFeatures().length);
            assertArrayEquals(new long[] {4, 3, 1, 1000}, m.getFeatures(0).shape());
            assertArrayEquals(new long[] {4, 3}, m.getFeatures(1).shape());
            assertArrayEquals(new long[] {4, 2}, m.getFeatures(2).shape());
            // Every channel is standardised per window.
            for (int c = 0; c < 3; c++) {
                var ch = m.getFeatures(0).get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(c));
                assertEquals(0, ch.meanNumber().doubleValue(), 1e-4);
                assertEquals(1, ch.stdNumber().doubleValue(), 1e-2);
            }
            // Suggestions rows are the CSV's probabilities reordered to the classes [A, N].
            float[] s = m.getFeatures(2).getRow(0).toFloatVector();
            assertTrue((s[0] == 0.8f && s[1] == 0.2f) || (s[0] == 0.1f && s[1] == 0.9f), java.util.Arrays.toString(s));
        }
    }

    @Test
    void aWorkerFailureSurfacesWithItsCauseAndNoThreadIsLeftBehind() throws IOException {
        Items broken = new Items() {
            final Items d = Items.of(ds);

            @Override
            public double fs() {
                return d.fs();
            }

            @Override
            public float[] signal(int i) {
                if (i == all[all.length - 1]) {
                    throw new IllegalStateException("disk gone while reading item " + i);
                }
                return d.signal(i);
            }

            @Override
            public double[] features(int i) {
                return d.features(i);
            }

            @Override
            public List<String> featureNames() {
                return d.featureNames();
            }

            @Override
            public String name(int i) {
                return d.name(i);
            }

            @Override
            public String source(int i) {
                return d.source(i);
            }

            @Override
            public int size() {
                return d.size();
            }
        };
        BatchAssembler a = new BatchAssembler(broken, BatchAssembler.labels(ds, p), p, NetworkBuilder.Layout.CONV2D,
                null, null);
        List<Example> ex = new ArrayList<>();
        for (int i : all) {
            ex.add(new Example(i, 0));
        }
        InputPipeline pipe = new InputPipeline(a, ex, 4, 1, 0, 2, 2);
        PipelineException e = assertThrows(PipelineException.class, () -> {
            while (pipe.hasNext()) {
                pipe.next();
            }
        });
        assertTrue(e.getCause() instanceof IllegalStateException && e.getCause().getMessage().contains("disk gone"),
                String.valueOf(e.getCause()));
        pipe.close();
        assertTrue(pipe.terminated());
        // A terminated executor's workers may still be returning from their run methods: wait for them to end
        // (bounded), then none may be left.
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(pipe.threadPrefix())) {
                try {
                    t.join(10_000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.isAlive()
                && t.getName().startsWith(pipe.threadPrefix())), "pipeline threads left");
    }

    @Test
    void resumingAtABatchGivesTheRemainingBatches() throws IOException {
        BatchAssembler a = assembler(p);
        List<float[]> whole = pass(a, 2, 0);
        List<float[]> tail = new ArrayList<>();
        try (InputPipeline pipe = new InputPipeline(a, InputPipeline.shuffled(all, 9, 0), 5, 9, 0, 2, 3)) {
            pipe.startAt(1);
            while (pipe.hasNext()) {
                MultiDataSet m = pipe.next();
                tail.add(m.getFeatures(0).dup().data().asFloat());
                tail.add(m.getLabels(0).dup().data().asFloat());
            }
        }
        assertArrayEquals(whole.get(2), tail.get(0));
        assertEquals(whole.size() - 2, tail.size());
    }
}
