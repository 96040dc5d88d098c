"""Every e-mail the site sends leaves through the task queue, never from a request.

EMAIL_BACKEND is QueuedEmailBackend: sending a message (ours, Wagtail's workflow
notifications, Django's password resets) writes a `deliver_email` task carrying the
message as JSON, in the transaction of whatever called for it. The worker then hands the
message to QUEUED_EMAIL_BACKEND, the backend that really sends (SMTP in production, the
console in development, memory in tests). A send that fails is tried again later, after
each delay of QUEUED_EMAIL_RETRY_DELAYS in turn; only when they are spent does the task
end as failed, with the whole message still in its row.
"""

import base64
import logging
import uuid
from datetime import timedelta
from email.mime.base import MIMEBase
from email.utils import formatdate, make_msgid
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.utils import DNS_NAME
from django.utils import timezone
from django_tasks import task
from django_tasks.base import DEFAULT_TASK_PRIORITY
from wagtail.users.models import UserProfile

logger = logging.getLogger(__name__)

BULK_PRIORITY = DEFAULT_TASK_PRIORITY - 10


def serialise(message):
    """The message as JSON-safe data, with its Date and Message-ID fixed now.

    Fixing both at enqueue time keeps the date of the event, and gives every attempt of
    a retried message the same Message-ID, so a receiving server can spot a duplicate.
    """
    headers = {
        "Date": formatdate(localtime=settings.EMAIL_USE_LOCALTIME),
        "Message-ID": make_msgid(domain=DNS_NAME),
        **message.extra_headers,
    }
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            raise TypeError("A MIME part attached as such cannot be queued; attach its content.")
        filename, content, mimetype = attachment
        is_binary = isinstance(content, bytes)
        attachments.append(
            {
                "filename": filename,
                "content": base64.b64encode(content).decode("ascii") if is_binary else content,
                "base64": is_binary,
                "mimetype": mimetype,
            }
        )
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": headers,
        "content_subtype": message.content_subtype,
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
    }


def deserialise(data, connection=None):
    """The message that `serialise` wrote down, ready to send through `connection`."""
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(alternative) for alternative in data["alternatives"]],
        connection=connection,
    )
    message.content_subtype = data["content_subtype"]
    for attachment in data["attachments"]:
        content = attachment["content"]
        if attachment["base64"]:
            content = base64.b64decode(content)
        message.attach(attachment["filename"], content, attachment["mimetype"])
    return message


@task(takes_context=True)
def deliver_email(context, message, attempt=1):
    """Send one queued message through QUEUED_EMAIL_BACKEND; on failure, queue a retry.

    The retry keeps the task's priority. Returns what became of the attempt, which the
    task's result keeps.
    """
    connection = get_connection(settings.QUEUED_EMAIL_BACKEND, fail_silently=False)
    try:
        deserialise(message, connection).send()
    except Exception as error:
        delays = settings.QUEUED_EMAIL_RETRY_DELAYS
        this_task = context.task_result.task
        if attempt > len(delays) or not this_task.get_backend().supports_defer:
            logger.error(
                "Gave up sending the e-mail %r to %s after %d attempt(s): %s",
                message["subject"],
                ", ".join(message["to"]),
                attempt,
                error,
            )
            raise
        retry_at = timezone.now() + timedelta(seconds=delays[attempt - 1])
        this_task.using(run_after=retry_at).enqueue(message, attempt=attempt + 1)
        logger.warning(
            "Could not send the e-mail %r to %s (attempt %d): %s; trying again at %s",
            message["subject"],
            ", ".join(message["to"]),
            attempt,
            error,
            retry_at.isoformat(),
        )
        return {"sent": False, "error": repr(error), "retry_at": retry_at.isoformat()}
    return {"sent": True, "attempt": attempt}


class QueuedEmailBackend(BaseEmailBackend):
    """An e-mail backend that queues each message for the worker instead of sending it.

    `priority` orders the worker's queue: a mailing opens its connection with
    `get_connection(priority=BULK_PRIORITY)`, so that the e-mail a reader waits for (a
    confirmation link, a password reset) passes before it.
    """

    def __init__(self, fail_silently=False, priority=DEFAULT_TASK_PRIORITY, **kwargs):
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.priority = priority

    def send_messages(self, email_messages):
        queued = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                deliver_email.using(priority=self.priority).enqueue(serialise(message))
            except Exception:
                if not self.fail_silently:
                    raise
                logger.exception("Could not queue the e-mail %r", message.subject)
            else:
                queued += 1
        return queued


def language_of(user):
    """The language of every e-mail to `user`, a member of the staff: the admin language
    chosen in their account, else the site's default language (LANGUAGE_CODE).

    Never the language of whoever caused the e-mail: two reviewers told of the same
    event each read it in their own language.
    """
    try:
        chosen = user.wagtail_userprofile.preferred_language
    except UserProfile.DoesNotExist:
        chosen = ""
    return chosen or settings.LANGUAGE_CODE


class FolderEmailBackend(BaseEmailBackend):
    """Development: each e-mail is written to a file of EMAIL_FILE_PATH (an .eml file,
    which a mail client opens), and one line is logged that says where to read it."""

    def send_messages(self, email_messages):
        folder = Path(settings.EMAIL_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            sent_at = timezone.localtime()
            path = folder / f"{sent_at:%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}.eml"
            path.write_bytes(message.message().as_bytes(linesep="\n"))
            logger.info(
                "E-mail to %s, “%s”: %s",
                ", ".join(message.recipients()),
                " ".join(str(message.subject).splitlines()),
                shown_path(path),
            )
        return len(email_messages)


def shown_path(path):
    """`path` from the current folder if it is inside it (var/mail/…), else in full."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
