// In-process secret-scan throughput: one JVM scans the same tree several times through the public API, as a
// Jenkins agent's long-lived JVM does build after build, and prints each run's time and MB/s.
// usage: java -cp cli/target/pipeline-integrity.jar bench/InProcessScan.java TREE [RUNS]
import io.jenkins.plugins.integrity.check.CheckResult;
import io.jenkins.plugins.integrity.secrets.RuleSet;
import io.jenkins.plugins.integrity.secrets.ScanRequest;
import io.jenkins.plugins.integrity.secrets.SecretScanner;
import java.nio.file.Path;
import java.util.List;

public class InProcessScan {
    public static void main(String[] args) {
        Path tree = Path.of(args[0]).toAbsolutePath();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        SecretScanner scanner = new SecretScanner(RuleSet.builtIn());
        ScanRequest request = ScanRequest.of(List.of(tree), tree);
        for (int run = 1; run <= runs; run++) {
            long started = System.nanoTime();
            CheckResult result = scanner.scan(request);
            double seconds = (System.nanoTime() - started) / 1e9;
            long bytes = result.metrics().get("bytesScanned").longValue();
            System.out.printf("run %d: %d findings, %.2f s, %.1f MB/s%n", run, result.findings().size(), seconds,
                    bytes / 1e6 / seconds);
        }
    }
}
