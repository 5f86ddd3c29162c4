"""Training progress of many project teams at once, for the board's cards.

The projects app knows nothing of the training track: the app that runs it registers one
function `(project ids) -> {project id: TeamTraining}` with `register`, and one
`(project ids) -> {project id: TeamDays}` with `register_days` (the courses app does both), like
the exit criteria. Without them, the cards show no training figure.
"""

from dataclasses import dataclass

_providers = []


@dataclass(frozen=True)
class TeamTraining:
    courses: int
    courses_done: int
    lessons: int
    lessons_done: int

    @property
    def percent(self):
        return round(100 * self.lessons_done / self.lessons) if self.lessons else 0


def register(func):
    _providers.append(func)
    return func


def training_progress(project_ids):
    """{project id: TeamTraining} for the projects whose team is enrolled in a course."""
    project_ids = list(project_ids)
    result = {}
    if project_ids:
        for provider in _providers:
            result.update(provider(project_ids))
    return result


@dataclass(frozen=True)
class TeamDays:
    """The in-person training days of a team: attended, the next one, and those its current
    stage requires that it has not attended."""

    attended: tuple = ()  # titles of the days attended
    next_session: str = ""  # the next session the team is signed up for
    missing: tuple = ()  # titles of required days not attended


_day_providers = []


def register_days(func):
    _day_providers.append(func)
    return func


def training_days(project_ids):
    project_ids = list(project_ids)
    result = {}
    if project_ids:
        for provider in _day_providers:
            result.update(provider(project_ids))
    return result
