"""The evaluation runner: labelled cases, agreement metrics, a baseline gate."""

from reviewer.evals.cases import EvalCase, load_cases
from reviewer.evals.runner import compare, report, run_cases, summary_table

__all__ = ["EvalCase", "compare", "load_cases", "report", "run_cases", "summary_table"]
