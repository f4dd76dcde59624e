"""SalesLift nightly on a Spark cluster, from Airflow (apache-airflow-providers-apache-spark).

Copy this file into the DAGs folder and the shaded jar (lib/saleslift.jar of the release, as the
Debian package installs it; jobs/target/saleslift.jar of a build) to where the workers see it; set the Airflow connection `spark_saleslift` to the cluster's master
(spark://host:7077, yarn or k8s://...). Each run computes the run date Airflow gives it ({{ ds }}),
so clearing a past run, or `airflow dags backfill`, recomputes that day (a backfill).

Exit codes (docs/operations.md, "Running in production"): 1 (internal: Spark, disk) is retried once;
2 (usage or configuration) and 3 (input refused) fail the task at once, without a retry, and
with a failure e-mail: a retry cannot mend them. Deploy mode is client, so spark-submit returns
the job's own exit code.

Notifications: with `notify:` in saleslift.yaml the job mails the report and posts to chat itself
(after success, data warnings or failure, as `notify.on` lists); its secrets come from the Airflow
Variables saleslift_smtp_password and saleslift_webhook_url (Airflow masks variables whose names
say password or secret in its logs; keep the webhook URL's variable out of rendered fields you share).
Airflow's own email_on_failure below is the alternative for failures: list only
[success, warning] in notify.on to leave failures to Airflow, or turn email_on_failure off.
"""

import re
from datetime import datetime, timedelta

from airflow import DAG
from airflow.exceptions import AirflowException, AirflowFailException
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

SALESLIFT_JAR = "/usr/share/saleslift/lib/saleslift.jar"
INPUT = "/var/lib/saleslift/input"
OUTPUT = "/var/lib/saleslift/reports"
# The configuration the package installs, as the systemd unit and the cron line name it: given
# as --config, it wins over SALESLIFT_CONFIG and the input folder's saleslift.yaml.
CONFIG = "/etc/saleslift/saleslift.yaml"
NOT_RETRIED = {2: "usage or configuration error", 3: "input refused"}


class SalesLiftSubmit(SparkSubmitOperator):
    """spark-submit of the SalesLift jar that fails for good on the exit codes a retry cannot mend."""

    def execute(self, context):
        try:
            return super().execute(context)
        except AirflowException as failure:
            # SparkSubmitHook says "... Error code is: N." when spark-submit exits non-zero.
            found = re.search(r"Error code is: (\d+)", str(failure))
            code = int(found.group(1)) if found else None
            if code in NOT_RETRIED:
                raise AirflowFailException(
                    f"saleslift exit {code} ({NOT_RETRIED[code]}): see the task log and {OUTPUT}/_failed/"
                ) from failure
            raise


with DAG(
    dag_id="saleslift_nightly",
    description="SalesLift: sales metrics beside PLG metrics, sales lift, leadership PDF",
    schedule="30 2 * * *",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={
        "owner": "revops",
        "retries": 1,
        "retry_delay": timedelta(minutes=10),
        "email": ["saleslift-alerts@example.com"],
        "email_on_failure": True,
        "email_on_retry": False,
    },
    tags=["saleslift"],
) as dag:
    nightly = SalesLiftSubmit(
        task_id="nightly",
        conn_id="spark_saleslift",
        application=SALESLIFT_JAR,
        java_class="com.saleslift.cli.SalesLiftCli",
        deploy_mode="client",
        application_args=["nightly", "--date", "{{ ds }}", "--input", INPUT, "--output", OUTPUT, "--config", CONFIG],
        env_vars={
            "SALESLIFT_SMTP_PASSWORD": "{{ var.value.saleslift_smtp_password }}",
            "SALESLIFT_WEBHOOK_URL": "{{ var.value.saleslift_webhook_url }}",
        },
        execution_timeout=timedelta(hours=3),
    )
