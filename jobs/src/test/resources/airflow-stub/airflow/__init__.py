"""The few names of Airflow that deploy/saleslift_dag.py uses, for DeployFilesTest where Airflow
is not installed (PyPI is not reachable here). Each records what the DAG file gives it."""


class DAG:
    current = None

    def __init__(self, dag_id, **kwargs):
        self.dag_id = dag_id
        self.kwargs = kwargs
        self.tasks = []

    def __enter__(self):
        DAG.current = self
        return self

    def __exit__(self, *exc):
        DAG.current = None
        return False
