"""What a project must have done before it may ask for the next stage.

The projects app checks its own criteria (required checklist items and deliverables); other
apps add theirs (e.g. courses: "course X done by the team") with `register`. A criterion
function takes the project (its current stage is `project.stage`) and keyword arguments with
what the caller has already read (e.g. `state`, the stage's checklist and documents: ignore what
you do not use), and returns a list of `Criterion`s for that stage; it should use few, constant
queries.
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


def evaluate(project, **known):
    results = []
    for func in _criteria:
        results.extend(func(project, **known))
    return results
