"""In development each e-mail is written to a folder and announced in one line, instead
of being dumped raw on the console among the server's output."""

import logging

import pytest
from django.core import mail

from core.log_format import WithoutTaskRuns

pytestmark = pytest.mark.django_db


def test_an_e_mail_is_written_to_the_folder_and_announced_in_one_line(settings, tmp_path, caplog):
    settings.QUEUED_EMAIL_BACKEND = "core.mail.FolderEmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")

    with caplog.at_level(logging.INFO, logger="core.mail"):
        mail.send_mail("Bienvenue\u00a0!", "Confirmez votre adresse.", None, ["ana@example.com"])

    [written] = (tmp_path / "mail").glob("*.eml")
    assert "Confirmez votre adresse." in written.read_text()
    [notice] = [record.getMessage() for record in caplog.records if record.name == "core.mail"]
    assert notice == f"E-mail to ana@example.com, “Bienvenue\u00a0!”: {written}"
    assert "\n" not in notice


def test_development_logs_leave_out_task_runs_but_not_their_failures():
    quiet = WithoutTaskRuns()

    def record(name, level, message):
        return logging.makeLogRecord({"name": name, "levelno": level, "msg": message})

    assert not quiet.filter(record("django_tasks", logging.INFO, "Task id=1 state=RUNNING"))
    assert quiet.filter(record("django_tasks", logging.ERROR, "Task id=1 state=FAILED"))
    assert quiet.filter(record("core.mail", logging.INFO, "E-mail to ana@example.com"))
