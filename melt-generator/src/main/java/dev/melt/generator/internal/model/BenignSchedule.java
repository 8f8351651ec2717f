package dev.melt.generator.internal.model;

import dev.melt.generator.internal.plan.RandomStreams;
import dev.melt.generator.internal.plan.Topology;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The benign look-alikes of a dataset, decided from the seed: deployments that restart a
 * service's hosts one by one and shift its baseline a little, and batch jobs that raise one
 * host's CPU at fixed times (a nightly job on the deepest services, an hourly one on some
 * others). They are labelled normal: a detector that flags them raises a false positive.
 */
public final class BenignSchedule {

    /** Delay between the restarts of two hosts in a rolling deployment. */
    public static final long ROLLING_STEP_MILLIS = 45_000;
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    /** Mean time between two deployments of one service. */
    private static final double DEPLOY_EVERY_HOURS = 8.0;

    /**
     * A deployment of a new version of a service.
     *
     * @param service the service index
     * @param at when the rollout starts; host {@code i} restarts {@code i * 45 s} later
     * @param version the new version, such as {@code v1.15.0}
     * @param previousVersion the version it replaces
     * @param latencyFactor how the new version's latency compares to the old baseline (0.94–1.08)
     * @param cpuFactor how the new version's CPU cost compares to the old baseline (0.95–1.07)
     */
    public record Deployment(int service, long at, String version, String previousVersion, double latencyFactor,
                             double cpuFactor) {
    }

    /**
     * A scheduled job that raises one host's CPU at fixed times.
     *
     * @param name the job's name, such as {@code nightly-backup}
     * @param host the host index
     * @param periodMillis how often it runs (a day or an hour)
     * @param offsetMillis when in each period it starts
     * @param durationMillis how long it runs
     * @param cpuPoints how many CPU percentage points it adds while it runs
     */
    public record BatchJob(String name, int host, long periodMillis, long offsetMillis, long durationMillis,
                           double cpuPoints) {

        /**
         * Returns the CPU the job adds at an instant, ramping in and out over 30 s.
         *
         * @param epochMillis the instant
         * @return the added CPU points, 0 while the job does not run
         */
        public double cpuAt(long epochMillis) {
            long phase = Math.floorMod(epochMillis - offsetMillis, periodMillis);
            if (phase >= durationMillis) {
                return 0;
            }
            double ramp = Math.min(1.0, Math.min(phase, durationMillis - phase) / 30_000.0);
            return cpuPoints * ramp;
        }
    }

    private final List<Deployment> deployments;
    /** The start time of each deployment, in the order of {@link #deployments}. */
    private final long[] deploymentTimes;
    private final List<BatchJob> batchJobs;
    /** Per service: deployment start times, sorted, and the deployments in the same order. */
    private final long[][] deployTimes;
    private final Deployment[][] deployOf;
    /** Per host: the batch jobs running on it. */
    private final BatchJob[][] jobsOf;
    private final String[] initialVersion;

    private BenignSchedule(List<Deployment> deployments, List<BatchJob> batchJobs, Topology topology,
                           String[] initialVersion) {
        this.deployments = List.copyOf(deployments);
        this.deploymentTimes = deployments.stream().mapToLong(Deployment::at).toArray();
        this.batchJobs = List.copyOf(batchJobs);
        this.initialVersion = initialVersion;
        int services = topology.services().size();
        deployTimes = new long[services][];
        deployOf = new Deployment[services][];
        for (int s = 0; s < services; s++) {
            int service = s;
            Deployment[] own = deployments.stream().filter(d -> d.service() == service).toArray(Deployment[]::new);
            deployOf[s] = own;
            deployTimes[s] = Arrays.stream(own).mapToLong(Deployment::at).toArray();
        }
        jobsOf = new BatchJob[topology.hosts().size()][];
        for (int h = 0; h < jobsOf.length; h++) {
            int host = h;
            jobsOf[h] = batchJobs.stream().filter(j -> j.host() == host).toArray(BatchJob[]::new);
        }
    }

    /**
     * Decides the benign look-alikes of a dataset.
     *
     * @param seed the dataset seed
     * @param topology the fleet
     * @param start the first instant of the dataset
     * @param end the end of the dataset (exclusive)
     * @param enabled {@code false} to generate none
     * @return the schedule
     */
    public static BenignSchedule of(long seed, Topology topology, long start, long end, boolean enabled) {
        int services = topology.services().size();
        String[] initial = new String[services];
        List<Deployment> deployments = new ArrayList<>();
        List<BatchJob> jobs = new ArrayList<>();
        int maxDepth = topology.services().stream().mapToInt(Topology.Service::depth).max().orElse(0);
        for (Topology.Service service : topology.services()) {
            UniformRandomProvider rng = RandomStreams.stream(seed, "benign", RandomStreams.nameKey(service.name()));
            int minor = rng.nextInt(20);
            int patch = rng.nextInt(10);
            initial[service.index()] = version(minor, patch);
            if (!enabled) {
                continue;
            }
            double hours = (end - start) / (double) HOUR;
            // Poisson process of deployments: exponential gaps.
            double t = 0;
            String previous = initial[service.index()];
            while (true) {
                t += -Math.log(1 - rng.nextDouble()) * DEPLOY_EVERY_HOURS;
                if (t >= hours) {
                    break;
                }
                minor++;
                String next = version(minor, 0);
                deployments.add(new Deployment(service.index(), start + (long) (t * HOUR) / 1000 * 1000, next,
                        previous, 0.94 + 0.14 * rng.nextDouble(), 0.95 + 0.12 * rng.nextDouble()));
                previous = next;
            }
            List<Topology.Host> hosts = service.hosts();
            if (service.depth() == maxDepth && maxDepth > 0 || services == 1) {
                // A nightly job (backup, compaction) on the first host of the deepest services.
                jobs.add(new BatchJob("nightly-backup", hosts.get(0).index(), DAY,
                        HOUR + rng.nextInt(120) * 60_000L, (20 + rng.nextInt(21)) * 60_000L, 12 + 8 * rng.nextDouble()));
            }
            if (rng.nextDouble() < 0.5) {
                jobs.add(new BatchJob("hourly-report", hosts.get(rng.nextInt(hosts.size())).index(), HOUR,
                        rng.nextInt(60) * 60_000L, (2 + rng.nextInt(4)) * 60_000L, 5 + 5 * rng.nextDouble()));
            }
        }
        if (enabled && deployments.isEmpty() && end - start >= HOUR) {
            // Short datasets still get one deployment, so false-positive tests meet one.
            UniformRandomProvider rng = RandomStreams.stream(seed, "benign-fallback");
            int s = rng.nextInt(services);
            long at = start + (end - start) / 4 + rng.nextLong((end - start) / 2 / 1000) * 1000;
            String previous = initial[s];
            String next = version(minor(previous) + 1, 0);
            deployments.add(new Deployment(s, at, next, previous, 0.94 + 0.14 * rng.nextDouble(),
                    0.95 + 0.12 * rng.nextDouble()));
        }
        deployments.sort(Comparator.comparingLong(Deployment::at).thenComparingInt(Deployment::service));
        return new BenignSchedule(deployments, jobs, topology, initial);
    }

    private static String version(int minor, int patch) {
        return "v1." + minor + "." + patch;
    }

    private static int minor(String version) {
        return Integer.parseInt(version.split("\\.")[1]);
    }

    /** @return every deployment, in time order */
    public List<Deployment> deployments() {
        return deployments;
    }

    /**
     * Returns the deployments that start in a span of time, without scanning the others.
     *
     * @param from the first instant, inclusive
     * @param to the end, exclusive
     * @return those deployments, in time order
     */
    public List<Deployment> deployments(long from, long to) {
        return deployments.subList(firstAtOrAfter(from), Math.max(firstAtOrAfter(from), firstAtOrAfter(to)));
    }

    /** The index of the first deployment starting at or after an instant. */
    private int firstAtOrAfter(long epochMillis) {
        int lo = 0;
        int hi = deploymentTimes.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (deploymentTimes[mid] < epochMillis) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** @return every batch job */
    public List<BatchJob> batchJobs() {
        return batchJobs;
    }

    /**
     * Returns the latest deployment of a service that started at or before an instant.
     *
     * @param service the service index
     * @param epochMillis the instant
     * @return the deployment, or {@code null} when none has happened yet
     */
    public Deployment deploymentAt(int service, long epochMillis) {
        long[] times = deployTimes[service];
        int i = Arrays.binarySearch(times, epochMillis);
        i = i >= 0 ? i : -i - 2;
        return i >= 0 ? deployOf[service][i] : null;
    }

    /**
     * Returns the version a service runs at an instant.
     *
     * @param service the service index
     * @param epochMillis the instant
     * @return the version, such as {@code v1.14.0}
     */
    public String versionAt(int service, long epochMillis) {
        Deployment d = deploymentAt(service, epochMillis);
        return d == null ? initialVersion[service] : d.version();
    }

    /**
     * Returns the CPU that batch jobs add on a host at an instant.
     *
     * @param host the host index
     * @param epochMillis the instant
     * @return the added CPU points
     */
    public double batchCpu(int host, long epochMillis) {
        double sum = 0;
        for (BatchJob job : jobsOf[host]) {
            sum += job.cpuAt(epochMillis);
        }
        return sum;
    }
}
