"""/history and /undo as the admin reads them (plain text: escape before sending as HTML)."""

from __future__ import annotations

from bot.querylog import TableVersion
from bot.telegram.stats import short_time
from bot.versions import UndoOutcome, UndoStatus

# (command, description) for the admins' command menu, after the other admin commands.
SHOWN_VERSIONS = 10
MAX_IDS = 8

UNAVAILABLE = "پایگاه داده در دسترس نیست؛ تاریخچهٔ جدول خوانده نشد."
EMPTY = "هنوز نسخه‌ای از جدول ثبت نشده است."
NOTHING_TO_UNDO = "نسخهٔ قبلی‌ای برای برگشتن نیست."
UNDO_UNAVAILABLE = "پایگاه داده در دسترس نیست؛ برگشت به نسخهٔ قبلی ممکن نشد."


def history_text(versions: list[TableVersion] | None, served: int | None) -> str:
    """The newest versions, newest first, with who made each, when, and what changed."""
    if versions is None:
        return UNAVAILABLE
    if not versions:
        return EMPTY
    lines = ["🗂 نسخه‌های جدول پرسش و پاسخ (تازه‌ترین در بالا، زمان‌ها UTC):"]
    for version in versions:
        mark = " ← در حال استفاده" if version.id == served else ""
        lines.append(
            f"• نسخهٔ {version.id} — {short_time(version.ts)} — {_action(version)}{_by(version.admin_id)}"
            f" — {version.entries} مدخل، {version.phrasings} عبارت{mark}"
        )
        if changes := _changes(version):
            lines.append(f"  {changes}")
    lines.append("برای برگشتن به نسخهٔ پیش از نسخهٔ در حال استفاده: /undo")
    return "\n".join(lines)


def undo_text(outcome: UndoOutcome) -> str:
    """What /undo did."""
    if outcome.status is UndoStatus.NOTHING:
        return NOTHING_TO_UNDO
    if outcome.status is UndoStatus.UNAVAILABLE:
        return UNDO_UNAVAILABLE
    if outcome.status is UndoStatus.REFUSED:
        number = outcome.restored.id if outcome.restored else "؟"
        errors = outcome.result.text() if outcome.result else ""
        return f"نسخهٔ {number} با این گزارش جور نیست.\n{errors}".strip()
    restored = outcome.restored
    assert restored is not None
    text = f"↩️ جدول به نسخهٔ {restored.id} برگشت: {restored.entries} مدخل، {restored.phrasings} عبارت."
    if outcome.version is not None:
        text += f"\nاین برگشت با شمارهٔ نسخهٔ {outcome.version.id} ثبت شد."
    else:
        text += "\nپایگاه داده در دسترس نیست؛ این برگشت وقتی در دسترس شود ثبت می‌شود."
    return text


def _action(version: TableVersion) -> str:
    if version.action == "undo":
        return f"برگشت به نسخهٔ {version.restores}" if version.restores else "برگشت"
    return {
        "start": "فایل جدول هنگام شروع",
        "reload": "بارگذاری دوباره با ‎/reload",
        "upload": "فایل فرستاده‌شده",
    }.get(version.action, version.action)


def _by(admin_id: int | None) -> str:
    return f" از مدیر {admin_id}" if admin_id is not None else ""


def _changes(version: TableVersion) -> str:
    parts = []
    for label, ids in (("افزوده", version.added), ("حذف‌شده", version.removed), ("تغییریافته", version.changed)):
        if ids:
            parts.append(f"{label} ({len(ids)}): {_ids(ids)}")
    return "؛ ".join(parts)


def _ids(ids: tuple[str, ...]) -> str:
    shown = "، ".join(ids[:MAX_IDS])
    more = len(ids) - MAX_IDS
    return shown + (f" و {more} مورد دیگر" if more > 0 else "")
