package com.saleslift.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.saleslift.cli.SalesLiftCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files of deploy/ are real: the systemd units pass systemd-analyze verify, the crontab line
 * and every command line in them parse, the retry wrapper treats exit codes as docs/operations.md says,
 * and the Airflow DAG builds its task and maps exit codes to retry or fail (against a stub of the
 * few Airflow names it uses: Airflow is not installed here).
 */
class DeployFilesTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path DEPLOY = REPO.resolve("deploy");
  /** Where the deploy files expect the launcher and the retry wrapper (the Debian package's paths). */
  private static final String LAUNCHER = "/usr/bin/saleslift";
  private static final String RETRY = "/usr/share/saleslift/bin/nightly-retry";

  @TempDir
  Path dir;

  @Test
  void systemdUnitsVerify() throws Exception {
    List<String> units = List.of("saleslift.service", "saleslift.timer", "saleslift-alert@.service");
    List<String> command = new ArrayList<>(List.of("systemd-analyze", "verify", "--man=no"));
    for (String unit : units) {
      // Pointed at this checkout's launcher: verify wants the command to exist.
      Files.writeString(dir.resolve(unit), Files.readString(DEPLOY.resolve(unit)).replace(LAUNCHER, REPO.resolve("saleslift").toString()));
      command.add(dir.resolve(unit).toString());
    }
    // verify exits 0 on a setting it ignores ("Failed to parse ..., ignoring"): its output must be empty too.
    Result verify = run(command, Map.of());
    assertThat(verify.output()).as("systemd-analyze verify says").isEmpty();
    assertThat(verify.exit()).isZero();

    String service = Files.readString(DEPLOY.resolve("saleslift.service"));
    assertThat(service).contains("RestartPreventExitStatus=2 3", "Restart=on-failure", "StartLimitBurst=2",
        "OnFailure=saleslift-alert@%n.service");
    String execStart = service.lines().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
    assertParses(Arrays.asList(execStart.substring("ExecStart=".length()).split(" ")), LAUNCHER);
  }

  @Test
  void crontabLineParses() throws IOException {
    List<String> jobs = Files.readAllLines(DEPLOY.resolve("saleslift.cron")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.matches("[A-Z_]+=.*")).toList();
    assertThat(jobs).hasSize(1);
    List<String> fields = Arrays.asList(jobs.get(0).trim().split("\\s+"));
    int[][] ranges = {{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};
    for (int i = 0; i < ranges.length; i++) {
      assertThat(CronField.valid(fields.get(i), ranges[i][0], ranges[i][1])).as("cron field %d: %s", i + 1, fields.get(i)).isTrue();
    }
    assertThat(fields.get(5)).isEqualTo(RETRY);
    assertThat(DEPLOY.resolve("nightly-retry")).isExecutable();
    assertParses(fields.subList(6, fields.size()), LAUNCHER);
  }

  @Test
  void retryWrapperRetriesExitOneOnceAndNeverTwoOrThree() throws Exception {
    assertThat(wrapped(0)).isEqualTo(new Wrapped(0, 1, ""));
    assertThat(wrapped(1, 0)).isEqualTo(new Wrapped(0, 2, ""));
    Wrapped twice = wrapped(1, 1, 0);
    assertThat(twice.exit()).isEqualTo(1);
    assertThat(twice.attempts()).isEqualTo(2);
    assertThat(twice.printed()).startsWith("saleslift failed with exit 1 after 2 attempt(s)").contains("attempt says exit 1");
    for (int code : new int[] {2, 3}) {
      Wrapped once = wrapped(code, 0);
      assertThat(once.exit()).isEqualTo(code);
      assertThat(once.attempts()).isEqualTo(1);
      assertThat(once.printed()).contains("exit " + code + " after 1 attempt(s)", "attempt says exit " + code);
    }
    // Every attempt's output is in the log, the run's summary included.
    assertThat(Files.readString(dir.resolve("nightly.log"))).contains("attempt says exit 0");
  }

  @Test
  void retryWrapperExportsTheSecretsFileAsWrittenWithoutPrintingIt() throws Exception {
    Path secrets = Files.writeString(dir.resolve("notify.env"),
        "# a comment\nSALESLIFT_WEBHOOK_URL=https://hooks.example.com/T0/x?a=1&b=$HOME\n\nSALESLIFT_SMTP_PASSWORD=p w\"d");
    Path fake = dir.resolve("fake-env");
    Files.writeString(fake, "#!/usr/bin/env bash\nprintf '%s|%s\\n' \"$SALESLIFT_WEBHOOK_URL\" \"$SALESLIFT_SMTP_PASSWORD\" > '"
        + dir.resolve("seen") + "'\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    Result result = run(List.of(DEPLOY.resolve("nightly-retry").toString(), fake.toString()), Map.of("SALESLIFT_LOG",
        dir.resolve("nightly.log").toString(), "SALESLIFT_RETRY_DELAY", "0", "SALESLIFT_ENV_FILE", secrets.toString()));
    assertThat(result.exit()).isZero();
    assertThat(result.output()).isEmpty();
    assertThat(Files.readString(dir.resolve("seen"))).isEqualTo("https://hooks.example.com/T0/x?a=1&b=$HOME|p w\"d\n");
    assertThat(Files.readString(dir.resolve("nightly.log"))).doesNotContain("hooks.example.com");

    Result missing = run(List.of(DEPLOY.resolve("nightly-retry").toString(), fake.toString()), Map.of("SALESLIFT_LOG",
        dir.resolve("nightly.log").toString(), "SALESLIFT_RETRY_DELAY", "0", "SALESLIFT_ENV_FILE", dir.resolve("none").toString()));
    assertThat(missing.exit()).isZero();
    assertThat(missing.output().strip()).isEqualTo("nightly-retry: warning: cannot read SALESLIFT_ENV_FILE " + dir.resolve("none")
        + "; the run's notifications may fail");
  }

  @Test
  void airflowDagSubmitsNightlyAndFailsWithoutRetryOnTwoAndThree() throws Exception {
    Path stub = Path.of("src/test/resources/airflow-stub").toAbsolutePath();
    String harness = String.join("\n",
        "import json, runpy, sys",
        "sys.path.insert(0, sys.argv[1])",
        "ns = runpy.run_path(sys.argv[2])",
        "from airflow.exceptions import AirflowException, AirflowFailException",
        "from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator",
        "dag = ns['dag']",
        "task = dag.tasks[0]",
        "outcomes = {}",
        "for code in (0, 1, 2, 3):",
        "    SparkSubmitOperator.exit_code = code",
        "    try:",
        "        task.execute({})",
        "        outcomes[code] = 'ok'",
        "    except AirflowFailException:",
        "        outcomes[code] = 'fail'",
        "    except AirflowException:",
        "        outcomes[code] = 'retry'",
        "args = dag.kwargs['default_args']",
        "print(json.dumps({'dag_id': dag.dag_id, 'schedule': dag.kwargs['schedule'], 'retries': args['retries'],",
        "    'email_on_failure': args['email_on_failure'], 'task': {k: v for k, v in task.kwargs.items() if k != 'execution_timeout'},",
        "    'outcomes': outcomes}))");
    Result python = run(List.of("python3", "-c", harness, stub.toString(), DEPLOY.resolve("saleslift_dag.py").toString()), Map.of());
    assertThat(python.exit()).as(python.output()).isZero();
    JsonNode dag = new ObjectMapper().readTree(python.output());
    assertThat(dag.get("dag_id").asText()).isEqualTo("saleslift_nightly");
    List<String> schedule = Arrays.asList(dag.get("schedule").asText().split(" "));
    assertThat(CronField.valid(schedule.get(0), 0, 59) && CronField.valid(schedule.get(1), 0, 23)).isTrue();
    assertThat(dag.get("retries").asInt()).isEqualTo(1);
    assertThat(dag.get("email_on_failure").asBoolean()).isTrue();
    JsonNode task = dag.get("task");
    assertThat(task.get("java_class").asText()).isEqualTo(SalesLiftCli.class.getName());
    assertThat(task.get("application").asText()).isEqualTo("/usr/share/saleslift/lib/saleslift.jar");
    assertThat(task.get("deploy_mode").asText()).isEqualTo("client");
    // The secrets of notify: come from Airflow Variables, into the driver's environment.
    assertThat(task.get("env_vars").toString()).isEqualTo("{\"SALESLIFT_SMTP_PASSWORD\":\"{{ var.value.saleslift_smtp_password }}\","
        + "\"SALESLIFT_WEBHOOK_URL\":\"{{ var.value.saleslift_webhook_url }}\"}");
    List<String> args = new ArrayList<>();
    task.get("application_args").forEach(a -> args.add(a.asText().replace("{{ ds }}", "2026-11-28")));
    assertThat(args).startsWith("nightly", "--date", "2026-11-28");
    // The same configuration file as the systemd unit and the cron line.
    assertThat(String.join(" ", args)).endsWith("--config /etc/saleslift/saleslift.yaml");
    assertParses(args, null);
    assertThat(dag.get("outcomes").toString()).isEqualTo("{\"0\":\"ok\",\"1\":\"retry\",\"2\":\"fail\",\"3\":\"fail\"}");
  }

  /** The arguments after the launcher parse as a SalesLift command line: known command, known options, valid values. */
  private static void assertParses(List<String> commandLine, String launcher) {
    List<String> args = launcher == null ? commandLine : commandLine.subList(1, commandLine.size());
    if (launcher != null) {
      assertThat(commandLine.get(0)).isEqualTo(launcher);
    }
    assertThat(args.get(0)).isEqualTo("nightly");
    SalesLiftCli.commandLine(args).parseArgs(args.toArray(String[]::new));
  }

  private record Result(int exit, String output) {}

  private record Wrapped(int exit, int attempts, String printed) {}

  /** deploy/nightly-retry around a stand-in command that exits with the given codes in turn. */
  private Wrapped wrapped(int... codes) throws Exception {
    Path attempts = dir.resolve("attempts-" + Arrays.toString(codes).replaceAll("\\W", ""));
    Path fake = dir.resolve("fake-" + attempts.getFileName());
    StringBuilder script = new StringBuilder("#!/usr/bin/env bash\necho x >> '" + attempts + "'\nn=$(wc -l < '" + attempts + "')\n");
    for (int i = 0; i < codes.length; i++) {
      script.append("if [ \"$n\" -eq ").append(i + 1).append(" ]; then echo 'attempt says exit ").append(codes[i])
          .append("'; exit ").append(codes[i]).append("; fi\n");
    }
    Files.writeString(fake, script.append("exit 99\n"));
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    Result result = run(List.of(DEPLOY.resolve("nightly-retry").toString(), fake.toString()),
        Map.of("SALESLIFT_LOG", dir.resolve("nightly.log").toString(), "SALESLIFT_RETRY_DELAY", "0"));
    return new Wrapped(result.exit(), Files.readAllLines(attempts).size(), result.output());
  }

  private static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process p = builder.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new Result(p.exitValue(), output);
  }
}
