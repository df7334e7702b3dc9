package org.ecgworkbench.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ecgworkbench.engine.synth.NoiseLevels;
import org.ecgworkbench.engine.synth.Rhythm;
import org.ecgworkbench.engine.synth.SynthParams;
import org.ecgworkbench.engine.synth.SyntheticRecord;
import org.ecgworkbench.engine.synth.Synthesizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Writes a synthetic ECG record (ECGSYN model) as WFDB format 16 with reference beat and rhythm annotations. */
@Command(name = "synth", description = "Writes a synthetic ECG (ECGSYN model, McSharry et al. 2003) as a WFDB record"
        + " (.hea, .dat format 16, values in mV) with reference annotations (.atr: N/V beats at the R peaks,"
        + " '+' rhythm (N, (AFIB or (NOISE).")
public final class SynthCommand implements Callable<Integer> {

    @Option(names = "--rhythm", required = true, paramLabel = "nsr|af|other|noise",
            description = "nsr: sinus rhythm with HRV; af: atrial fibrillation; other: sinus with PVCs; noise: mostly noise.")
    String rhythm;

    @Option(names = "--seconds", required = true, paramLabel = "S", description = "Duration in seconds.")
    double seconds;

    @Option(names = "--fs", required = true, paramLabel = "HZ", description = "Sampling frequency in Hz (any, e.g. 250, 360, 500).")
    double fs;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if needed).")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", description = "Record name (default: synth-RHYTHM).")
    String name;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}); the same seed gives the same record.")
    long seed;

    @Option(names = "--hr", paramLabel = "BPM", description = "Mean heart rate in bpm (default: 70; af 90; noise 75).")
    Double hr;

    @Option(names = "--hr-std", paramLabel = "BPM", defaultValue = "2", description = "Heart-rate standard deviation in bpm, sinus rhythms (default: ${DEFAULT-VALUE}).")
    double hrStd;

    @Option(names = "--lf-hf", paramLabel = "RATIO", defaultValue = "0.5", description = "LF/HF power ratio of the RR tachogram (default: ${DEFAULT-VALUE}).")
    double lfHf;

    @Option(names = "--leads", paramLabel = "1|2", defaultValue = "1", description = "1 (II) or 2 (II and a V1-like lead) (default: ${DEFAULT-VALUE}).")
    int leads;

    @Option(names = "--pvc-rate", paramLabel = "F", defaultValue = "0.1", description = "Fraction of beats that are PVCs, 0..0.5, rhythm other (default: ${DEFAULT-VALUE}).")
    double pvcRate;

    @Option(names = "--af-rr-cv", paramLabel = "CV", defaultValue = "0.25", description = "Coefficient of variation of AF RR intervals (default: ${DEFAULT-VALUE}).")
    double afRrCv;

    @Option(names = "--fwave-mv", paramLabel = "MV", defaultValue = "0.08", description = "AF f-wave peak amplitude in mV (default: ${DEFAULT-VALUE}).")
    double fWaveMv;

    @Option(names = "--fwave-hz", paramLabel = "HZ", defaultValue = "6", description = "Mean AF f-wave frequency, 4..9 Hz (default: ${DEFAULT-VALUE}).")
    double fWaveHz;

    @Option(names = "--ecg-scale", paramLabel = "F", description = "Factor on the ECG amplitude (default: 1; noise 0.4).")
    Double ecgScale;

    @Option(names = "--noise-mv", paramLabel = "MV", description = "White Gaussian noise std in mV (default: 0.01; noise 0.05).")
    Double noiseMv;

    @Option(names = "--bw-mv", paramLabel = "MV", description = "Baseline wander (0.15-0.3 Hz) amplitude in mV (default: 0.05; noise 0.8).")
    Double bwMv;

    @Option(names = "--powerline-mv", paramLabel = "MV", description = "Powerline interference amplitude in mV (default: 0; noise 0.05).")
    Double powerlineMv;

    @Option(names = "--powerline-hz", paramLabel = "HZ", defaultValue = "50", description = "Powerline frequency, 50 or 60 Hz (default: ${DEFAULT-VALUE}).")
    double powerlineHz;

    @Option(names = "--emg-mv", paramLabel = "MV", description = "EMG-like noise std in mV (default: 0; noise 0.3).")
    Double emgMv;

    @Option(names = "--motion-mv", paramLabel = "MV", description = "Electrode-motion artefact amplitude in mV (default: 0; noise 1).")
    Double motionMv;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SynthParams params;
        try {
            Rhythm r = Rhythm.parse(rhythm);
            NoiseLevels d = NoiseLevels.defaults(r);
            NoiseLevels noise = new NoiseLevels(or(noiseMv, d.gaussianMv()), or(bwMv, d.baselineMv()),
                    or(powerlineMv, d.powerlineMv()), powerlineHz, or(emgMv, d.emgMv()), or(motionMv, d.motionMv()));
            SynthParams.Builder b = SynthParams.builder(r, seconds, fs).seed(seed).heartRateStd(hrStd).lfHfRatio(lfHf)
                    .leads(leads).pvcRate(pvcRate).afRrCv(afRrCv).fWaveMv(fWaveMv).fWaveHz(fWaveHz).noise(noise);
            if (hr != null) {
                b.heartRate(hr);
            }
            if (ecgScale != null) {
                b.ecgScale(ecgScale);
            }
            params = b.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--" + e.getMessage());
        }
        String recordName = name != null ? name : "synth-" + params.rhythm().id();
        try {
            SyntheticRecord rec = Synthesizer.generate(params);
            Path hea = rec.write(out, recordName);
            PrintWriter stdout = spec.commandLine().getOut();
            long v = 0;
            for (boolean b : rec.ventricular()) {
                v += b ? 1 : 0;
            }
            stdout.println("wrote " + hea + " and its .dat and .atr");
            stdout.println(String.format(Locale.ROOT, "  %s, %s Hz, %.3f s (%d samples), %d lead(s), %d beats (%d V)",
                    params.rhythm().id(), Cli.number(params.fs()), params.samples() / params.fs(), params.samples(),
                    params.leads(), rec.rPeaks().length, v));
            stdout.flush();
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            return Cli.fail(spec.commandLine().getErr(), e, 1);
        }
    }

    private static double or(Double v, double d) {
        return v != null ? v : d;
    }
}
