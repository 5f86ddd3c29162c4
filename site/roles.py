"""The three roles of the site, as Django groups, and the questions views ask about them."""

from django.utils.translation import gettext_lazy as _

TEAM_MEMBER = "Équipe projet"
TRAINER = "Formateur·rice"
HEAD_OFFICE = "Siège"

ROLE_LABELS = {
    TEAM_MEMBER: _("Project team member"),
    TRAINER: _("Trainer"),
    HEAD_OFFICE: _("Head office"),
}


def _group_names(user):
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._role_names = cached
    return cached


def is_head_office(user):
    return user.is_authenticated and (user.is_superuser or HEAD_OFFICE in _group_names(user))


def is_trainer(user):
    return user.is_authenticated and TRAINER in _group_names(user)


def is_staff_member(user):
    """Head office or trainer: people who work for the network rather than in a team."""
    return is_head_office(user) or is_trainer(user)
