"""Training sessions as iCalendar (RFC 5545), for the public feed and the emails' attachments."""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

PRODUCT_ID = "-//Cantines de quartier//Journées de formation//FR"


def _absolute(request, url):
    if request is not None:
        return request.build_absolute_uri(url)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def session_event(session, request=None, url=None):
    event = Event()
    domain = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    event.add("uid", f"session-{session.pk}@{domain}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("summary", session.day.title)
    event.add("location", session.place)
    description = [session.day.summary]
    if session.practical_note:
        description.append(session.practical_note)
    if url:
        link = _absolute(request, url)
        event.add("url", link)
        description.append(link)
    event.add("description", "\n\n".join(description))
    event.add("status", "CANCELLED" if session.is_cancelled else "CONFIRMED")
    event.add("sequence", int(session.updated_at.timestamp()) if session.updated_at else 0)
    return event


def sessions_calendar(request, sessions):
    """The bytes of a calendar holding these sessions (their `day` selected)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Journées de formation")
    for session in sessions:
        calendar.add_component(session_event(session, request, session_url(session)))
    return calendar.to_ical()


def session_url(session):
    """The session's page, from its day's url_path (no query)."""
    day_url = session.day.get_url()
    return f"{day_url}session/{session.pk}/" if day_url else ""
