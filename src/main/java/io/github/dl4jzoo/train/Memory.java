package io.github.dl4jzoo.train;

import java.lang.management.ManagementFactory;
import org.bytedeco.javacpp.Pointer;

/**
 * Peak heap in use and peak resident set of the process (heap, native code and ND4J's off-heap buffers, as
 * JavaCPP reads it from the OS), sampled at the start, every 20 batches and at the end. In a comparison the
 * process also holds what earlier runs left, so the resident figure is an upper bound for later recipes.
 */
final class Memory implements TrainingListener {
    private static final int EVERY_BATCHES = 20;
    private long peakHeap, peakResident;

    @Override
    public void onTrainingStart(TrainingContext c) {
        sample();
    }

    @Override
    public void onBatchEnd(TrainingContext c) {
        if (c.batch() % EVERY_BATCHES == 0) { // reading the OS's figures costs more than a small batch's update
            sample();
        }
    }

    @Override
    public void onTrainingEnd(TrainingContext c) {
        sample();
    }

    long peakHeap() {
        return peakHeap;
    }

    long peakResident() {
        return peakResident;
    }

    private void sample() {
        peakHeap = Math.max(
                peakHeap,
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        peakResident = Math.max(peakResident, Pointer.physicalBytes());
    }
}
