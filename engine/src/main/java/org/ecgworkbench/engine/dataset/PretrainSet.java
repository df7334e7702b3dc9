package org.ecgworkbench.engine.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * A balanced pre-training set planned from the TRAIN items of a {@link Dataset} (split 0; test items are never
 * used). The items are first split into train and validation sides so that no source recording feeds both:
 * <ul>
 *   <li>when every training item is its own source (whole records), stratified by class and seeded: in every
 *       class, its records (file order) are shuffled with one {@code java.util.Random(seed)} (classes in index
 *       order) and the first v = clamp(round(k x validationFraction), 1, k - 1) of its k records go to validation
 *       (v = 0 when the fraction is 0);</li>
 *   <li>when sources hold several items (rhythm windows), whole source records go to one side, chosen by
 *       {@link Split#bySource} with the validation fraction as its test fraction (validation = its test side).</li>
 * </ul>
 * Every item derived from a dataset item lands on that item's side. Then, separately on each side, every class is
 * brought up to that side's largest class: its items once as originals (copy 0), then augmented copies drawn
 * round-robin over its items (in file order), copy numbers 1, 2, ... per item. So each side is exactly balanced, and
 * the whole set too when every class is on both sides.
 *
 * <p>Classes with no training item are left out. With a validation fraction above 0, every class with training
 * records needs at least two of them (one per side) in the first case, and the train split at least two source
 * records in the second; otherwise {@link IllegalArgumentException}.
 */
public final class PretrainSet {

    /** Side of an item: train. */
    public static final byte TRAIN = 0;
    /** Side of an item: validation. */
    public static final byte VALIDATION = 1;
    /** Default validation fraction. */
    public static final double DEFAULT_VALIDATION_FRACTION = 0.2;

    /** One item: the dataset item it is made from (index), copy number (0 = the original), side and class index. */
    public record Item(int source, int copy, byte side, int label) {
    }

    private final Dataset dataset;
    private final List<Item> items;
    private final long seed;
    private final double validationFraction;
    private final Augmentation augmentation;

    private PretrainSet(Dataset dataset, List<Item> items, long seed, double validationFraction,
                        AugmentationConfig config) {
        this.dataset = dataset;
        this.items = items;
        this.seed = seed;
        this.validationFraction = validationFraction;
        this.augmentation = new Augmentation(config, seed);
    }

    /** Plans the set of a dataset. */
    public static PretrainSet plan(Dataset dataset, long seed, double validationFraction, AugmentationConfig config) {
        int n = dataset.size();
        int[] labels = new int[n];
        byte[] split = new byte[n];
        int[] sources = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = dataset.label(i);
            split[i] = dataset.split(i);
            sources[i] = dataset.sourceIndex(i);
        }
        return new PretrainSet(dataset, items(labels, split, sources, dataset.classNames(), seed, validationFraction),
                seed, validationFraction, Objects.requireNonNull(config));
    }

    /**
     * The plan of items with these labels (class indices), dataset split values and source records (indices); see
     * the class comment.
     */
    static List<Item> items(int[] labels, byte[] split, int[] sources, List<String> classNames, long seed,
                            double validationFraction) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
        }
        Set<Integer> trainSources = new HashSet<>();
        int trainItems = 0;
        for (int i = 0; i < labels.length; i++) {
            if (split[i] == Split.TRAIN) {
                trainSources.add(sources[i]);
                trainItems++;
            }
        }
        if (trainSources.size() == trainItems) {
            return items(labels, split, classNames, seed, validationFraction);
        }
        if (validationFraction > 0 && trainSources.size() < 2) {
            throw new IllegalArgumentException("the train split holds " + trainSources.size() + " source record; "
                    + "a validation fraction above 0 needs at least 2 (one per side)");
        }
        List<Integer> train = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (split[i] == Split.TRAIN) {
                train.add(i);
            }
        }
        int[] trainLabels = train.stream().mapToInt(i -> labels[i]).toArray();
        int[] trainSourceIdx = train.stream().mapToInt(i -> sources[i]).toArray();
        byte[] side = Split.bySource(trainLabels, classNames.size(), trainSourceIdx, seed, validationFraction);
        List<List<List<Integer>>> bySide = List.of(new ArrayList<>(), new ArrayList<>());
        for (int c = 0; c < classNames.size(); c++) {
            bySide.get(TRAIN).add(new ArrayList<>());
            bySide.get(VALIDATION).add(new ArrayList<>());
        }
        for (int k = 0; k < train.size(); k++) {
            // Split.TEST is the validation side here
            bySide.get(side[k] == Split.TEST ? VALIDATION : TRAIN).get(trainLabels[k]).add(train.get(k));
        }
        return balanced(bySide, classNames.size());
    }

    /** The plan of whole records with these labels and split values: per-class shuffle (see the class comment). */
    static List<Item> items(int[] labels, byte[] split, List<String> classNames, long seed,
                            double validationFraction) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
        }
        int classes = classNames.size();
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            if (split[i] == Split.TRAIN) {
                byClass.get(labels[i]).add(i);
            }
        }
        if (byClass.stream().allMatch(List::isEmpty)) {
            throw new IllegalArgumentException("the dataset has no training record");
        }
        // sources[side][class]: record indices in file order
        List<List<List<Integer>>> sources = List.of(new ArrayList<>(), new ArrayList<>());
        Random random = new Random(seed);
        for (int c = 0; c < classes; c++) {
            List<Integer> members = byClass.get(c);
            int k = members.size();
            int v = 0;
            if (validationFraction > 0 && k > 0) {
                if (k < 2) {
                    throw new IllegalArgumentException("class " + classNames.get(c) + " has only 1 training record; "
                            + "a validation fraction above 0 needs at least 2 (one per side)");
                }
                v = (int) Math.max(1, Math.min(k - 1, Math.round(k * validationFraction)));
            }
            List<Integer> shuffled = new ArrayList<>(members);
            Collections.shuffle(shuffled, random);
            List<Integer> val = new ArrayList<>(shuffled.subList(0, v));
            List<Integer> train = new ArrayList<>(shuffled.subList(v, k));
            Collections.sort(val);
            Collections.sort(train);
            sources.get(TRAIN).add(train);
            sources.get(VALIDATION).add(val);
        }
        return balanced(sources, classes);
    }

    /**
     * Each side brought to its largest class: sources[side][class] lists the dataset items (file order) on that
     * side, used once as originals, then round-robin as augmented copies.
     */
    private static List<Item> balanced(List<List<List<Integer>>> sources, int classes) {
        List<Item> items = new ArrayList<>();
        for (byte side = TRAIN; side <= VALIDATION; side++) {
            List<List<Integer>> perClass = sources.get(side);
            int target = perClass.stream().mapToInt(List::size).max().orElse(0);
            for (int c = 0; c < classes; c++) {
                List<Integer> s = perClass.get(c);
                if (s.isEmpty()) {
                    continue;
                }
                for (int e = 0; e < target; e++) {
                    items.add(new Item(s.get(e % s.size()), e / s.size(), side, c));
                }
            }
        }
        return List.copyOf(items);
    }

    /** The dataset planned from. */
    public Dataset dataset() {
        return dataset;
    }

    /** The items: train side first, classes in index order, originals before copies. */
    public List<Item> items() {
        return items;
    }

    public long seed() {
        return seed;
    }

    public double validationFraction() {
        return validationFraction;
    }

    public AugmentationConfig config() {
        return augmentation.config();
    }

    /** Item counts [class][side]. */
    public int[][] counts() {
        return counts(items, dataset.classNames().size());
    }

    /** Distinct source records of the dataset feeding each side: [train, validation]. */
    public int[] sourceRecordCounts() {
        List<Set<Integer>> seen = List.of(new HashSet<>(), new HashSet<>());
        for (Item it : items) {
            seen.get(it.side()).add(dataset.sourceIndex(it.source()));
        }
        return new int[] {seen.get(TRAIN).size(), seen.get(VALIDATION).size()};
    }

    static int[][] counts(List<Item> items, int classes) {
        int[][] counts = new int[classes][2];
        for (Item it : items) {
            counts[it.label()][it.side()]++;
        }
        return counts;
    }

    /** The signal of an item in mV: its source record, augmented unless it is the original. */
    public float[] materialize(Item item) {
        return augmentation.apply(dataset.signal(item.source()), dataset.fs(item.source()), item.source(),
                item.copy());
    }
}
