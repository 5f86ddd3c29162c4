"""What a project must have done before it may ask for the next stage.

The projects app checks its own criteria (required checklist items and deliverables); other
apps add theirs (e.g. courses: "course X done by the team") with `register`. A criterion
function takes the project (its current stage is `project.stage`) and returns a list of
`Criterion`s for that stage; it should use few, constant queries.
"""

from dataclasses import dataclass

_criteria = []


@dataclass(frozen=True)
class Criterion:
    label: str
    met: bool
    kind: str = ""


def register(func):
    _criteria.append(func)
    return func


def evaluate(project):
    results = []
    for func in _criteria:
        results.extend(func(project))
    return results
