"""A person's stored portrait: made from an uploaded photo (``issuer.portrait``), kept, read.

The photo itself is never stored nor logged: only the normalised 240×300 greyscale PNG
(:class:`~issuer.storage.models.PersonPortrait`), replaced by each new photo; the audit event
names the person, never the image.
"""

from __future__ import annotations

from .context import IssuerContext
from .enrolment import person as find_person
from .portrait import Portrait, make_portrait
from .storage.models import MAX_PORTRAIT_PNG, PersonPortrait

__all__ = ["portrait_png", "set_portrait"]


def set_portrait(ctx: IssuerContext, person_id: str, photo: bytes, *, actor: str) -> Portrait:
    """Make the portrait of ``person_id`` from ``photo`` and store it (replacing any before).

    Raises ``NotFound`` for an unknown person, a ``PortraitInvalid`` for a photo that gives no
    portrait (no face, several, unreadable, too large).
    """
    find_person(ctx, person_id)  # an unknown person is refused before any pixel is decoded
    made = make_portrait(photo)
    if len(made.png) > MAX_PORTRAIT_PNG:  # cannot happen at 240×300 greyscale; bounded all the same
        raise AssertionError("a normalised portrait exceeds its bound")
    with ctx.sessions.begin() as session:
        stored = session.get(PersonPortrait, person_id)
        if stored is None:
            session.add(PersonPortrait(person_id=person_id, png=made.png, updated_at=ctx.now()))
        else:
            stored.png, stored.updated_at = made.png, ctx.now()
        ctx.audit(session, actor, "person.portrait", f"person={person_id}")
    return made


def portrait_png(ctx: IssuerContext, person_id: str) -> bytes | None:
    """The stored portrait PNG of ``person_id``, if they have one."""
    with ctx.sessions() as session:
        stored = session.get(PersonPortrait, person_id)
        return None if stored is None else stored.png
