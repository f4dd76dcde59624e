from airflow import DAG
from airflow.exceptions import AirflowException


class SparkSubmitOperator:
    """Records its arguments; execute() fails the way SparkSubmitHook does when `exit_code` is set."""

    exit_code = 0

    def __init__(self, task_id, **kwargs):
        self.task_id = task_id
        self.kwargs = kwargs
        DAG.current.tasks.append(self)

    def execute(self, context):
        if SparkSubmitOperator.exit_code:
            raise AirflowException(
                f"Cannot execute: spark-submit --class x app.jar. Error code is: {SparkSubmitOperator.exit_code}.")
        return None
